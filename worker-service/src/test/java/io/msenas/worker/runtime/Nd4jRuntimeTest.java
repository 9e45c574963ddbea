package io.msenas.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Nd4jRuntimeTest {

  @Test
  void everyBindingValueOfOmpProcBindCountsAsBinding() {
    for (String value : new String[] {"true", "TRUE", "close", "spread", "primary", "master"}) {
      assertThat(Nd4jRuntime.bindsThreads(value)).as(value).isTrue();
    }
    assertThat(Nd4jRuntime.bindsThreads("spread,close")).isTrue();
  }

  @Test
  void unsetBlankOrFalseDoesNotBind() {
    assertThat(Nd4jRuntime.bindsThreads(null)).isFalse();
    assertThat(Nd4jRuntime.bindsThreads("")).isFalse();
    assertThat(Nd4jRuntime.bindsThreads("  ")).isFalse();
    assertThat(Nd4jRuntime.bindsThreads("false")).isFalse();
    assertThat(Nd4jRuntime.bindsThreads(" FALSE ")).isFalse();
  }
}
