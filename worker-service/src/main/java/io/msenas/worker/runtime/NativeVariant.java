package io.msenas.worker.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The build of the ND4J CPU natives that this process loads.
 *
 * <p>The worker ships three oneDNN builds of nd4j-native: one compiled for AVX-512, one for AVX2
 * (most laptops, and servers without AVX-512) and a portable one. JavaCPP loads a classified build
 * only when the system property {@code org.bytedeco.javacpp.platform.extension} names it, and it
 * must be set before the first ND4J class loads. {@link #chooseFor(Set)} picks the fastest build
 * that the CPU can run.
 */
public enum NativeVariant {
  /**
   * oneDNN build for CPUs with AVX-512 (F, CD, BW, DQ, VL). About 10x faster convolutions than the
   * generic build.
   */
  ONEDNN_AVX512("-onednn-avx512"),
  /**
   * oneDNN build for CPUs with AVX2 and FMA (Haswell and later, AMD Zen). oneDNN picks its
   * convolution kernels at run time in every build; what this build speeds up is libnd4j's own
   * loops, which training runs through SameDiff: on a Zen 3 CPU, exp over 4M floats took 14-24 ms
   * here against 53-62 ms in the portable build, and a comparison with a cast 8-9 ms against 20-23
   * ms.
   */
  ONEDNN_AVX2("-onednn-avx2"),
  /** portable oneDNN build for any x86-64 CPU. */
  ONEDNN("-onednn");

  /** The JavaCPP system property that selects a classified native build. */
  public static final String PLATFORM_EXTENSION_PROPERTY =
      "org.bytedeco.javacpp.platform.extension";

  private static final Set<String> AVX512_FLAGS =
      Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

  /** What the AVX2 build is compiled for (the Haswell instruction set). */
  private static final Set<String> AVX2_FLAGS =
      Set.of("avx", "avx2", "fma", "f16c", "bmi1", "bmi2");

  private final String extension;

  NativeVariant(String extension) {
    this.extension = extension;
  }

  /** The JavaCPP platform extension, for example {@code -onednn-avx512}. */
  public String extension() {
    return extension;
  }

  /** The Maven classifier of this build, for example {@code linux-x86_64-onednn-avx512}. */
  public String classifier() {
    return "linux-x86_64" + extension;
  }

  /** The fastest variant a CPU with these /proc/cpuinfo flags can run. */
  public static NativeVariant chooseFor(Set<String> cpuFlags) {
    if (cpuFlags.containsAll(AVX512_FLAGS)) {
      return ONEDNN_AVX512;
    }
    return cpuFlags.containsAll(AVX2_FLAGS) ? ONEDNN_AVX2 : ONEDNN;
  }

  /** The variant named by a platform extension, for example {@code -onednn}. */
  public static NativeVariant fromExtension(String extension) {
    for (NativeVariant v : values()) {
      if (v.extension.equals(extension)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        PLATFORM_EXTENSION_PROPERTY
            + " must be one of "
            + Arrays.stream(values()).map(v -> v.extension).collect(Collectors.joining(", "))
            + ", was '"
            + extension
            + "'");
  }

  /**
   * The CPU flags of the first processor in /proc/cpuinfo; empty where that file does not exist.
   */
  public static Set<String> cpuFlags() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Set.of();
    }
    try (var lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("flags"))
          .findFirst()
          .map(
              l ->
                  Pattern.compile("\\s+")
                      .splitAsStream(l.substring(l.indexOf(':') + 1).trim())
                      .map(s -> s.toLowerCase(Locale.ROOT))
                      .collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());
    } catch (IOException e) {
      return Set.of();
    }
  }
}
