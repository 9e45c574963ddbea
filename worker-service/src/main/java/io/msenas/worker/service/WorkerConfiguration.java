package io.msenas.worker.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.msenas.worker.evaluation.Evaluator;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.simulation.LifKernel;
import io.msenas.worker.simulation.PointwiseConvolution;
import io.msenas.worker.simulation.SimulationMemory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Assembles the plain-Java engine and what answers a task: scorer, cache, metrics. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

  /**
   * Loads ND4J with the native build for this CPU and checks the simulation's system properties.
   * Every bean that evaluates depends on this one, so that it runs at start-up, before anything
   * else touches ND4J; a bad property fails the start (see {@link #simulationSettings}).
   */
  @Bean
  Nd4jRuntime.Info nd4jRuntime(WorkerProperties worker) {
    Nd4jRuntime.Info info = Nd4jRuntime.initialise();
    String simulation = simulationSettings(info);
    log.info(
        "Worker numerics: backend {}, native build {}, BLAS {} (core type {}), {} OpenMP threads,"
            + " host {}; fitness mode {}; {}",
        info.backend(),
        info.nativeVariant().classifier(),
        info.blasVendor(),
        info.blasCoreType(),
        info.ompThreads(),
        info.host(),
        worker.fitnessMode(),
        simulation);
    if (worker.fitnessMode() == FitnessMode.NOOP) {
      log.warn(
          "mse-nas.worker.fitness-mode=noop: results carry scores derived from genome hashes, not"
              + " fitness; for overhead measurements only");
    }
    return info;
  }

  /**
   * Reads the simulation's system properties ({@value PointwiseConvolution#PROPERTY}, {@value
   * SimulationMemory#RETAINED_LIMIT_PROPERTY}, {@code msenas.simulation.lif}) as the engine will at
   * its first evaluation. A bad value must stop the worker here: read later, it would fail every
   * task the worker takes.
   *
   * @return the settings, for the start-up log
   * @throws IllegalStateException naming the property and its value
   */
  static String simulationSettings(Nd4jRuntime.Info info) {
    try {
      PointwiseConvolution pointwise = PointwiseConvolution.fromProperty(info.nativeVariant());
      long retained = SimulationMemory.limitFromProperty();
      LifKernel.checkKernelProperty();
      return "1x1 convolutions "
          + pointwise.name().toLowerCase(Locale.ROOT)
          + ", LIF layers "
          + LifKernel.kernel()
          + ", simulation buffers kept "
          + retained
          + " bytes";
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the worker cannot start: system property " + e.getMessage(), e);
    }
  }

  @Bean
  TaskScorer taskScorer(WorkerProperties worker, Nd4jRuntime.Info runtime) {
    return switch (worker.fitnessMode()) {
      case RDM -> new Evaluator()::evaluate;
      case NOOP -> new NoopScorer(runtime.host());
    };
  }

  @Bean
  WorkerMetrics workerMetrics(
      MeterRegistry registry, Nd4jRuntime.Info runtime, WorkerProperties worker) {
    return new WorkerMetrics(
        registry, runtime.nativeVariant().classifier(), runtime.backend(), worker.fitnessMode());
  }

  @Bean
  TaskEvaluation taskEvaluation(
      TaskScorer scorer, WorkerProperties worker, WorkerMetrics metrics, Nd4jRuntime.Info runtime) {
    return new TaskEvaluation(scorer, new FitnessCache(worker.cacheSize()), metrics, runtime);
  }
}
