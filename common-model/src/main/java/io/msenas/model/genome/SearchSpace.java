package io.msenas.model.genome;

import jakarta.validation.constraints.NotNull;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A search space: how a flat genome maps to a spiking network (docs/algorithm.md sections 2 and 3).
 *
 * <p>Layout of version {@value #VERSION_1}: {@value #GENES_PER_CELL} genes per cell, then one macro
 * gene, so {@code 20 * cells + 1} genes. Cell block {@code i} starts at gene {@code b = 20 * i}:
 * gene {@code b} is the motif gene, in {@code [0, motifMax]}; genes {@code b+1 .. b+19} are kernel
 * genes in {@code [0, 1]} (0 for 3x3, 1 for 5x5), one per conv edge of the motif in {@link
 * Motif#convEdgesInGeneOrder()} order, the rest unused. The last gene is the macro gene k in {@code
 * [macroMin, macroMax]}: 3 selects the m family ({@code m<gene>}), 2 the mm family ({@code mm<gene
 * % 4>}). Reduction cells ({@link #reductionCells()}) ignore their genes, which still have the same
 * bounds. Macro k = 4, which docs/algorithm.md mentions as optional, is not offered in {@value
 * #VERSION_1}: it has no motif family.
 *
 * <p><b>Canonical form and content hash.</b> Many genes do not code. {@link #canonical} zeroes them
 * (reduction cells: all 20 genes; normal cells: kernel genes past the motif's conv-edge count, all
 * of them for a zero motif) and replaces the motif gene by the effective motif id ({@code gene % 4}
 * under k = 2), so that genomes for the same network are equal. {@link #contentHash} is the
 * lowercase hex SHA-256 of: the UTF-8 bytes of the version, one 0 byte, then each canonical gene as
 * a 4-byte big-endian int, and, only where the network has a conv feedback edge made inhibitory by
 * {@link #feedbackSign}, the UTF-8 bytes of {@code "\0feedback=inhibitory"} (the genes do not say
 * the sign; with the default excitatory sign nothing is added). Duplicate elimination and the
 * fitness cache key on this hash.
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the layout version; only {@value #VERSION_1} exists
 * @param cells the number of cells L, in {@code [4, 64]}
 * @param inputKind where the reduction cells sit, never {@code null}
 * @param motifMax the largest motif gene, in {@code [0, 5]} (3 is the release's default; 4 and 5
 *     reach m4 and m5 under k = 3 and wrap to mm0 and mm1 under k = 2)
 * @param macroMin the smallest macro gene, {@code >= 2}
 * @param macroMax the largest macro gene, in {@code [macroMin, 3]}
 * @param feedbackSign the kind of conv feedback edges, never {@code null}
 */
public record SearchSpace(
    String version,
    int cells,
    @NotNull InputKind inputKind,
    int motifMax,
    int macroMin,
    int macroMax,
    @NotNull FeedbackSign feedbackSign) {

  /** The first (and so far only) search-space version. */
  public static final String VERSION_1 = "mse-v1";

  /** Every version this code decodes. */
  public static final List<String> KNOWN_VERSIONS = List.of(VERSION_1);

  /** Genes in each cell block: one motif gene and 19 kernel genes (m4 uses 12). */
  public static final int GENES_PER_CELL = 20;

  /** Validates the parameters. */
  public SearchSpace {
    if (!KNOWN_VERSIONS.contains(version)) {
      throw new IllegalArgumentException(
          "search space version must be one of "
              + KNOWN_VERSIONS
              + ", was "
              + (version == null ? "null" : "'" + version + "'"));
    }
    if (cells < 4 || cells > 64) {
      throw new IllegalArgumentException("cells must be in [4, 64], was " + cells);
    }
    Objects.requireNonNull(inputKind, "inputKind");
    if (motifMax < 0 || motifMax > MotifCatalogue.M_FAMILY_SIZE - 1) {
      throw new IllegalArgumentException(
          "motifMax must be in [0, " + (MotifCatalogue.M_FAMILY_SIZE - 1) + "], was " + motifMax);
    }
    if (macroMin < 2 || macroMin > 3) {
      throw new IllegalArgumentException(
          "macroMin must be in [2, 3]" + macroNote(macroMin) + ", was " + macroMin);
    }
    if (macroMax < macroMin || macroMax > 3) {
      throw new IllegalArgumentException(
          "macroMax must be in [" + macroMin + ", 3]" + macroNote(macroMax) + ", was " + macroMax);
    }
    Objects.requireNonNull(feedbackSign, "feedbackSign");
  }

  /**
   * The release's defaults for a network of {@code cells} cells: version {@value #VERSION_1}, motif
   * genes {@code [0, 3]}, macro genes {@code [2, 3]}, excitatory conv feedback.
   *
   * @param cells the number of cells L, in {@code [4, 64]}
   * @param inputKind where the reduction cells sit, never {@code null}
   * @return the space
   * @throws IllegalArgumentException if {@code cells} is out of range
   */
  public static SearchSpace of(int cells, InputKind inputKind) {
    return new SearchSpace(VERSION_1, cells, inputKind, 3, 2, 3, FeedbackSign.EXCITATORY);
  }

  /**
   * This space with another motif range.
   *
   * @param motifMax the largest motif gene, in {@code [0, 5]}
   * @return a new space
   */
  public SearchSpace withMotifMax(int motifMax) {
    return new SearchSpace(version, cells, inputKind, motifMax, macroMin, macroMax, feedbackSign);
  }

  /**
   * This space with another sign for conv feedback edges.
   *
   * @param s the sign, never {@code null}
   * @return a new space
   */
  public SearchSpace withFeedbackSign(FeedbackSign s) {
    return new SearchSpace(version, cells, inputKind, motifMax, macroMin, macroMax, s);
  }

  /**
   * This space with another macro range.
   *
   * @param min the smallest macro gene, {@code >= 2}
   * @param max the largest macro gene, in {@code [min, 3]}
   * @return a new space
   */
  public SearchSpace withMacroRange(int min, int max) {
    return new SearchSpace(version, cells, inputKind, motifMax, min, max, feedbackSign);
  }

  /**
   * The number of genes of a genome of this space.
   *
   * @return {@code 20 * cells + 1} (121 for L = 6)
   */
  public int genomeLength() {
    return GENES_PER_CELL * cells + 1;
  }

  /**
   * The reduction cells, ascending. Static images: {@code floor(L/4), floor(L/2), floor(3L/4)} (1,
   * 3, 4 for L = 6; 1, 2, 3 for L = 4). Events: {@code floor(L/6), floor(L/2), floor(5L/6)} (1, 3,
   * 5 for L = 6; for L below 6 cell 0 is a reduction). Always three distinct cells.
   *
   * @return an immutable list of three cell indices
   */
  public List<Integer> reductionCells() {
    return switch (inputKind) {
      case STATIC_IMAGE -> List.of(cells / 4, cells / 2, 3 * cells / 4);
      case EVENTS -> List.of(cells / 6, cells / 2, 5 * cells / 6);
    };
  }

  /**
   * Tells whether a cell is a reduction cell (a fixed factorized reduce that ignores its genes).
   *
   * @param cell the cell index, in {@code [0, cells)}
   * @return {@code true} for a reduction cell
   * @throws IndexOutOfBoundsException if {@code cell} is out of range
   */
  public boolean isReduction(int cell) {
    Objects.checkIndex(cell, cells);
    return reductionCells().contains(cell);
  }

  /**
   * The bounds of one gene. Reduction cells' genes have the same bounds as normal cells' genes,
   * although they do not code, so that variation operators need not know the layout.
   *
   * @param geneIndex the gene, in {@code [0, genomeLength())}
   * @return motif gene {@code [0, motifMax]}, kernel gene {@code [0, 1]}, macro gene {@code
   *     [macroMin, macroMax]}
   * @throws IndexOutOfBoundsException if {@code geneIndex} is out of range
   */
  public GeneBounds bounds(int geneIndex) {
    Objects.checkIndex(geneIndex, genomeLength());
    if (geneIndex == genomeLength() - 1) {
      return new GeneBounds(macroMin, macroMax);
    }
    return geneIndex % GENES_PER_CELL == 0 ? new GeneBounds(0, motifMax) : new GeneBounds(0, 1);
  }

  /**
   * A genome with every gene drawn uniformly from its bounds (the initial population).
   *
   * @param rng the source of randomness, never {@code null}; not thread-safe in general, so the
   *     caller owns it
   * @return a valid genome of this space
   */
  public Genome randomGenome(RandomGenerator rng) {
    Objects.requireNonNull(rng, "rng");
    int[] genes = new int[genomeLength()];
    for (int i = 0; i < genes.length; i++) {
      GeneBounds b = bounds(i);
      genes[i] = rng.nextInt(b.lower(), b.upper() + 1);
    }
    return new Genome(version, genes);
  }

  /**
   * Tells whether a genome's network can classify at all. It cannot when no path carries the input
   * from the stem to the head, which a zero cell (motif m0 or mm0, "effectively deleted") can cut:
   * as the last cell, or wherever every later cell reads only cut-off cells (a reduction cell reads
   * only the cell before it; with k = 2 a zero cell just before a reduction cuts every path). The
   * head then reads only zeros whatever the input, every spike pattern is the same for all inputs
   * (fitness 0), and the network stays at chance however it is trained. A search breeds only
   * genomes that can classify, and the worker fails the others ({@link #requireCanClassify}).
   *
   * @param g the genome, never {@code null}
   * @return {@code false} when no path carries the input to the head
   * @throws InvalidGenomeException if the genome does not fit (see {@link #validate})
   */
  public boolean canClassify(Genome g) {
    return reachesHead(decode(g).cells(), -1);
  }

  /**
   * The first of {@code rng}'s uniform draws ({@link #randomGenome}) that can classify ({@link
   * #canClassify}): a network as a search's generation 0 draws it.
   *
   * @param rng the source of randomness, never {@code null}; the caller owns it
   * @return a valid genome of this space that can classify
   * @throws IllegalStateException if no network of this space can classify ({@link
   *     #shareThatCanClassify} is 0), where the draws would never end
   */
  public Genome randomGenomeThatCanClassify(RandomGenerator rng) {
    if (shareThatCanClassify() == 0) {
      throw new IllegalStateException("no network of " + this + " can classify");
    }
    Genome genome = randomGenome(rng);
    while (!canClassify(genome)) {
      genome = randomGenome(rng);
    }
    return genome;
  }

  /**
   * The share of this space's uniformly random genomes (generation 0's draws, {@link
   * #randomGenome}) that can classify ({@link #canClassify}), computed exactly: only the motif
   * genes and the macro gene decide it, cell by cell, from which of the last outputs carry the
   * input.
   *
   * @return a probability in [0, 1]
   */
  public double shareThatCanClassify() {
    double sum = 0;
    for (int k = macroMin; k <= macroMax; k++) {
      // probability of each pattern of the last three outputs carrying the input: bit 0 the
      // latest; the stem stands in for missing outputs, so all three carry at the start
      double[] pattern = new double[8];
      pattern[7] = 1;
      for (int cell = 0; cell < cells; cell++) {
        double[] next = new double[8];
        for (int mask = 0; mask < 8; mask++) {
          if (pattern[mask] == 0) {
            continue;
          }
          if (isReduction(cell)) {
            next[shift(mask, (mask & 1) != 0)] += pattern[mask];
            continue;
          }
          for (int gene = 0; gene <= motifMax; gene++) {
            Motif motif = MotifCatalogue.motif(k, gene, feedbackSign);
            boolean[] slots = new boolean[motif.inputs()];
            for (int slot = 0; slot < slots.length; slot++) {
              slots[slot] = (mask >> (slots.length - 1 - slot) & 1) != 0;
            }
            next[shift(mask, motif.carriesInput(slots))] += pattern[mask] / (motifMax + 1);
          }
        }
        pattern = next;
      }
      for (int mask = 1; mask < 8; mask += 2) {
        sum += pattern[mask];
      }
    }
    return sum / (macroMax - macroMin + 1);
  }

  /** The pattern of the last three outputs after one more output. */
  private static int shift(int mask, boolean carries) {
    return (mask << 1 | (carries ? 1 : 0)) & 7;
  }

  /**
   * Fails a genome whose network cannot classify ({@link #canClassify}), naming the zero cells that
   * cut the input off.
   *
   * @param g the genome, never {@code null}
   * @throws InvalidGenomeException if the genome does not fit, or no path carries the input to the
   *     head (the exception's gene is the motif gene of the last cell when that is a zero cell,
   *     else of the first zero cell where a coding motif alone would restore a path, else of the
   *     first zero cell)
   */
  public void requireCanClassify(Genome g) {
    Cut cut = headCutOff(decode(g));
    if (cut != null) {
      throw new InvalidGenomeException(cut.message(), cut.geneIndex());
    }
  }

  /** Why a network cannot classify, and the gene to blame. */
  private record Cut(String message, int geneIndex) {}

  /** Null when some path carries the input from the stem to the head, else why none does. */
  private static Cut headCutOff(DecodedGenome decoded) {
    List<CellGenes> cells = decoded.cells();
    if (cells.get(cells.size() - 1) instanceof CellGenes.Normal last && last.motif().isZero()) {
      return new Cut(
          "the last cell (cell "
              + last.index()
              + ") is a zero cell (motif "
              + last.motif().name()
              + "): the head would read only zeros and the network could not classify",
          last.index() * GENES_PER_CELL);
    }
    if (reachesHead(cells, -1)) {
      return null;
    }
    // name the zero cells that matter: those where a coding motif alone would restore a path, else
    // all of them
    List<CellGenes.Normal> zeros = new ArrayList<>();
    List<CellGenes.Normal> single = new ArrayList<>();
    for (CellGenes cell : cells) {
      if (cell instanceof CellGenes.Normal normal && normal.motif().isZero()) {
        zeros.add(normal);
        if (reachesHead(cells, normal.index())) {
          single.add(normal);
        }
      }
    }
    List<CellGenes.Normal> named = single.isEmpty() ? zeros : single;
    List<String> names = new ArrayList<>();
    for (CellGenes.Normal cell : named) {
      names.add(cell.index() + " (motif " + cell.motif().name() + ")");
    }
    String why;
    if (named.size() == 1) {
      why = "the zero cell " + names.get(0) + " cuts every one";
    } else if (single.isEmpty()) {
      why = "the zero cells " + String.join(", ", names) + " together cut every one";
    } else {
      why =
          "a coding motif in any one of the zero cells "
              + String.join(", ", names)
              + " would"
              + " restore one";
    }
    return new Cut(
        "no path carries the input from the stem to the head: "
            + why
            + ", so the head would read only zeros and the network could not classify",
        named.get(0).index() * GENES_PER_CELL);
  }

  /**
   * Whether some path carries the input from the stem to the last cell's output, with cell {@code
   * asCoding} (a zero cell, or -1 for none) counted as a coding cell that passes on any input it
   * reads. Outputs as the phenotype numbers them: 0 is the stem, i + 1 is cell i; a normal cell's
   * slots are the outputs just before it (the stem standing in for missing ones), a reduction cell
   * reads the output before it.
   */
  private static boolean reachesHead(List<CellGenes> cells, int asCoding) {
    boolean[] carries = new boolean[cells.size() + 1];
    carries[0] = true;
    for (CellGenes cell : cells) {
      int out = cell.index() + 1;
      if (cell instanceof CellGenes.Normal normal) {
        Motif motif = normal.motif();
        boolean[] slots = new boolean[motif.inputs()];
        boolean any = false;
        for (int slot = 0; slot < slots.length; slot++) {
          slots[slot] = carries[Math.max(0, out - motif.inputs() + slot)];
          any |= slots[slot];
        }
        carries[out] = cell.index() == asCoding ? any : motif.carriesInput(slots);
      } else {
        carries[out] = carries[out - 1];
      }
    }
    return carries[cells.size()];
  }

  /**
   * Checks that a genome fits this space.
   *
   * @param g the genome, never {@code null}
   * @throws InvalidGenomeException for a wrong version or length ({@code geneIndex() == -1}), or
   *     for the first gene (by index) out of its bounds
   */
  public void validate(Genome g) {
    Objects.requireNonNull(g, "genome");
    if (!version.equals(g.searchSpaceVersion())) {
      throw new InvalidGenomeException(
          "genome version '"
              + g.searchSpaceVersion()
              + "' does not match search space version '"
              + version
              + "' (known versions: "
              + KNOWN_VERSIONS
              + ")",
          -1);
    }
    if (g.length() != genomeLength()) {
      throw new InvalidGenomeException(
          "genome length must be "
              + genomeLength()
              + " ("
              + GENES_PER_CELL
              + " genes x "
              + cells
              + " cells + 1 macro gene), was "
              + g.length(),
          -1);
    }
    for (int i = 0; i < g.length(); i++) {
      GeneBounds b = bounds(i);
      if (!b.contains(g.gene(i))) {
        throw new InvalidGenomeException(
            "gene "
                + i
                + " ("
                + GenomeCodec.describe(this, i)
                + ") = "
                + g.gene(i)
                + " is out of its bounds "
                + b,
            i);
      }
    }
  }

  /**
   * Decodes a genome into what shapes the network.
   *
   * @param g the genome, never {@code null}
   * @return the decoded genome
   * @throws InvalidGenomeException if the genome does not fit (see {@link #validate})
   */
  public DecodedGenome decode(Genome g) {
    validate(g);
    return GenomeCodec.decode(this, g);
  }

  /**
   * Encodes a decoded genome; the result is canonical.
   *
   * @param decoded a decoded genome of this space, never {@code null}
   * @return the canonical genome
   * @throws IllegalArgumentException if {@code decoded} belongs to another space
   */
  public Genome encode(DecodedGenome decoded) {
    Objects.requireNonNull(decoded, "decoded");
    if (!equals(decoded.space())) {
      throw new IllegalArgumentException(
          "decoded genome belongs to " + decoded.space() + ", not " + this);
    }
    return GenomeCodec.encode(decoded);
  }

  /**
   * The canonical form: non-coding genes zeroed and the motif gene replaced by the effective motif
   * id, so that genomes for the same network are equal (see the type's description).
   *
   * @param g the genome, never {@code null}
   * @return the canonical genome (possibly equal to {@code g})
   * @throws InvalidGenomeException if the genome does not fit (see {@link #validate})
   */
  public Genome canonical(Genome g) {
    return encode(decode(g));
  }

  /**
   * The content hash: lowercase hex SHA-256 of the canonical form (see the type's description).
   * Equal exactly when the genomes decode to the same network in this space.
   *
   * @param g the genome, never {@code null}
   * @return 64 lowercase hex characters
   * @throws InvalidGenomeException if the genome does not fit (see {@link #validate})
   */
  public String contentHash(Genome g) {
    DecodedGenome decoded = decode(g);
    Genome canonical = encode(decoded);
    byte[] versionBytes = version.getBytes(StandardCharsets.UTF_8);
    // the genes alone do not say the sign of conv feedback edges: where the space makes them
    // inhibitory and the network has one, the hash says so (the excitatory default adds nothing,
    // so hashes stored before the option existed stay valid)
    byte[] signBytes =
        hasInhibitoryFeedback(decoded)
            ? INHIBITORY_FEEDBACK_MARK.getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    ByteBuffer buffer =
        ByteBuffer.allocate(
            versionBytes.length + 1 + Integer.BYTES * canonical.length() + signBytes.length);
    buffer.put(versionBytes).put((byte) 0);
    for (int gene : canonical.genes()) {
      buffer.putInt(gene); // ByteBuffer is big-endian by default
    }
    buffer.put(signBytes);
    return HexFormat.of().formatHex(sha256().digest(buffer.array()));
  }

  /** Appended to the hashed bytes of a network with inhibitory conv feedback edges. */
  private static final String INHIBITORY_FEEDBACK_MARK = "\0feedback=inhibitory";

  private static boolean hasInhibitoryFeedback(DecodedGenome decoded) {
    for (CellGenes cell : decoded.cells()) {
      if (cell instanceof CellGenes.Normal normal) {
        for (MotifStep step : normal.motif().steps()) {
          if (step instanceof MotifStep.Feedback feedback
              && feedback.edge().kind() == EdgeKind.INHIBITORY) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Which genes code: motif genes and the used kernel genes of normal cells, and the macro gene.
   *
   * @param g the genome, never {@code null}
   * @return an immutable list of {@link #genomeLength()} flags
   * @throws InvalidGenomeException if the genome does not fit (see {@link #validate})
   */
  public List<Boolean> codingMask(Genome g) {
    validate(g);
    return GenomeCodec.codingMask(this, g);
  }

  // docs/algorithm.md calls k = 4 optional, so a caller asking for it deserves to know why it is
  // refused
  private static String macroNote(int k) {
    return k > 3
        ? " (k = 4 is not offered in " + VERSION_1 + ": no motif family reads 4 inputs)"
        : "";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // every Java platform must provide SHA-256, so this cannot happen on a conforming JVM
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
