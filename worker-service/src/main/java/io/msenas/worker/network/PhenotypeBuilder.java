package io.msenas.worker.network;

import io.msenas.model.genome.CellGenes;
import io.msenas.model.genome.DecodedGenome;
import io.msenas.model.genome.EdgeKind;
import io.msenas.model.genome.Motif;
import io.msenas.model.genome.MotifEdge;
import io.msenas.model.genome.MotifStep;
import io.msenas.worker.network.Phenotype.Clamp;
import io.msenas.worker.network.Phenotype.ComputeSpikes;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.Identity;
import io.msenas.worker.network.Phenotype.Node;
import io.msenas.worker.network.Phenotype.PixelView;
import io.msenas.worker.network.Phenotype.Shape;
import io.msenas.worker.network.Phenotype.SpikeGroup;
import io.msenas.worker.network.Phenotype.Step;
import io.msenas.worker.network.Phenotype.Zero;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a decoded genome into a {@link Phenotype} (ALGORITHM section 2).
 *
 * <p>Stem conv3x3-BN to 3C channels; L cells; reduction cells are a fixed factorized reduce (LIF,
 * 1x1 stride-2 convolutions of x and of x shifted by one pixel, concatenated, BN) that doubles the
 * channels; a normal cell reads the k previous cell outputs (the stem stands in for missing ones),
 * each preprocessed to the cell's size and C channels (LIF-conv1x1-BN; a factorized reduce per
 * reduction in between, then a LIF-conv3x3/2-BN for each further one), and evaluates its motif. The
 * head is LIF, global average pooling and a linear layer. Not thread-safe: one builder per build.
 */
public final class PhenotypeBuilder {

  private final NetworkSpec spec;
  private final List<Node> nodes = new ArrayList<>();
  private final List<SpikeGroup> groups = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();

  /** Node id -> how many in-place updates it has had: spikes are shared per (node, version). */
  private final Map<Integer, Integer> versions = new HashMap<>();

  private final Map<String, Integer> groupByInput = new HashMap<>();
  private final List<Boolean> written = new ArrayList<>();
  private int convCount;

  private PhenotypeBuilder(NetworkSpec spec) {
    this.spec = spec;
  }

  /** Builds the network of {@code genome} with the fixed hyperparameters {@code spec}. */
  public static Phenotype build(DecodedGenome genome, NetworkSpec spec) {
    return new PhenotypeBuilder(spec).buildNetwork(genome);
  }

  /**
   * A cell's output: the channel concatenation of some nodes, and how many reductions precede it.
   */
  private record CellOutput(List<Integer> nodes, int size, int channels, int reductions) {}

  private Phenotype buildNetwork(DecodedGenome genome) {
    int size = spec.inputSize();
    int channels = spec.channels();
    int stemChannels = 3 * spec.channels();
    int stemNode = addNode("stem", new Shape(size, size, stemChannels), true);
    written.set(stemNode, true);
    var stem = new Phenotype.Stem(spec.inputChannels(), stemChannels, stemNode);

    List<CellOutput> outputs = new ArrayList<>();
    outputs.add(new CellOutput(List.of(stemNode), size, stemChannels, 0));
    int reductions = 0;
    for (CellGenes cell : genome.cells()) {
      String prefix = "cell" + cell.index();
      if (cell instanceof CellGenes.Reduction) {
        CellOutput previous = outputs.get(outputs.size() - 1);
        int out = addNode(prefix + ".reduce", new Shape(size / 2, size / 2, channels * 2), false);
        factorizedReduce(
            prefix + ".reduce", previous.nodes(), previous.channels(), channels * 2, out);
        channels *= 2;
        size /= 2;
        reductions++;
        outputs.add(new CellOutput(List.of(out), size, channels, reductions));
      } else if (cell instanceof CellGenes.Normal normal) {
        outputs.add(
            normalCell(prefix, normal, genome.macroK(), outputs, size, channels, reductions));
      }
    }
    CellOutput last = outputs.get(outputs.size() - 1);
    int headSpikes = spikesOf("head.lif", last.nodes());
    return new Phenotype(
        spec,
        nodes,
        groups,
        steps,
        headSpikes,
        new Phenotype.Linear(last.channels(), spec.classes()),
        stem);
  }

  private CellOutput normalCell(
      String prefix,
      CellGenes.Normal cell,
      int k,
      List<CellOutput> outputs,
      int size,
      int channels,
      int reductions) {
    Motif motif = cell.motif();
    // template node id -> network node id; inputs s0..s(k-1) are the k previous outputs, oldest
    // first
    Map<Integer, Integer> nodeOf = new HashMap<>();
    // an empty motif reads none of its inputs: the cell is deleted, preprocessing included
    for (int slot = 0; slot < motif.inputs() && !motif.isZero(); slot++) {
      int index = Math.max(0, outputs.size() - motif.inputs() + slot);
      CellOutput source = outputs.get(index);
      nodeOf.put(slot, preprocess(prefix + ".s" + slot, source, size, channels, reductions));
    }
    List<MotifEdge> convEdges = motif.convEdgesInGeneOrder();
    for (MotifStep step : motif.steps()) {
      if (step instanceof MotifStep.Node node) {
        int target = addNode(prefix + ".n" + node.node(), new Shape(size, size, channels), false);
        nodeOf.put(node.node(), target);
        if (node.inputs().isEmpty()) {
          steps.add(new Zero(target));
          written.set(target, true);
        }
        for (MotifEdge edge : node.inputs()) {
          addEdge(prefix, edge, nodeOf, convEdges, cell.kernelSizes(), channels, target);
        }
      } else if (step instanceof MotifStep.Feedback feedback) {
        int target = nodeOf.get(feedback.edge().target());
        addEdge(prefix, feedback.edge(), nodeOf, convEdges, cell.kernelSizes(), channels, target);
        versions.merge(target, 1, Integer::sum);
      }
    }
    List<Integer> concat = motif.concat().stream().map(nodeOf::get).toList();
    return new CellOutput(concat, size, channels * concat.size(), reductions);
  }

  private void addEdge(
      String prefix,
      MotifEdge edge,
      Map<Integer, Integer> nodeOf,
      List<MotifEdge> convEdges,
      List<Integer> kernels,
      int channels,
      int target) {
    int source = nodeOf.get(edge.source());
    boolean overwrite = !written.get(target);
    written.set(target, true);
    if (edge.kind() == EdgeKind.IDENTITY) {
      steps.add(new Identity(source, target, overwrite));
      return;
    }
    int geneIndex = convEdges.indexOf(edge);
    if (geneIndex < 0) {
      throw new IllegalStateException("edge " + edge + " is not a conv edge of its motif");
    }
    int kernel = kernels.get(geneIndex);
    String name = prefix + ".e" + edge.source() + "-" + edge.target() + "." + geneIndex;
    int spikes = spikesOf(prefix + ".lif" + edge.source() + versionSuffix(source), List.of(source));
    Clamp clamp = edge.kind() == EdgeKind.INHIBITORY ? Clamp.INHIBITORY : Clamp.EXCITATORY;
    addConv(
        name, spikes, PixelView.FULL, kernel, 1, channels, channels, clamp, target, 0, overwrite);
  }

  /**
   * Brings a previous cell output to this cell's size and C channels. Returns the node holding it.
   */
  private int preprocess(String name, CellOutput source, int size, int channels, int reductions) {
    int apart = reductions - source.reductions();
    if (apart == 0) {
      int out = addNode(name, new Shape(size, size, channels), false);
      int spikes = spikesOf(name + ".lif", source.nodes());
      addConv(
          name + ".conv1x1",
          spikes,
          PixelView.FULL,
          1,
          1,
          source.channels(),
          channels,
          Clamp.NONE,
          out,
          0,
          true);
      return out;
    }
    int reducedSize = source.size() / 2;
    int current = addNode(name + ".reduce", new Shape(reducedSize, reducedSize, channels), false);
    factorizedReduce(name + ".reduce", source.nodes(), source.channels(), channels, current);
    for (int extra = 1; extra < apart; extra++) {
      reducedSize /= 2;
      int next =
          addNode(name + ".down" + extra, new Shape(reducedSize, reducedSize, channels), false);
      int spikes = spikesOf(name + ".down" + extra + ".lif", List.of(current));
      addConv(
          name + ".down" + extra + ".conv3x3s2",
          spikes,
          PixelView.FULL,
          3,
          2,
          channels,
          channels,
          Clamp.NONE,
          next,
          0,
          true);
      current = next;
    }
    return current;
  }

  /**
   * LIF, two 1x1 stride-2 convolutions (on x and on x shifted by one pixel) to half the channels
   * each, BN.
   */
  private void factorizedReduce(
      String name, List<Integer> sources, int inChannels, int outChannels, int target) {
    int spikes = spikesOf(name + ".lif", sources);
    int half = outChannels / 2;
    addConv(
        name + ".even",
        spikes,
        PixelView.EVEN,
        1,
        1,
        inChannels,
        half,
        Clamp.NONE,
        target,
        0,
        true);
    addConv(
        name + ".odd",
        spikes,
        PixelView.ODD,
        1,
        1,
        inChannels,
        half,
        Clamp.NONE,
        target,
        half,
        true);
    written.set(target, true);
  }

  private void addConv(
      String name,
      int spikes,
      PixelView view,
      int kernel,
      int stride,
      int in,
      int out,
      Clamp clamp,
      int target,
      int offset,
      boolean overwrite) {
    steps.add(
        new Conv(
            convCount++,
            name,
            spikes,
            view,
            kernel,
            stride,
            in,
            out,
            clamp,
            target,
            offset,
            overwrite));
    written.set(target, true);
  }

  /**
   * The spike group of a LIF reading the current value of {@code sources}: an existing group is
   * reused (and counted once more) when the same values were already read.
   */
  private int spikesOf(String name, List<Integer> sources) {
    StringBuilder key = new StringBuilder();
    for (int source : sources) {
      key.append(source).append('@').append(versions.getOrDefault(source, 0)).append(',');
    }
    Integer existing = groupByInput.get(key.toString());
    if (existing != null) {
      SpikeGroup group = groups.get(existing);
      groups.set(
          existing,
          new SpikeGroup(
              group.id(), group.name(), group.sources(), group.shape(), group.multiplicity() + 1));
      return existing;
    }
    Shape first = nodes.get(sources.get(0)).shape();
    int channels = sources.stream().mapToInt(s -> nodes.get(s).shape().channels()).sum();
    int id = groups.size();
    groups.add(
        new SpikeGroup(id, name, sources, new Shape(first.height(), first.width(), channels), 1));
    groupByInput.put(key.toString(), id);
    steps.add(new ComputeSpikes(id));
    return id;
  }

  private int addNode(String name, Shape shape, boolean timeInvariant) {
    int id = nodes.size();
    nodes.add(new Node(id, name, shape, timeInvariant));
    written.add(false);
    return id;
  }

  /**
   * "" for a node's first value, "v1", "v2"... after each feedback into it: spike group names are
   * unique.
   */
  private String versionSuffix(int node) {
    int version = versions.getOrDefault(node, 0);
    return version == 0 ? "" : "v" + version;
  }
}
