package io.msenas.worker.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.runtime.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link SimulationMemory}: buffers given back are lent again, and kept only up to the limit. */
class SimulationMemoryTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void aBufferGivenBackIsTheNextOneOfItsSizeBorrowed() {
    SimulationMemory memory = new SimulationMemory(1 << 20);
    float[] array = memory.borrowArray(1000);
    INDArray tensor = memory.borrowTensor(2, 4, 4, 8);

    memory.giveBack(array);
    memory.giveBack(tensor);

    assertThat(memory.retainedBytes()).isEqualTo(4000 + 4 * 256);
    assertThat(memory.borrowArray(1000)).isSameAs(array);
    assertThat(memory.borrowArray(999)).isNotSameAs(array);
    assertThat(memory.borrowTensor(2, 4, 4, 8)).isSameAs(tensor);
    assertThat(memory.borrowTensor(4, 4, 4, 4)).isNotSameAs(tensor); // same length, other shape
    assertThat(memory.retainedBytes()).isZero();
  }

  @Test
  void borrowedBytesAndTheirPeakFollowBorrowsAndGiveBacks() {
    SimulationMemory memory = new SimulationMemory(1 << 20);
    float[] array = memory.borrowArray(1000);
    INDArray tensor = memory.borrowTensor(2, 4, 4, 8);
    assertThat(memory.borrowedBytes()).isEqualTo(4000 + 4 * 256);

    memory.giveBack(array);
    assertThat(memory.borrowedBytes()).isEqualTo(4 * 256);
    assertThat(memory.peakBorrowedBytes()).isEqualTo(4000 + 4 * 256);

    memory.resetPeak();
    assertThat(memory.peakBorrowedBytes()).isEqualTo(4 * 256);
    float[] again = memory.borrowArray(1000); // a kept buffer counts as borrowed again
    memory.giveBack(again);
    memory.giveBack(tensor);
    assertThat(memory.borrowedBytes()).isZero();
    assertThat(memory.peakBorrowedBytes()).isEqualTo(4000 + 4 * 256);
  }

  @Test
  void trimKeepsAtMostTheLimitAndFreesTheRestOfTheTensors() {
    SimulationMemory memory = new SimulationMemory(4 * 1024);
    INDArray first = memory.borrowTensor(1024);
    INDArray second = memory.borrowTensor(1024);
    memory.giveBack(first);
    memory.giveBack(second);
    assertThat(memory.retainedBytes()).isEqualTo(8 * 1024);

    memory.trim();

    assertThat(memory.retainedBytes()).isEqualTo(4 * 1024);
    assertThat(first.wasClosed() ^ second.wasClosed()).as("exactly one freed").isTrue();
  }

  @Test
  void releaseFreesEverything() {
    SimulationMemory memory = new SimulationMemory(Long.MAX_VALUE);
    INDArray tensor = memory.borrowTensor(64);
    memory.giveBack(tensor);
    memory.giveBack(memory.borrowArray(64));

    memory.release();

    assertThat(memory.retainedBytes()).isZero();
    assertThat(tensor.wasClosed()).isTrue();
    assertThat(memory.borrowArray(64)).hasSize(64);
  }

  @Test
  void aBorrowWhoseAllocationFailsCountsNothing() {
    SimulationMemory memory = new SimulationMemory(1 << 20);
    float[] held = memory.borrowArray(10);

    assertThatThrownBy(() -> memory.borrowArray(-1)).isInstanceOf(NegativeArraySizeException.class);
    assertThatThrownBy(() -> memory.borrowArray(Integer.MAX_VALUE))
        .isInstanceOf(OutOfMemoryError.class);
    assertThatThrownBy(() -> memory.borrowTensor(2, -3)).isInstanceOf(RuntimeException.class);

    assertThat(memory.borrowedBytes()).isEqualTo(40);
    assertThat(memory.peakBorrowedBytes()).isEqualTo(40);
    memory.giveBack(held);
    assertThat(memory.borrowedBytes()).isZero();
  }

  @Test
  void theLimitPropertyIsANumberOfBytes() {
    assertThat(SimulationMemory.limitOf(null)).isEqualTo(SimulationMemory.DEFAULT_RETAINED_LIMIT);
    assertThat(SimulationMemory.limitOf(" ")).isEqualTo(SimulationMemory.DEFAULT_RETAINED_LIMIT);
    assertThat(SimulationMemory.limitOf(" 4096 ")).isEqualTo(4096);
    assertThatThrownBy(() -> SimulationMemory.limitOf("1g"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("msenas.simulation.retainedBytes must be a number of bytes >= 0, was '1g'");
  }

  @Test
  void aNegativeLimitIsRejected() {
    assertThatThrownBy(() -> new SimulationMemory(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retainedLimit must be >= 0, was -1");
  }
}
