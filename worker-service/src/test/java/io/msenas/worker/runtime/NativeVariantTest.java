package io.msenas.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeVariantTest {

  @Test
  void cpuWithAllAvx512SubsetsGetsTheAvx512Build() {
    Set<String> flags =
        Set.of("sse4_2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    assertThat(NativeVariant.chooseFor(flags)).isEqualTo(NativeVariant.ONEDNN_AVX512);
    assertThat(NativeVariant.ONEDNN_AVX512.classifier()).isEqualTo("linux-x86_64-onednn-avx512");
  }

  @Test
  void cpuMissingAnAvx512SubsetGetsThePortableBuild() {
    Set<String> flags = Set.of("avx2", "avx512f", "avx512cd", "avx512dq", "avx512vl");

    assertThat(NativeVariant.chooseFor(flags)).isEqualTo(NativeVariant.ONEDNN);
    assertThat(NativeVariant.chooseFor(Set.of())).isEqualTo(NativeVariant.ONEDNN);
  }

  @Test
  void extensionNamesMapBackToVariantsAndUnknownOnesAreRejectedByName() {
    assertThat(NativeVariant.fromExtension("-onednn")).isEqualTo(NativeVariant.ONEDNN);
    assertThat(NativeVariant.fromExtension("-onednn-avx512"))
        .isEqualTo(NativeVariant.ONEDNN_AVX512);
    assertThatThrownBy(() -> NativeVariant.fromExtension("-avx2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'-avx2'");
  }

  @Test
  void thisMachinesFlagsAreReadFromProcCpuinfo() {
    Set<String> flags = NativeVariant.cpuFlags();
    // every x86-64 CPU reports sse2; other platforms have no /proc/cpuinfo flags line
    assertThat(flags.isEmpty() || flags.contains("sse2")).isTrue();
  }
}
