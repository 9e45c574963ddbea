package io.msenas.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.cli.ServiceLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's search limits ({@link ServiceLimits}) that mirror literals of {@link
 * SearchSpecResolver}: each bound is accepted and one step past it rejected.
 */
class CliSearchLimitsTest {

  private static List<String> rejected(int population, int generations) {
    try {
      SearchSpecResolver.resolve(
          JsonMapper.builder()
              .build()
              .convertValue(
                  Map.of("dataset", "mnist", "population", population, "generations", generations),
                  CreateSearchRequest.class));
      return List.of();
    } catch (InvalidSpecException e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
  }

  @Test
  void populationAndGenerations() {
    assertThat(rejected(ServiceLimits.MIN_POPULATION, 1)).isEmpty();
    assertThat(rejected(ServiceLimits.MAX_POPULATION, ServiceLimits.MAX_GENERATIONS)).isEmpty();
    assertThat(rejected(ServiceLimits.MIN_POPULATION - 1, 1)).containsExactly("population");
    assertThat(rejected(ServiceLimits.MAX_POPULATION + 1, 1)).containsExactly("population");
    assertThat(rejected(2, 0)).containsExactly("generations");
  }
}
