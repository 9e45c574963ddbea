package io.msenas.api.evolution;

import io.msenas.model.genome.SearchSpace;
import java.util.List;

/**
 * Computes {@link GenerationStatistics} (see there for the definitions). Stateless; thread-safe.
 */
final class SurvivorStatistics {

  private SurvivorStatistics() {}

  static GenerationStatistics of(SearchSpace space, List<EvaluatedCandidate> survivors) {
    if (survivors.isEmpty()) {
      return GenerationStatistics.undefined();
    }
    double[] fitness =
        survivors.stream().mapToDouble(c -> c.objectives().fitness()).sorted().toArray();
    int n = fitness.length;
    double mean = 0.0;
    for (double f : fitness) {
      mean += f / n;
    }
    double median = n % 2 == 1 ? fitness[n / 2] : (fitness[n / 2 - 1] + fitness[n / 2]) / 2.0;
    int[][] canonical =
        survivors.stream()
            .map(c -> space.canonical(c.candidate().genome()).genes())
            .toArray(int[][]::new);
    return new GenerationStatistics(fitness[n - 1], mean, median, diversity(canonical));
  }

  /** Mean pairwise Hamming distance divided by the vector length; 0 for fewer than two vectors. */
  static double diversity(int[][] genomes) {
    int n = genomes.length;
    if (n < 2) {
      return 0.0;
    }
    long differing = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        for (int i = 0; i < genomes[a].length; i++) {
          if (genomes[a][i] != genomes[b][i]) {
            differing++;
          }
        }
      }
    }
    double pairs = n * (n - 1) / 2.0;
    return differing / (pairs * genomes[0].length);
  }
}
