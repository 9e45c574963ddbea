package io.msenas.api.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.api.search.InvalidSpecException;
import io.msenas.api.study.StudyViews.CorrelationView;
import io.msenas.api.study.StudyViews.MemberView;
import io.msenas.api.training.TrainingStatus;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The study's spec rules, its draw of architectures and its correlation table, without services.
 */
class StudyServiceTest {

  private final StudyService service = new StudyService(null, null, null, null, null);

  @Test
  void defaultsAreThirtyQuickArchitecturesOneEpochEveryFitness() {
    StudySpec spec =
        service.resolve(
            new CreateStudyRequest(null, null, null, null, null, null, null, null, null));
    assertThat(spec.preset()).isEqualTo("quick");
    assertThat(spec.dataset()).isEqualTo("mnist");
    assertThat(spec.architectures()).isEqualTo(30);
    assertThat(spec.epochs()).isEqualTo(1);
    assertThat(spec.fitnesses())
        .containsExactly("rdm-hamming", "rdm-pearson", "rsa-labels", "sahd-logdet");
    assertThat(spec.confidenceLevel()).isEqualTo(0.95);
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                service.resolve(
                    new CreateStudyRequest(
                        "huge",
                        "cifar10",
                        2,
                        0,
                        -1,
                        1,
                        -0.5,
                        -3L,
                        List.of("rdm-hamming", "rdm-hamming", "accuracy"))))
        .isInstanceOfSatisfying(
            InvalidSpecException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .containsExactlyInAnyOrder(
                        "preset",
                        "dataset",
                        "architectures",
                        "epochs",
                        "trainSamples",
                        "batchSize",
                        "learningRatePer1024",
                        "seed",
                        "fitnesses[1]",
                        "fitnesses[2]"));
  }

  @Test
  void theSameSeedDrawsTheSameDistinctArchitectures() {
    SearchSpace space = SearchSpace.of(6, InputKind.STATIC_IMAGE);
    List<Genome> a = StudyService.draw(space, 30, 7);
    List<Genome> b = StudyService.draw(space, 30, 7);
    List<Genome> c = StudyService.draw(space, 30, 8);
    assertThat(a).hasSize(30);
    assertThat(hashes(space, a)).hasSize(30).isEqualTo(hashes(space, b));
    assertThat(hashes(space, c)).isNotEqualTo(hashes(space, a));
    // about half of all uniform draws cannot classify; a study ranks only those a search would
    assertThat(a).allSatisfy(g -> assertThat(space.canClassify(g)).isTrue());
  }

  private static List<String> hashes(SearchSpace space, List<Genome> genomes) {
    List<String> out = new ArrayList<>();
    genomes.forEach(g -> out.add(space.contentHash(g)));
    assertThat(new HashSet<>(out)).hasSameSizeAs(out);
    return out;
  }

  private static MemberView member(
      int i, TrainingStatus status, double hamming, long params, Double accuracy) {
    return new MemberView(
        i,
        UUID.randomUUID(),
        status,
        "0".repeat(64),
        new int[0],
        status == TrainingStatus.SUCCEEDED ? params : null,
        status == TrainingStatus.SUCCEEDED ? Map.of("rdm-hamming", hamming) : Map.of(),
        status == TrainingStatus.SUCCEEDED ? 0.1 + i / 100.0 : null,
        status == TrainingStatus.SUCCEEDED ? 1e6 * i : null,
        accuracy,
        1,
        10.0,
        null);
  }

  @Test
  void correlationsUseOnlyTrainedMembersAndStartAtThree() {
    StudySpec spec =
        new StudySpec("smoke", "mnist", 5, 1, 0, 32, 0.5, 1, List.of("rdm-hamming"), 200, 0.95);
    List<MemberView> two =
        List.of(
            member(0, TrainingStatus.SUCCEEDED, 1, 10, 0.5),
            member(1, TrainingStatus.SUCCEEDED, 2, 20, 0.6),
            member(2, TrainingStatus.RUNNING, 0, 0, null));
    assertThat(StudyService.correlations(spec, two)).isEmpty();

    List<MemberView> members =
        List.of(
            member(0, TrainingStatus.SUCCEEDED, 1, 40, 0.5),
            member(1, TrainingStatus.SUCCEEDED, 2, 30, 0.6),
            member(2, TrainingStatus.FAILED, 0, 0, null),
            member(3, TrainingStatus.SUCCEEDED, 3, 20, 0.7),
            member(4, TrainingStatus.SUCCEEDED, 4, 10, 0.8));
    List<CorrelationView> table = StudyService.correlations(spec, members);
    assertThat(table)
        .extracting(CorrelationView::predictor)
        .containsExactly("rdm-hamming", "parameterCount", "spikeRate", "synapticOperations");
    CorrelationView hamming = table.get(0);
    assertThat(hamming.kind()).isEqualTo("fitness");
    assertThat(hamming.n()).isEqualTo(4);
    // the score orders the four exactly as their accuracy does; parameter count reverses it
    assertThat(hamming.kendallTau().value()).isEqualTo(1.0);
    assertThat(hamming.spearmanRho().value()).isEqualTo(1.0);
    assertThat(table.get(1).kind()).isEqualTo("baseline");
    assertThat(table.get(1).kendallTau().value()).isEqualTo(-1.0);
  }

  @Test
  void correlationsAreComputedAgainOnlyWhenAMembersFiguresChange() {
    StudySpec spec =
        new StudySpec("smoke", "mnist", 4, 1, 0, 32, 0.5, 7, List.of("rdm-hamming"), 200, 0.95);
    List<MemberView> members =
        List.of(
            member(0, TrainingStatus.SUCCEEDED, 1, 40, 0.5),
            member(1, TrainingStatus.SUCCEEDED, 2, 30, 0.6),
            member(2, TrainingStatus.SUCCEEDED, 3, 20, 0.7),
            member(3, TrainingStatus.RUNNING, 0, 0, null));
    List<CorrelationView> first = StudyService.correlations(spec, members);
    // read again, as a dashboard polling the study does (a running member's progress moved):
    // the same table, not computed again
    List<MemberView> polled = new ArrayList<>(members);
    polled.set(3, member(3, TrainingStatus.RUNNING, 0, 0, null));
    assertThat(StudyService.correlations(spec, polled)).isSameAs(first);
    // a fourth member trained: computed again, over four
    polled.set(3, member(3, TrainingStatus.SUCCEEDED, 4, 10, 0.8));
    List<CorrelationView> after = StudyService.correlations(spec, polled);
    assertThat(after).isNotSameAs(first);
    assertThat(after.get(0).n()).isEqualTo(4);
    assertThat(first.get(0).n()).isEqualTo(3);
  }
}
