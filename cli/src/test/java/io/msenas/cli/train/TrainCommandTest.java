package io.msenas.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.cli.FakeApi;
import io.msenas.cli.MseNas;
import io.msenas.cli.UsageException;
import io.msenas.cli.run.Interruption;
import io.msenas.cli.train.TrainCommand.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mse-nas train} against a stand-in API service ({@code --server}). */
class TrainCommandTest {

  static final String ID = "0b7d2c44-0000-4000-8000-000000000001";
  static final String SPEC =
      "{\"dataset\": \"mnist\", \"channels\": 16, \"timeSteps\": 4, \"epochs\": 3,"
          + " \"batchSize\": 32}";

  static String training(String status) {
    return "{\"id\": \""
        + ID
        + "\", \"status\": \""
        + status
        + "\", \"spec\": "
        + SPEC
        + ", \"progress\": {\"etaSeconds\": null}, \"epochs\": [], \"result\": null,"
        + " \"error\": null}";
  }

  @TempDir Path temp;
  FakeApi api;
  Path genome;
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() throws Exception {
    api = new FakeApi();
    genome = Files.writeString(temp.resolve("genome.txt"), "1,0,3");
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void ctrlCCancelsTheTrainingWritesWhatWasDoneAndLetsTheJvmGo() throws Exception {
    Interruption interruption = new Interruption();
    AtomicReference<Thread> signal = new AtomicReference<>();
    api.on("POST /v1/trainings", 201, training("QUEUED"))
        .on(
            "GET /v1/trainings/" + ID,
            () -> {
              // Ctrl-C while the training runs: what the shutdown hook does, on its own thread
              Thread hook = new Thread(interruption::signal, "ctrl-c");
              if (signal.compareAndSet(null, hook)) {
                hook.start();
              }
              return new FakeApi.Reply(200, training("RUNNING"));
            })
        .on("POST /v1/trainings/" + ID + "/cancel", 200, training("CANCELLED"));
    Path folder = temp.resolve("trained");

    int status =
        new TrainCommand(out, () -> interruption)
            .execute(
                List.of(
                    "--genome",
                    genome.toString(),
                    "--server",
                    api.url(),
                    "--out",
                    folder.toString()));

    assertThat(status).as(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(130);
    assertThat(api.requests()).contains("POST /v1/trainings/" + ID + "/cancel");
    // the hook waits for the command to finish (services stopped); it must not wait out its grace
    signal.get().join(TimeUnit.SECONDS.toMillis(10));
    assertThat(signal.get().isAlive()).isFalse();
    Thread.interrupted();
    JsonNode written =
        JsonMapper.builder().build().readTree(Files.readString(folder.resolve("training.json")));
    assertThat(written.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(written.get("interrupted").asBoolean()).isTrue();
    assertThat(stdout.toString(StandardCharsets.UTF_8))
        .contains("interrupted: training " + ID + " was cancelled");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "65"})
  @Timeout(30) // unchecked, 0 workers started the embedded stack and waited forever
  void workersOutsideOneTo64AreABadCommandLine(String workers) {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            new String[] {"train", "--genome", genome.toString(), "--workers", workers},
            out,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("mse-nas: --workers must be between 1 and 64, was " + workers);
  }

  static final String WINNER =
      "{\"genome\": {\"searchSpaceVersion\": \"mse-v1\", \"genes\": [1, 0, 3]}}";
  static final String RUN_SPEC =
      "{\"cells\": 6, \"channels\": 16, \"timeSteps\": 4, \"dataset\": \"mnist\","
          + " \"preset\": \"quick\"}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"winner\": " + WINNER + "}'                 | has no spec (is it a result.json",
        "'{\"winner\": {}, \"spec\": " + RUN_SPEC + "}'  | has no winner.genome.searchSpaceVersion",
        "'{\"bestSoFar\": {\"genome\": {\"searchSpaceVersion\": \"mse-v1\"}}}'"
            + " | has no bestSoFar.genome.genes",
        "'{\"winner\": "
            + WINNER
            + ", \"spec\": {\"cells\": 6, \"channels\": 16}}'"
            + " | has no spec.timeSteps (an integer)",
        "'[]'                                            | is not a JSON object",
        "'{\"winner\": null}'                            | has no winner (nor bestSoFar) to train",
      })
  void aFromFileWithoutWhatATrainingNeedsNamesTheMissingField(String content, String message)
      throws Exception {
    Path from = Files.writeString(temp.resolve("result.json"), content);
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            new String[] {"train", "--from", from.toString(), "--server", api.url()},
            out,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8).strip())
        .startsWith("mse-nas: --from " + from)
        .contains(message.strip());
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aFromFileGivesTheWinnerAndTheRunsSpec() throws Exception {
    Path from =
        Files.writeString(
            temp.resolve("result.json"),
            "{\"winner\": " + WINNER + ", \"spec\": " + RUN_SPEC + "}");
    JsonNode body =
        TrainCommand.Options.parse(
                List.of("--from", from.toString(), "--preset", "smoke"),
                JsonMapper.builder().build())
            .body;
    assertThat(body.get("genome").get("genes").toString()).isEqualTo("[1,0,3]");
    assertThat(body.get("cells").asInt()).isEqualTo(6);
    assertThat(body.get("channels").asInt()).isEqualTo(16);
    assertThat(body.get("timeSteps").asInt()).isEqualTo(4);
    assertThat(body.get("dataset").asString()).isEqualTo("mnist");
    // a flag wins over the run's spec
    assertThat(body.get("preset").asString()).isEqualTo("smoke");
  }

  @Test
  void anUnwritableOutputFolderIsFoundBeforeAnythingIsSubmitted() throws Exception {
    api.on("POST /v1/trainings", 201, training("QUEUED"));
    // a folder inside a file cannot be created, whoever runs the test
    Path file = Files.writeString(temp.resolve("a-file"), "");
    Path folder = file.resolve("trained");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            new String[] {
              "train",
              "--genome",
              genome.toString(),
              "--server",
              api.url(),
              "--out",
              folder.toString()
            },
            out,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .startsWith("mse-nas: cannot write to the output folder " + folder);
    assertThat(api.requests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--preset huge          | --preset must be one of [paper, quick, smoke], was 'huge'",
        "--dataset imagenet     | --dataset must be one of [cifar10, cifar10-dvs, cifar100,"
            + " dvs128-gesture, mnist], was 'imagenet'",
        "--epochs 0             | --epochs must be between 1 and 10000, was 0",
        "--epochs 10001         | --epochs must be between 1 and 10000, was 10001",
        "--batch-size 1         | --batch-size must be between 2 and 4096, was 1",
        "--seed -1              | --seed must be between 0 and 9223372036854775807, was -1",
        "--seed 1.5             | --seed must be an integer, was '1.5'",
        "--train-samples -1     | --train-samples must be between 0 and 10000000, was -1",
        "--server ftp://h       | --server must be an http:// or https:// address, was 'ftp://h'",
        "--individual x         | --individual must be an id (a UUID), was 'x'",
        "--individual " + ID + " | --individual needs --search",
        "--out --preset smoke   | --out needs a value",
        "--bogus                | unknown flag '--bogus' (see mse-nas train --help)",
        "--bogus=1              | unknown flag '--bogus' (see mse-nas train --help)",
        "--epochs=0             | --epochs must be between 1 and 10000, was 0",
        // the quick preset's batch is 32, the paper's 128: a step takes a full batch
        "--train-samples 16     | --train-samples 16 is smaller than the quick preset's batch size"
            + " (32, as --batch-size was not given): a training step takes a full batch; give"
            + " --batch-size 16 or less, or --train-samples 32 or more",
        "--preset paper --train-samples 100 | --train-samples 100 is smaller than the paper"
            + " preset's batch size (128",
        "--batch-size 64 --train-samples 32 | --batch-size 64 must be at most --train-samples 32:"
            + " a training step takes a full batch of the training split",
        "--train-samples 1 --batch-size 2 | --train-samples must be 0 (all) or at least 2 (the"
            + " smallest --batch-size), was 1",
      })
  void valuesTheServiceWouldRejectAreABadCommandLine(String flags, String message) {
    List<String> args = new java.util.ArrayList<>(List.of("--genome", genome.toString()));
    args.addAll(List.of(flags.strip().split(" ")));
    assertThatThrownBy(() -> TrainCommand.Options.parse(args, JsonMapper.builder().build()))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(message.strip());
  }

  private Options parse(String... args) {
    return TrainCommand.Options.parse(List.of(args), JsonMapper.builder().build());
  }

  @Test
  void aFlagsValueMayFollowAnEqualsSign() {
    Options o =
        parse(
            "--genome=" + genome,
            "--preset=smoke",
            "--epochs=2",
            "--batch-size=8",
            "--train-samples=8",
            "--server=http://lab:8080/",
            "--out=" + temp.resolve("x"));
    assertThat(o.body.toString())
        .isEqualTo(
            "{\"preset\":\"smoke\",\"epochs\":2,\"batchSize\":8,\"trainSamples\":8,"
                + "\"genome\":{\"searchSpaceVersion\":\"mse-v1\",\"genes\":[1,0,3]}}");
    assertThat(o.server).isEqualTo("http://lab:8080");
    assertThat(o.out).isEqualTo(temp.resolve("x"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "--train-samples 32",
        "--train-samples 0",
        "--train-samples 16 --preset smoke",
        "--train-samples 16 --batch-size 16",
        "--train-samples 2 --batch-size 2",
      })
  void aBatchThatTheTrainingSamplesFillIsTaken(String flags) {
    List<String> args = new java.util.ArrayList<>(List.of("--genome", genome.toString()));
    args.addAll(List.of(flags.split(" ")));
    assertThat(TrainCommand.Options.parse(args, JsonMapper.builder().build()).body.has("genome"))
        .isTrue();
  }

  @Test
  void tooFewTrainingSamplesForTheBatchFailAtOnceNotAfterTheStartUp() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            new String[] {
              "train", "--genome", genome.toString(), "--server", api.url(), "--train-samples", "16"
            },
            out,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8).strip())
        .startsWith(
            "mse-nas: --train-samples 16 is smaller than the quick preset's batch size (32");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aFromFilesBatchIsItsRunsPresets() throws Exception {
    String smokeRun = RUN_SPEC.replace("\"quick\"", "\"smoke\"");
    Path smoke =
        Files.writeString(
            temp.resolve("smoke.json"), "{\"winner\": " + WINNER + ", \"spec\": " + smokeRun + "}");
    Path quick =
        Files.writeString(
            temp.resolve("quick.json"), "{\"winner\": " + WINNER + ", \"spec\": " + RUN_SPEC + "}");
    // smoke trains in batches of 16, quick of 32
    assertThat(parse("--from", smoke.toString(), "--train-samples", "16").body.get("preset"))
        .hasToString("\"smoke\"");
    assertThatThrownBy(() -> parse("--from", quick.toString(), "--train-samples", "16"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--train-samples 16 is smaller than the quick preset's batch size");
    assertThat(parse("--from", quick.toString(), "--train-samples", "16", "--preset", "smoke").body)
        .isNotNull();
  }

  @Test
  void aGenomeWrittenByTheProjectIsTakenWithoutItsHash() throws Exception {
    // the genome of a training.json (GET /v1/trainings/{id}), which the service would not read
    Path file =
        Files.writeString(
            temp.resolve("genome.json"),
            "{\"searchSpaceVersion\": \"mse-v1\", \"genes\": [1, 0, 3], \"canonicalHash\":"
                + " \"0f3a\"}");
    assertThat(parse("--genome", file.toString()).body.get("genome").toString())
        .isEqualTo("{\"searchSpaceVersion\":\"mse-v1\",\"genes\":[1,0,3]}");
  }

  @Test
  void aFromFilesGenomeIsSentWithoutWhatTheServiceDoesNotRead() throws Exception {
    Path from =
        Files.writeString(
            temp.resolve("result.json"),
            "{\"winner\": {\"genome\": {\"searchSpaceVersion\": \"mse-v1\", \"genes\": [1, 0, 3],"
                + " \"canonicalHash\": \"0f3a\"}}, \"spec\": "
                + RUN_SPEC
                + "}");
    assertThat(parse("--from", from.toString()).body.get("genome").toString())
        .isEqualTo("{\"searchSpaceVersion\":\"mse-v1\",\"genes\":[1,0,3]}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"searchSpaceVersion\": \"mse-v1\", \"genes\": [1], \"cells\": 6, \"zeta\": 0}'"
            + " | has fields a genome does not have: [cells, zeta] (a genome is",
        "'{\"searchSpaceVersion\": \" \", \"genes\": [1]}' | has no searchSpaceVersion",
        "'{\"winner\": "
            + WINNER
            + ", \"spec\": "
            + RUN_SPEC
            + "}'"
            + " | has no searchSpaceVersion (a run's result.json? give it with --from)",
        "'{\"id\": \""
            + ID
            + "\", \"genome\": {\"searchSpaceVersion\": \"mse-v1\", \"genes\": [1]}}'"
            + " | has no searchSpaceVersion (a training.json? give its \"genome\" object)",
      })
  void aGenomeFileTheServiceWouldNotReadIsABadCommandLine(String content, String message)
      throws Exception {
    Path file = Files.writeString(temp.resolve("genome.json"), content);
    assertThatThrownBy(() -> parse("--genome", file.toString()))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--genome " + file + " " + message.strip());
  }

  @Test
  @Timeout(60)
  void aServerThatCannotBeReachedIsNamedWithTheReason() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String server = "http://127.0.0.1:" + port;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        MseNas.run(
            new String[] {
              "train",
              "--genome",
              genome.toString(),
              "--server",
              server,
              "--out",
              temp.resolve("x").toString()
            },
            out,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(stderr.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("mse-nas: cannot reach " + server + ": connection refused");
  }

  @Test
  void aSeedBeyond32BitsIsTaken() {
    JsonNode body =
        TrainCommand.Options.parse(
                List.of("--genome", genome.toString(), "--seed", "5000000000"),
                JsonMapper.builder().build())
            .body;
    assertThat(body.get("seed").asLong()).isEqualTo(5_000_000_000L);
  }

  @Test
  void aTrainingThatEndsOnItsOwnIsNotInterrupted() throws Exception {
    api.on("POST /v1/trainings", 201, training("QUEUED"))
        .on("GET /v1/trainings/" + ID, 200, training("FAILED"));
    Path folder = temp.resolve("failed");

    int status =
        new TrainCommand(out)
            .execute(
                List.of(
                    "--genome",
                    genome.toString(),
                    "--server",
                    api.url(),
                    "--out",
                    folder.toString()));

    assertThat(status).isEqualTo(1);
    assertThat(api.requests()).noneMatch(r -> r.endsWith("/cancel"));
    JsonNode written =
        JsonMapper.builder().build().readTree(Files.readString(folder.resolve("training.json")));
    assertThat(written.get("interrupted").asBoolean()).isFalse();
  }
}
