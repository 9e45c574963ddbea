package io.msenas.model.genome;

import java.util.List;
import java.util.Objects;

/**
 * One step of a motif template, in execution order within a time step.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface MotifStep permits MotifStep.Node, MotifStep.Feedback {

  /**
   * Computes an intermediate node: {@code node := sum of op(edge) over inputs}. An empty input list
   * means a zero node (m0, mm0): the node exists, holds zeros and has no edges.
   *
   * @param node the node being computed, {@code >= 0}
   * @param inputs its incoming edges, each with {@code target == node}; copied, never {@code null}
   */
  record Node(int node, List<MotifEdge> inputs) implements MotifStep {

    /** Validates the step and copies the inputs. */
    public Node {
      if (node < 0) {
        throw new IllegalArgumentException("node must be >= 0, was " + node);
      }
      inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
      for (MotifEdge edge : inputs) {
        if (edge.target() != node) {
          throw new IllegalArgumentException(
              "input edge of node " + node + " must target it, was " + edge);
        }
      }
    }
  }

  /**
   * A feedback edge, fired right after its source node is computed: {@code edge.target +=
   * op(edge.source)}, in place, within the same time step.
   *
   * @param edge the feedback edge, never {@code null}
   */
  record Feedback(MotifEdge edge) implements MotifStep {

    /** Validates the step. */
    public Feedback {
      Objects.requireNonNull(edge, "edge");
    }
  }
}
