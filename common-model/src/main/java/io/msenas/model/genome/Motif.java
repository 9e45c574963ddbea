package io.msenas.model.genome;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A motif template: the circuit one normal cell instantiates (the meso scale of the search).
 *
 * <p>Node numbering: input slots {@code 0 .. inputs-1}, then intermediate nodes. The steps run in
 * order once per time step; the cell's output is the channel concatenation of the {@code concat}
 * nodes, so {@link #width()} is the cell's channel multiplier. The catalogue of templates is {@link
 * MotifCatalogue}; this type only checks that a template is well formed: every edge reads a node
 * that already exists, a feedback step follows the node it reads and adds into an earlier
 * intermediate node, and no edge repeats (so an edge identifies its kernel gene).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the template's name as in docs/algorithm.md ("m3", "mm1"), never blank
 * @param id the template's index within its family, {@code >= 0}
 * @param inputs how many input slots (previous cells) the template reads, {@code >= 1}
 * @param steps the steps in execution order; copied, non-empty
 * @param concat the nodes whose channels form the cell output, in order; copied, non-empty
 */
public record Motif(String name, int id, int inputs, List<MotifStep> steps, List<Integer> concat) {

  /** Validates the template and copies its lists. */
  public Motif {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "motif name must not be blank, was " + (name == null ? "null" : "'" + name + "'"));
    }
    if (id < 0) {
      throw new IllegalArgumentException("motif id must be >= 0, was " + id);
    }
    if (inputs < 1) {
      throw new IllegalArgumentException("motif inputs must be >= 1, was " + inputs);
    }
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    concat = List.copyOf(Objects.requireNonNull(concat, "concat"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("motif " + name + " must have at least one step");
    }
    if (concat.isEmpty()) {
      throw new IllegalArgumentException("motif " + name + " must concatenate at least one node");
    }
    checkWellFormed(name, inputs, steps, concat);
  }

  private static void checkWellFormed(
      String name, int inputs, List<MotifStep> steps, List<Integer> concat) {
    Set<Integer> defined = new HashSet<>();
    for (int slot = 0; slot < inputs; slot++) {
      defined.add(slot);
    }
    Set<MotifEdge> seen = new HashSet<>();
    int lastComputed = -1;
    for (MotifStep step : steps) {
      if (step instanceof MotifStep.Node n) {
        if (n.node() < inputs || defined.contains(n.node())) {
          throw new IllegalArgumentException(
              "motif "
                  + name
                  + ": node "
                  + n.node()
                  + " must be a new intermediate node (>= "
                  + inputs
                  + ")");
        }
        for (MotifEdge edge : n.inputs()) {
          requireDefined(name, defined, edge.source(), edge);
          requireUnique(name, seen, edge);
        }
        defined.add(n.node());
        lastComputed = n.node();
      } else if (step instanceof MotifStep.Feedback f) {
        MotifEdge edge = f.edge();
        if (edge.source() != lastComputed) {
          throw new IllegalArgumentException(
              "motif "
                  + name
                  + ": feedback "
                  + edge
                  + " must follow the step computing node "
                  + edge.source());
        }
        if (edge.target() < inputs) {
          throw new IllegalArgumentException(
              "motif "
                  + name
                  + ": feedback "
                  + edge
                  + " must add into an intermediate node, not input slot "
                  + edge.target());
        }
        requireDefined(name, defined, edge.target(), edge);
        requireUnique(name, seen, edge);
      }
    }
    Set<Integer> concatenated = new HashSet<>();
    for (Integer node : concat) {
      if (node == null || !defined.contains(node) || !concatenated.add(node)) {
        throw new IllegalArgumentException(
            "motif "
                + name
                + ": concat node "
                + node
                + " must be a distinct node computed by the motif");
      }
    }
  }

  private static void requireDefined(String name, Set<Integer> defined, int node, MotifEdge edge) {
    if (!defined.contains(node)) {
      throw new IllegalArgumentException(
          "motif " + name + ": edge " + edge + " uses node " + node + " before it is computed");
    }
  }

  private static void requireUnique(String name, Set<MotifEdge> seen, MotifEdge edge) {
    if (!seen.add(edge)) {
      throw new IllegalArgumentException("motif " + name + ": edge " + edge + " appears twice");
    }
  }

  /**
   * The conv edges in the order the genome's kernel genes follow: forward conv edges in template
   * order (step order, then input order within a node), then conv feedback edges in step order.
   * Kernel gene {@code b+1+i} of a cell block starting at gene {@code b} is the kernel of element
   * {@code i}. Identity edges are skipped: they have no gene.
   *
   * @return an immutable list, empty for a zero motif
   */
  public List<MotifEdge> convEdgesInGeneOrder() {
    List<MotifEdge> forward = new ArrayList<>();
    List<MotifEdge> feedback = new ArrayList<>();
    for (MotifStep step : steps) {
      if (step instanceof MotifStep.Node n) {
        for (MotifEdge edge : n.inputs()) {
          if (edge.isConv()) {
            forward.add(edge);
          }
        }
      } else if (step instanceof MotifStep.Feedback f && f.edge().isConv()) {
        feedback.add(f.edge());
      }
    }
    forward.addAll(feedback);
    return List.copyOf(forward);
  }

  /**
   * How many kernel genes this template reads.
   *
   * @return {@code convEdgesInGeneOrder().size()}
   */
  public int convEdgeCount() {
    return convEdgesInGeneOrder().size();
  }

  /**
   * The cell's channel multiplier: how many nodes are concatenated into its output.
   *
   * @return {@code concat().size()}, at least 1
   */
  public int width() {
    return concat.size();
  }

  /**
   * Tells whether the cell's output can carry the network's input, given which input slots carry
   * it: true when some concatenated node is reached from a carrying slot through the template's
   * edges (forward or feedback). A zero motif carries nothing.
   *
   * @param slotCarries per input slot, whether it carries the input; length {@link #inputs()}
   * @return whether any output node can depend on a carrying slot
   * @throws IllegalArgumentException if the array's length is not {@link #inputs()}
   */
  public boolean carriesInput(boolean[] slotCarries) {
    if (slotCarries.length != inputs) {
      throw new IllegalArgumentException(
          "motif " + name + " has " + inputs + " input slots, got " + slotCarries.length);
    }
    Set<Integer> reached = new HashSet<>();
    for (int slot = 0; slot < inputs; slot++) {
      if (slotCarries[slot]) {
        reached.add(slot);
      }
    }
    List<MotifEdge> edges = new ArrayList<>();
    for (MotifStep step : steps) {
      if (step instanceof MotifStep.Node node) {
        edges.addAll(node.inputs());
      } else {
        edges.add(((MotifStep.Feedback) step).edge());
      }
    }
    // a feedback edge can reach a node that earlier edges read, so repeat until nothing changes
    boolean changed = true;
    while (changed) {
      changed = false;
      for (MotifEdge edge : edges) {
        if (reached.contains(edge.source()) && reached.add(edge.target())) {
          changed = true;
        }
      }
    }
    for (int node : concat) {
      if (reached.contains(node)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether this is a zero motif (m0, mm0): a single node with no edges, so the cell outputs
   * zeros and is effectively deleted.
   *
   * @return {@code true} when no step has an edge
   */
  @JsonIgnore
  public boolean isZero() {
    for (MotifStep step : steps) {
      if (step instanceof MotifStep.Feedback || !((MotifStep.Node) step).inputs().isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
