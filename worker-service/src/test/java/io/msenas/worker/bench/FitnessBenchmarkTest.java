package io.msenas.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import io.msenas.worker.simulation.SimulationMemory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FitnessBenchmarkTest {

  @Test
  void summaryLineCarriesTheDocumentedFiguresAndTheirRelations() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // nothing kept by other tests in this JVM: stem_mb is the benchmark's own
    SimulationMemory.shared().release();
    FitnessBenchmark.run(
        Preset.SMOKE,
        "mnist",
        FitnessConfig.RDM_HAMMING,
        2,
        1,
        7,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("genome  0 ");
    assertThat(lines.get(1)).startsWith("genome  1 ");
    String summary = lines.get(2);
    assertThat(summary).startsWith("fitness-bench preset=smoke dataset=mnist fitness=rdm-hamming ");
    Map<String, String> figures = new HashMap<>();
    for (String field : summary.substring("fitness-bench ".length()).split(" ")) {
      String[] pair = field.split("=", 2);
      figures.put(pair[0], pair[1]);
    }
    assertThat(figures)
        .containsKeys(
            "genomes",
            "median_ms",
            "fitness_ms",
            "conv_sim_ms",
            "conv_only_ms",
            "ratio",
            "evals_per_min",
            "gflops",
            "native",
            "blas_core",
            "omp_wait",
            "malloc_reuse",
            "faults_per_eval",
            "copy_gbps",
            "floor_ratio",
            "peak_mb",
            "stem_mb",
            "java",
            "lif");
    assertThat(figures.get("genomes")).isEqualTo("2");
    double median = Double.parseDouble(figures.get("median_ms"));
    double convOnly = Double.parseDouble(figures.get("conv_only_ms"));
    double convSim = Double.parseDouble(figures.get("conv_sim_ms"));
    assertThat(median).isPositive();
    assertThat(convOnly).isPositive();
    // the evaluation includes its convolutions
    assertThat(convSim).isPositive().isLessThan(median);
    // the times are printed to 0.05 ms, the ratio to 0.005: compare within those roundings
    double ratioRounding = 0.005 + 0.05 / convOnly + 0.05 * median / (convOnly * convOnly);
    assertThat(Double.parseDouble(figures.get("ratio")))
        .isCloseTo(median / convOnly, within(2 * ratioRounding));
    assertThat(Double.parseDouble(figures.get("evals_per_min")))
        .isCloseTo(60_000 / median, within(0.1 + 6_000 / median / median));
    assertThat(Double.parseDouble(figures.get("floor_ratio"))).isGreaterThanOrEqualTo(1.0);
    assertThat(figures.get("native")).startsWith("linux-x86_64-onednn");
    assertThat(figures.get("malloc_reuse")).isIn("on", "off");
    assertThat(Long.parseLong(figures.get("faults_per_eval"))).isNotNegative();
    // a smoke network's convolution outputs and spikes: megabytes, not nothing
    assertThat(Long.parseLong(figures.get("peak_mb"))).isPositive();
    // the genomes share their stem and batches: its LIF layer is kept, one per batch
    assertThat(Long.parseLong(figures.get("stem_mb"))).isPositive();
    // the JVM that ran it, which decides how fast the Java passes run
    assertThat(figures.get("java")).isEqualTo(String.valueOf(Runtime.version().feature()));
    assertThat(figures.get("lif")).isIn("vector", "loops");
  }

  @Test
  void theSampleIsTheSearchsNetworksRandomAndAbleToClassify() {
    // the quick space: about half of the uniform draws have zero cells that cut the input off
    SearchSpace space = SearchSpace.of(Preset.QUICK.cells(), InputKind.STATIC_IMAGE);
    List<Genome> sample = FitnessBenchmark.sample(space, 40, 1);
    assertThat(sample).hasSize(40).allSatisfy(g -> assertThat(space.canClassify(g)).isTrue());
    assertThat(FitnessBenchmark.sample(space, 40, 1)).isEqualTo(sample);
    // the draws in order, the ones that cannot classify left out
    SplittableRandom random = new SplittableRandom(1);
    List<Genome> draws = new ArrayList<>();
    int skipped = 0;
    while (draws.size() < 40) {
      Genome genome = space.randomGenome(random);
      if (space.canClassify(genome)) {
        draws.add(genome);
      } else {
        skipped++;
      }
    }
    assertThat(sample).isEqualTo(draws);
    assertThat(skipped).as("draws left out").isPositive();
  }
}
