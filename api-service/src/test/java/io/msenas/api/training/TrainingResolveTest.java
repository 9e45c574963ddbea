package io.msenas.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.preset.Preset;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TrainingService#resolve} of an inline genome: a bad cell count or version is a field
 * violation, never an exception of the genome classes (a 500). A genome needs no database.
 */
class TrainingResolveTest {

  private final TrainingService service =
      new TrainingService(null, null, Clock.systemUTC(), null, null, null, null, null);

  /** A smoke-preset genome that can classify, as JSON lists it. */
  private static List<Integer> smokeGenes() {
    Genome genome =
        SearchSpace.of(Preset.SMOKE.cells(), InputKind.STATIC_IMAGE)
            .randomGenomeThatCanClassify(new SplittableRandom(1));
    return Arrays.stream(genome.genes()).boxed().toList();
  }

  private static CreateTrainingRequest inline(String version, List<Integer> genes, Integer cells) {
    return new CreateTrainingRequest(
        null,
        new CreateTrainingRequest.Genome(version, genes),
        cells,
        null,
        "smoke",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private List<FieldViolation> violations(CreateTrainingRequest request) {
    InvalidSpecException e =
        catchThrowableOfType(InvalidSpecException.class, () -> service.resolve("default", request));
    assertThat(e).as("resolving %s", request).isNotNull();
    return e.violations();
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 65, 0, -1, Integer.MAX_VALUE})
  void cellsOutOfRangeAreAFieldViolation(int cells) {
    assertThat(violations(inline("mse-v1", List.of(0), cells)))
        .containsExactly(new FieldViolation("cells", cells, "must be in [4, 64]"));
  }

  @Test
  void cellsOutOfRangeAreNamedBesideTheOtherBadFields() {
    CreateTrainingRequest request =
        new CreateTrainingRequest(
            null,
            new CreateTrainingRequest.Genome("", List.of(0)),
            65,
            "bogus",
            "smoke",
            7,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(violations(request))
        .extracting(FieldViolation::field)
        .containsExactlyInAnyOrder(
            "cells", "genome.searchSpaceVersion", "dataset", "channels", "epochs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void aBlankSearchSpaceVersionIsAFieldViolation(String version) {
    assertThat(violations(inline(version, smokeGenes(), null)))
        .containsExactly(
            new FieldViolation("genome.searchSpaceVersion", version, "must not be blank"));
  }

  @Test
  void aMissingSearchSpaceVersionIsStillRequired() {
    assertThat(violations(inline(null, smokeGenes(), null)))
        .containsExactly(new FieldViolation("genome.searchSpaceVersion", null, "is required"));
  }

  @Test
  void anUnknownSearchSpaceVersionNamesTheGenome() {
    assertThat(violations(inline("mse-v9", smokeGenes(), null)))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("genome"));
  }

  @Test
  void theSmallestAndLargestCellCountsResolve() {
    // the bounds themselves are valid: only the genome's length is then wrong
    for (int cells : new int[] {4, 64}) {
      assertThat(violations(inline("mse-v1", List.of(0), cells)))
          .extracting(FieldViolation::field)
          .containsExactly("genome");
    }
    TrainingService.Resolved resolved =
        service.resolve("default", inline("mse-v1", smokeGenes(), null));
    assertThat(resolved.space().cells()).isEqualTo(Preset.SMOKE.cells());
  }
}
