package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

  @Test
  void everyMeterExistsAtStartUpWithBoundedTags() {
    MeterRegistry registry = new SimpleMeterRegistry();

    new WorkerMetrics(registry, "linux-x86_64-onednn-avx512", "CpuBackend", FitnessMode.NOOP);

    for (String outcome : new String[] {"succeeded", "failed", "rejected"}) {
      assertThat(registry.get(WorkerMetrics.EVALUATIONS).tag("outcome", outcome).counter().count())
          .isZero();
    }
    assertThat(registry.get(WorkerMetrics.DURATION).timers()).hasSize(2);
    assertThat(registry.get(WorkerMetrics.CACHE_HITS).counter().count()).isZero();
    assertThat(registry.get(WorkerMetrics.SPIKES).summary().getId().getBaseUnit())
        .isEqualTo("spikes");
    assertThat(registry.get(WorkerMetrics.UNCONFIRMED).counter().count()).isZero();
    assertThat(
            registry
                .get(WorkerMetrics.INFO)
                .tag("native_variant", "linux-x86_64-onednn-avx512")
                .tag("backend", "CpuBackend")
                .tag("fitness_mode", "noop")
                .gauge()
                .value())
        .isEqualTo(1.0);
  }
}
