package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/java-runtime, which ./mse-nas and the benchmark scripts source: it runs the worker on the
 * newest JDK it finds, or on the one MSE_NAS_JAVA names. The JDKs here are fake homes with a
 * release file and a java that only answers -version.
 */
class JavaRuntimeScriptTest {

  private static final Path SCRIPT = Path.of("..", "scripts", "java-runtime").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void picksTheNewestJdkAcrossPathJavaHomeAndTheRoots() throws Exception {
    Path roots = dir.resolve("jvm");
    Path jdk17 = fakeJdk(roots.resolve("jdk-17"), "17.0.13", true);
    Path jdk25 = fakeJdk(roots.resolve("jdk-25"), "25.0.3", true);
    Path jdk21 = fakeJdk(dir.resolve("home21"), "21.0.5", true);

    Map<String, String> out = choose(Map.of("MSE_NAS_JDK_ROOTS", roots.toString()), jdk17);
    assertThat(out.get("MSE_NAS_JAVA")).isEqualTo(jdk25.resolve("bin/java").toString());
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("25");
    assertThat(out.get("MSE_NAS_JAVA_FLAGS"))
        .isEqualTo("--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow");

    // with no roots, the newer of JAVA_HOME and the PATH's java; JDK 21 needs no flag
    out = choose(Map.of("MSE_NAS_JDK_ROOTS", "", "JAVA_HOME", jdk21.toString()), jdk17);
    assertThat(out.get("MSE_NAS_JAVA")).isEqualTo(jdk21.resolve("bin/java").toString());
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("21");
    assertThat(out.get("MSE_NAS_JAVA_FLAGS")).isEmpty();
  }

  @Test
  void msenasJavaOverridesTheChoice() throws Exception {
    Path roots = dir.resolve("jvm");
    fakeJdk(roots.resolve("jdk-25"), "25.0.3", true);
    Path jdk17 = fakeJdk(dir.resolve("home17"), "17.0.13", true);
    String java17 = jdk17.resolve("bin/java").toString();

    Map<String, String> out =
        choose(Map.of("MSE_NAS_JDK_ROOTS", roots.toString(), "MSE_NAS_JAVA", java17), jdk17);
    assertThat(out.get("MSE_NAS_JAVA")).isEqualTo(java17);
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("17");
  }

  @Test
  void aJdkWithoutReleaseFileIsAskedForItsVersion() throws Exception {
    Path roots = dir.resolve("jvm");
    Path jdk17 = fakeJdk(roots.resolve("jdk-17"), "17.0.13", true);
    Path jdk22 = fakeJdk(roots.resolve("jdk-22"), "22.0.2", false);

    Map<String, String> out = choose(Map.of("MSE_NAS_JDK_ROOTS", roots.toString()), jdk17);
    assertThat(out.get("MSE_NAS_JAVA")).isEqualTo(jdk22.resolve("bin/java").toString());
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("22");
    assertThat(out.get("MSE_NAS_JAVA_FLAGS")).isEqualTo("--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void aJavaOlderThan17IsRefusedWithAMessage() throws Exception {
    Path jdk8 = fakeJdk(dir.resolve("jdk8"), "1.8.0_392", true);
    Result result = run(Map.of("MSE_NAS_JDK_ROOTS", ""), jdk8);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr())
        .contains(jdk8.resolve("bin/java").toString())
        .contains("Java 8")
        .contains("Java 17 or later");
  }

  /** A JDK home whose java prints the version banner of {@code version}. */
  private static Path fakeJdk(Path home, String version, boolean releaseFile) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-01-01' >&2\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (releaseFile) {
      Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }
    return home;
  }

  private Map<String, String> choose(Map<String, String> env, Path pathJdk) throws Exception {
    Result result = run(env, pathJdk);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Map<String, String> values = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  /** Runs the script with --print, with only {@code pathJdk}'s bin and the system's on the PATH. */
  private Result run(Map<String, String> env, Path pathJdk) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("bash", SCRIPT.toString(), "--print"));
    builder.environment().remove("JAVA_HOME");
    builder.environment().remove("MSE_NAS_JAVA");
    builder.environment().put("PATH", pathJdk.resolve("bin") + ":/usr/bin:/bin");
    builder.environment().putAll(env);
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    Process process =
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    int code = process.waitFor();
    return new Result(code, Files.readString(stdout), Files.readString(stderr));
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
