package io.msenas.worker.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.simulation.PointwiseConvolution;
import io.msenas.worker.simulation.SimulationMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bad simulation system property stops the worker when it starts, naming the property and its
 * value, instead of failing every task it takes later.
 */
class WorkerStartupTest {

  private static final String LIF = "msenas.simulation.lif";

  private String pointwise;
  private String retained;
  private String lif;

  @BeforeEach
  void saveProperties() {
    pointwise = System.getProperty(PointwiseConvolution.PROPERTY);
    retained = System.getProperty(SimulationMemory.RETAINED_LIMIT_PROPERTY);
    lif = System.getProperty(LIF);
  }

  @AfterEach
  void restoreProperties() {
    restore(PointwiseConvolution.PROPERTY, pointwise);
    restore(SimulationMemory.RETAINED_LIMIT_PROPERTY, retained);
    restore(LIF, lif);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static void start() {
    new WorkerConfiguration().nd4jRuntime(new WorkerProperties(FitnessMode.RDM, 0));
  }

  @Test
  void anUnknownPointwiseConvolutionFailsTheStartNamingThePropertyAndValue() {
    System.setProperty(PointwiseConvolution.PROPERTY, "blas");

    assertThatThrownBy(WorkerStartupTest::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the worker cannot start")
        .hasMessageContaining("msenas.simulation.pointwise")
        .hasMessageContaining("'blas'");
  }

  @Test
  void aRetainedLimitThatIsNotANumberOfBytesFailsTheStartNamingThePropertyAndValue() {
    System.setProperty(SimulationMemory.RETAINED_LIMIT_PROPERTY, "1GiB");

    assertThatThrownBy(WorkerStartupTest::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("msenas.simulation.retainedBytes")
        .hasMessageContaining("'1GiB'");

    System.setProperty(SimulationMemory.RETAINED_LIMIT_PROPERTY, "-1");
    assertThatThrownBy(WorkerStartupTest::start).hasMessageContaining("'-1'");
  }

  @Test
  void anUnknownLifKernelFailsTheStartNamingThePropertyAndValue() {
    System.setProperty(LIF, "simd");

    assertThatThrownBy(WorkerStartupTest::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the worker cannot start")
        .hasMessageContaining("msenas.simulation.lif must be vector or scalar")
        .hasMessageContaining("'simd'");
  }

  @Test
  void goodValuesStart() {
    System.setProperty(PointwiseConvolution.PROPERTY, "OneDNN");
    System.setProperty(SimulationMemory.RETAINED_LIMIT_PROPERTY, " 0 ");
    // not "scalar": the kernel is chosen once per JVM, and later tests in this one use it
    System.setProperty(LIF, " Vector ");

    start();

    System.clearProperty(PointwiseConvolution.PROPERTY);
    System.clearProperty(SimulationMemory.RETAINED_LIMIT_PROPERTY);
    System.clearProperty(LIF);
    start();
  }
}
