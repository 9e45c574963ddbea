package io.msenas.model.genome;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The motif templates of search space {@code mse-v1}, exactly as docs/algorithm.md's table: the m
 * family (3 inputs, read under macro gene k = 3) and the mm family (2 inputs, k = 2).
 *
 * <p>Motifs read as feedforward excitation (m1), feedforward inhibition / disinhibition (m2),
 * recurrent excitation (m3), lateral inhibition (m4), feedback inhibition (m5); m0 and mm0 are the
 * zero motifs. A conv feedback edge takes its kind from the {@link FeedbackSign}; identity feedback
 * edges stay {@link EdgeKind#IDENTITY}.
 *
 * <p>Changing a template changes what existing genomes mean: that needs a new search-space version,
 * never an edit here.
 *
 * <p>Stateless; the templates are built once and shared. Thread-safe.
 */
public final class MotifCatalogue {

  /** Number of m-family templates, m0..m5 (3 inputs). */
  public static final int M_FAMILY_SIZE = 6;

  /** Number of mm-family templates, mm0..mm3 (2 inputs). */
  public static final int MM_FAMILY_SIZE = 4;

  private static final Map<FeedbackSign, List<Motif>> M_FAMILY = new EnumMap<>(FeedbackSign.class);
  private static final Map<FeedbackSign, List<Motif>> MM_FAMILY = new EnumMap<>(FeedbackSign.class);

  static {
    for (FeedbackSign sign : FeedbackSign.values()) {
      M_FAMILY.put(sign, buildMFamily(sign.edgeKind()));
      MM_FAMILY.put(sign, buildMmFamily(sign.edgeKind()));
    }
  }

  private MotifCatalogue() {}

  /**
   * The template a cell's motif gene selects.
   *
   * @param macroK the macro gene: 3 selects the m family (motif {@code m<motifGene>}), 2 the mm
   *     family (motif {@code mm<motifGene % 4>}, so larger genes wrap around)
   * @param motifGene the cell's motif gene, {@code >= 0}; under k = 3 at most 5
   * @param feedbackSign the kind of the conv feedback edges, never {@code null}
   * @return the shared template, never {@code null}
   * @throws IllegalArgumentException if {@code macroK} is not 2 or 3, or the gene is out of range
   */
  public static Motif motif(int macroK, int motifGene, FeedbackSign feedbackSign) {
    Objects.requireNonNull(feedbackSign, "feedbackSign");
    if (motifGene < 0) {
      throw new IllegalArgumentException("motif gene must be >= 0, was " + motifGene);
    }
    return switch (macroK) {
      case 3 -> {
        if (motifGene >= M_FAMILY_SIZE) {
          throw new IllegalArgumentException(
              "motif gene must be in [0, "
                  + (M_FAMILY_SIZE - 1)
                  + "] under macro k = 3, was "
                  + motifGene);
        }
        yield M_FAMILY.get(feedbackSign).get(motifGene);
      }
      case 2 -> MM_FAMILY.get(feedbackSign).get(motifGene % MM_FAMILY_SIZE);
      default -> throw new IllegalArgumentException("macro k must be 2 or 3, was " + macroK);
    };
  }

  /**
   * The m family, m0..m5, in id order.
   *
   * @param s the kind of the conv feedback edges, never {@code null}
   * @return an immutable list of {@value #M_FAMILY_SIZE} templates
   */
  public static List<Motif> mFamily(FeedbackSign s) {
    return M_FAMILY.get(Objects.requireNonNull(s, "feedbackSign"));
  }

  /**
   * The mm family, mm0..mm3, in id order.
   *
   * @param s the kind of the conv feedback edges, never {@code null}
   * @return an immutable list of {@value #MM_FAMILY_SIZE} templates
   */
  public static List<Motif> mmFamily(FeedbackSign s) {
    return MM_FAMILY.get(Objects.requireNonNull(s, "feedbackSign"));
  }

  // Node numbers follow docs/algorithm.md: m family s0..s2 = 0..2, n3.. = 3..; mm family s0, s1 =
  // 0, 1,
  // n2.. = 2..
  private static List<Motif> buildMFamily(EdgeKind fb) {
    return List.of(
        new Motif("m0", 0, 3, List.of(node(3)), List.of(3)),
        new Motif(
            "m1",
            1,
            3,
            List.of(node(3, p(0, 3), p(1, 3), p(2, 3)), node(4, p(3, 4))),
            List.of(3, 4)),
        new Motif(
            "m2",
            2,
            3,
            List.of(
                node(3, p(0, 3), p(1, 3), p(2, 3)), node(4, n(3, 4)), node(5, p(3, 5), n(4, 5))),
            List.of(3, 4, 5)),
        new Motif(
            "m3",
            3,
            3,
            List.of(
                node(3, p(0, 3), p(1, 3), p(2, 3)),
                node(4, p(3, 4)),
                feedback(4, 3, fb),
                node(5, p(3, 5))),
            List.of(3, 4, 5)),
        new Motif(
            "m4",
            4,
            3,
            List.of(
                node(3, p(0, 3), p(1, 3), p(2, 3)),
                node(4, p(0, 4), p(1, 4), p(2, 4)),
                node(5, p(3, 5), p(4, 5)),
                node(6, p(3, 6), n(5, 6)),
                node(7, p(4, 7), n(5, 7))),
            List.of(3, 4, 5, 6, 7)),
        new Motif(
            "m5",
            5,
            3,
            List.of(
                node(3, p(0, 3), p(1, 3), p(2, 3)),
                node(4, n(3, 4)),
                feedback(4, 3, EdgeKind.IDENTITY)),
            List.of(3, 4)));
  }

  private static List<Motif> buildMmFamily(EdgeKind fb) {
    return List.of(
        new Motif("mm0", 0, 2, List.of(node(2)), List.of(2)),
        new Motif(
            "mm1",
            1,
            2,
            List.of(node(2, p(0, 2), p(1, 2)), node(3, id(0, 3), p(2, 3))),
            List.of(2, 3)),
        new Motif(
            "mm2",
            2,
            2,
            List.of(
                node(2, p(0, 2), p(1, 2)), node(3, id(0, 3), n(2, 3)), node(4, p(2, 4), n(3, 4))),
            List.of(2, 3, 4)),
        new Motif(
            "mm3",
            3,
            2,
            List.of(
                node(2, p(0, 2), p(1, 2)),
                node(3, id(0, 3), n(2, 3)),
                feedback(3, 2, EdgeKind.IDENTITY),
                node(4, id(0, 4), p(3, 4)),
                feedback(4, 3, fb)),
            List.of(2, 3, 4)));
  }

  private static MotifStep node(int node, MotifEdge... inputs) {
    return new MotifStep.Node(node, List.of(inputs));
  }

  private static MotifStep feedback(int source, int target, EdgeKind kind) {
    return new MotifStep.Feedback(new MotifEdge(source, target, kind));
  }

  private static MotifEdge p(int source, int target) {
    return new MotifEdge(source, target, EdgeKind.EXCITATORY);
  }

  private static MotifEdge n(int source, int target) {
    return new MotifEdge(source, target, EdgeKind.INHIBITORY);
  }

  private static MotifEdge id(int source, int target) {
    return new MotifEdge(source, target, EdgeKind.IDENTITY);
  }
}
