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
  void cpuMissingAnAvx512SubsetGetsTheAvx2Build() {
    // a Zen 3 CPU's vector flags: AVX2 and FMA, no AVX-512
    Set<String> flags =
        Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "avx512f", "avx512vl");

    assertThat(NativeVariant.chooseFor(flags)).isEqualTo(NativeVariant.ONEDNN_AVX2);
    assertThat(NativeVariant.ONEDNN_AVX2.classifier()).isEqualTo("linux-x86_64-onednn-avx2");
  }

  @Test
  void cpuWithoutFmaOrAvx2GetsThePortableBuild() {
    // Ivy Bridge: AVX and F16C, no AVX2 or FMA
    assertThat(NativeVariant.chooseFor(Set.of("sse4_2", "avx", "f16c")))
        .isEqualTo(NativeVariant.ONEDNN);
    assertThat(NativeVariant.chooseFor(Set.of("avx", "avx2", "f16c", "bmi1", "bmi2")))
        .isEqualTo(NativeVariant.ONEDNN);
    assertThat(NativeVariant.chooseFor(Set.of())).isEqualTo(NativeVariant.ONEDNN);
  }

  @Test
  void extensionNamesMapBackToVariantsAndUnknownOnesAreRejectedByName() {
    assertThat(NativeVariant.fromExtension("-onednn")).isEqualTo(NativeVariant.ONEDNN);
    assertThat(NativeVariant.fromExtension("-onednn-avx512"))
        .isEqualTo(NativeVariant.ONEDNN_AVX512);
    assertThat(NativeVariant.fromExtension("-onednn-avx2")).isEqualTo(NativeVariant.ONEDNN_AVX2);
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
