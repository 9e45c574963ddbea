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
        .isEqualTo(
            "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
                + " --add-modules jdk.incubator.vector");

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

  @Test
  void sourcedUnderStrictModeItSetsTheSameChoice() throws Exception {
    // how the launchers use it: sourced by a script that runs with set -euo pipefail
    Path roots = dir.resolve("jvm");
    Path jdk17 = fakeJdk(roots.resolve("jdk-17"), "17.0.13", true);
    Path jdk25 = fakeJdk(roots.resolve("jdk 25"), "25.0.3", true); // a space in the path
    String script =
        "set -euo pipefail; IFS=$' \\t\\n'; source '"
            + SCRIPT
            + "'; echo \"MSE_NAS_JAVA=$MSE_NAS_JAVA\"; echo \"MSE_NAS_JAVA_BUILD=$MSE_NAS_JAVA_BUILD\";"
            + " [[ \"$IFS\" == $' \\t\\n' ]] && echo IFS=kept";
    Result result =
        run(List.of("bash", "-c", script), Map.of("MSE_NAS_JDK_ROOTS", roots.toString()), jdk17);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("MSE_NAS_JAVA=" + jdk25.resolve("bin/java"))
        .contains("MSE_NAS_JAVA_BUILD=25.0.3+7")
        .contains("IFS=kept");
  }

  @Test
  void theNewestIsPassedOverWhenItDoesNotStartOrIsForAnotherArchitecture() throws Exception {
    Path roots = dir.resolve("jvm");
    Path jdk17 = fakeJdk(roots.resolve("jdk-17"), "17.0.13", true);
    Path jdk21 = fakeJdk(roots.resolve("jdk-21"), "21.0.5", true);
    fakeJdk(roots.resolve("jdk-26-broken"), "26.0.1", "JAVA_VERSION=\"26.0.1\"\n", false);
    String otherArch = machineArch().equals("x86_64") ? "aarch64" : "x86_64";
    fakeJdk(
        roots.resolve("jdk-27-other-arch"),
        "27",
        "JAVA_VERSION=\"27\"\nOS_ARCH=\"" + otherArch + "\"\n",
        true);

    Map<String, String> out = choose(Map.of("MSE_NAS_JDK_ROOTS", roots.toString()), jdk17);
    assertThat(out.get("MSE_NAS_JAVA")).isEqualTo(jdk21.resolve("bin/java").toString());
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("21");
  }

  @Test
  void macOsHomesAndUnusualVersionStringsAreRead() throws Exception {
    Path roots = dir.resolve("jvms");
    Path jdk17 = fakeJdk(dir.resolve("jdk17"), "17.0.13", true);
    // macOS: <root>/<name>.jdk/Contents/Home; a release line without quotes; an early-access
    // banner without a release file
    fakeJdk(roots.resolve("temurin-25.jdk/Contents/Home"), "25", "JAVA_VERSION=25\n", true);
    Path early = fakeJdk(dir.resolve("early"), "26-ea", null, true);

    Map<String, String> out = choose(Map.of("MSE_NAS_JDK_ROOTS", roots.toString()), jdk17);
    assertThat(out.get("MSE_NAS_JAVA"))
        .isEqualTo(roots.resolve("temurin-25.jdk/Contents/Home/bin/java").toString());
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("25");

    out = choose(Map.of("MSE_NAS_JDK_ROOTS", roots.toString()), early);
    assertThat(out.get("MSE_NAS_JAVA_VERSION")).isEqualTo("26");
  }

  @Test
  void aMsenasJavaThatDoesNotRunIsRefusedWithAMessage() throws Exception {
    Path jdk17 = fakeJdk(dir.resolve("home17"), "17.0.13", true);
    for (String broken : List.of(dir.resolve("nowhere/java").toString(), "no-such-java")) {
      Result result = run(Map.of("MSE_NAS_JAVA", broken), jdk17);
      assertThat(result.exitCode()).isNotZero();
      assertThat(result.stderr())
          .contains("MSE_NAS_JAVA=" + broken)
          .contains("not a java that runs");
      assertThat(result.stdout()).isEmpty();
    }
    Path dead = fakeJdk(dir.resolve("dead"), "25.0.1", "JAVA_VERSION=\"25.0.1\"\n", false);
    Result result = run(Map.of("MSE_NAS_JAVA", dead.resolve("bin/java").toString()), jdk17);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("not a java that runs");
  }

  @Test
  void withNoJavaAnywhereItSaysWhatToInstall() throws Exception {
    // a PATH with the tools the script uses, and no java
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("dirname", "basename", "readlink", "uname")) {
      for (String bin : List.of("/usr/bin/", "/bin/")) {
        if (Files.isExecutable(Path.of(bin + tool))) {
          Path wrapper = tools.resolve(tool);
          Files.writeString(wrapper, "#!/bin/sh\nexec " + bin + tool + " \"$@\"\n");
          Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
          break;
        }
      }
    }
    Result result =
        run(
            List.of("/bin/bash", SCRIPT.toString(), "--print"),
            Map.of("MSE_NAS_JDK_ROOTS", "", "PATH", tools.toString()),
            tools);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("no Java runtime found").contains("MSE_NAS_JAVA");
    assertThat(result.stdout()).isEmpty();
  }

  /** A JDK home whose java prints the version banner of {@code version}. */
  private static Path fakeJdk(Path home, String version, boolean releaseFile) throws IOException {
    return fakeJdk(home, version, releaseFile ? "JAVA_VERSION=\"" + version + "\"\n" : null, true);
  }

  /**
   * A JDK home with the given release file (none where null) whose java prints the banner of {@code
   * version} and exits 0, or fails without a word where it does not {@code start}.
   */
  private static Path fakeJdk(Path home, String version, String release, boolean start)
      throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    String script =
        start
            ? "#!/bin/sh\necho 'openjdk version \""
                + version
                + "\" 2025-01-01' >&2\necho 'OpenJDK Runtime Environment (build "
                + version
                + "+7)' >&2\n"
            : "#!/bin/sh\nexit 1\n";
    Files.writeString(java, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (release != null) {
      Files.writeString(home.resolve("release"), release);
    }
    return home;
  }

  private static String machineArch() throws Exception {
    Process uname = new ProcessBuilder("uname", "-m").start();
    String arch = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    uname.waitFor();
    return arch.equals("x86_64") || arch.equals("amd64") ? "x86_64" : "aarch64";
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
    return run(List.of("bash", SCRIPT.toString(), "--print"), env, pathJdk);
  }

  private Result run(List<String> command, Map<String, String> env, Path pathJdk) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
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
