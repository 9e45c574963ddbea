package io.msenas.cli.study;

import io.msenas.cli.FlagReader;
import io.msenas.cli.Flags;
import io.msenas.cli.ServiceLimits;
import io.msenas.cli.UsageException;
import io.msenas.cli.embedded.LocalStack;
import io.msenas.cli.run.ApiClient;
import io.msenas.cli.run.Interruption;
import io.msenas.cli.run.RunCommand;
import io.msenas.cli.run.RunException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mse-nas study}: a correlation study through {@code POST /v1/studies}, embedded like {@code
 * run} or against a server. Prints a line per architecture as it finishes, then the table of rank
 * correlations, and writes {@code study.json} and {@code study.html} (a scatter plot per score)
 * into the output folder. Ctrl-C cancels the study and writes what was done.
 */
public final class StudyCommand {

  public static final String USAGE =
      """
      usage: mse-nas study [--preset smoke|quick|paper] [--dataset mnist] [--architectures N] [--epochs N]
                           [--train-samples N] [--batch-size N] [--learning-rate X] [--seed N]
                           [--fitnesses a,b,...] [--workers N] [--server URL] [--out DIR] [--json]

        Draws N seeded random architectures, scores each untrained with every training-free
        fitness, trains each for E epochs on MNIST, and ranks the scores (and the naive baselines:
        parameter count, spike rate, synaptic operations) against validation accuracy: Kendall's
        tau-b and Spearman's rho with 95% bootstrap intervals.

        --preset         smoke, quick or paper: network sizes and training recipe (default quick)
        --dataset        mnist, the only data set of the training-free fitness (default)
        --architectures  how many architectures, 3 to 300 (default 30)
        --epochs         training epochs each, 1 to 1000 (default 1)
        --train-samples  train on the first N samples of the training split (default all 8,000),
                         at least the batch size
        --batch-size     training batch size, 2 to 4096 (default the preset's)
        --learning-rate  peak learning rate for a batch of 1024, 0.000001 to 10 (default the
                         preset's)
        --seed           draws the architectures and seeds their training (default 0)
        --fitnesses      which fitness functions (default all: rdm-hamming, rdm-pearson,
                         rsa-labels, sahd-logdet)
        --workers        embedded workers, at most 16 (default 1; trainings use every core, so 1
                         suits a laptop)
        --server         an API service to use instead of the embedded one
        --out            output folder (default runs/study-<id>): study.json, study.html
        --json           print study.json on standard output; progress goes to standard error
      """;

  private static final Path RUNS = Path.of("runs");

  /** Embedded workers: each training uses every core, so a few are already many. */
  private static final int MAX_WORKERS = 16;

  private final JsonMapper json = JsonMapper.builder().build();
  private final PrintStream out;
  private final PrintStream err;

  public StudyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Parses and runs; returns the exit status. */
  public int execute(List<String> args) {
    Options o = Options.parse(args, json);
    PrintStream progress = o.json ? err : out;
    // the default folder, runs/study-<id>, is named after the study: its parent is checked now
    RunCommand.requireWritable(o.out != null ? o.out : RUNS);
    Interruption interruption = new Interruption();
    interruption.install();
    LocalStack stack = null;
    try {
      String base = o.server;
      if (base == null) {
        stack = LocalStack.start(0, o.workers, step -> progress.println("  " + step));
        base = stack.apiUrl();
      }
      ApiClient api = new ApiClient(base, json);
      JsonNode created = api.submitStudy(o.body);
      String id = created.get("id").asString();
      JsonNode spec = created.get("spec");
      progress.printf(
          Locale.ROOT,
          "study %s: %d %s architectures, %d epoch(s) each on %s (%s samples, batch %d), fitness"
              + " %s%n",
          id,
          spec.get("architectures").asInt(),
          spec.get("preset").asString(),
          spec.get("epochs").asInt(),
          spec.get("dataset").asString(),
          spec.get("trainSamples").asInt() == 0 ? "all" : spec.get("trainSamples").asString(),
          spec.get("batchSize").asInt(),
          String.join(", ", names(spec.get("fitnesses"))));
      // the folder exists before the work starts: an unwritable default is known at once
      Path folder = o.out != null ? o.out : RUNS.resolve("study-" + id);
      RunCommand.requireWritable(folder);
      JsonNode study = follow(api, id, interruption, progress);
      boolean interrupted = study == null;
      if (interrupted) {
        Thread.interrupted();
        study = cancelQuietly(api, id);
      }
      ObjectNode record = (ObjectNode) study;
      record.put("interrupted", interrupted);
      Files.writeString(
          folder.resolve("study.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n");
      Files.writeString(folder.resolve("study.html"), StudyReport.render(record));
      if (o.json) {
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(record));
      }
      progress.print(StudyReport.table(record));
      progress.println("folder: " + folder + " (study.json, study.html)");
      if (interrupted) {
        progress.println("interrupted: the study was cancelled; what was done is in " + folder);
        return 130;
      }
      return "SUCCEEDED".equals(study.get("status").asString()) ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.interrupted();
      progress.println("interrupted; the study's state is on the service");
      return 130;
    } catch (ApiClient.ApiException e) {
      if (interruption.requested()) {
        progress.println("interrupted: " + e.getMessage());
        return 130;
      }
      throw new RunException(e.describe());
    } catch (IllegalStateException e) {
      if (interruption.requested()) {
        progress.println("interrupted while starting; nothing was written");
        return 130;
      }
      throw new RunException(String.valueOf(e.getMessage()));
    } catch (IOException e) {
      throw new RunException("cannot write the output folder: " + e.getMessage());
    } finally {
      // a second Ctrl-C must not stop the services while they are being stopped
      Thread.interrupted();
      if (stack != null) {
        stack.close();
      }
      interruption.finish();
    }
  }

  /**
   * Cancels the study and reads it back; a study that finished meanwhile (409) is read as it is.
   */
  private static JsonNode cancelQuietly(ApiClient api, String id) throws InterruptedException {
    try {
      return api.cancelStudy(id);
    } catch (ApiClient.ApiException finished) {
      return api.study(id);
    }
  }

  /** Polls until the study ends, printing each architecture as it finishes; null if interrupted. */
  private JsonNode follow(ApiClient api, String id, Interruption interruption, PrintStream progress)
      throws InterruptedException {
    Set<Integer> reported = new HashSet<>();
    long lastLine = System.nanoTime();
    while (true) {
      if (interruption.requested()) {
        return null;
      }
      JsonNode study;
      try {
        study = api.study(id);
      } catch (InterruptedException e) {
        return null;
      }
      JsonNode p = study.get("progress");
      for (JsonNode m : study.get("members")) {
        String status = m.get("status").asString();
        boolean done =
            status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
        if (done && reported.add(m.get("index").asInt())) {
          progress.println(memberLine(m, study));
          lastLine = System.nanoTime();
        }
      }
      if (!study.get("status").asString().equals("RUNNING")) {
        return study;
      }
      if (System.nanoTime() - lastLine > 60_000_000_000L) {
        progress.printf(
            Locale.ROOT,
            "  running: %d done, %d training, %d queued, elapsed %.0fs%n",
            p.get("succeeded").asInt() + p.get("failed").asInt() + p.get("cancelled").asInt(),
            p.get("running").asInt(),
            p.get("queued").asInt(),
            p.get("elapsedSeconds").asDouble());
        lastLine = System.nanoTime();
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return null;
      }
    }
  }

  private static String memberLine(JsonNode m, JsonNode study) {
    JsonNode p = study.get("progress");
    int done = p.get("succeeded").asInt() + p.get("failed").asInt() + p.get("cancelled").asInt();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "architecture %d (%d/%d done) %s",
                m.get("index").asInt(),
                done,
                p.get("architectures").asInt(),
                m.get("status").asString()));
    if (m.get("status").asString().equals("SUCCEEDED")) {
      line.append(
          String.format(
              Locale.ROOT,
              "  validation %.4f  params %,d",
              m.get("validationAccuracy").asDouble(),
              m.get("parameterCount").asLong()));
      m.get("scores")
          .properties()
          .forEach(
              e ->
                  line.append(
                      String.format(
                          Locale.ROOT, "  %s %.4g", e.getKey(), e.getValue().asDouble())));
    } else if (!m.get("error").isNull()) {
      line.append(": ").append(m.get("error").asString());
    }
    line.append(
        String.format(
            Locale.ROOT,
            "  elapsed %.0fs  ETA %s",
            p.get("elapsedSeconds").asDouble(),
            p.get("etaSeconds").isNull()
                ? "-"
                : String.format(Locale.ROOT, "%.0fs", p.get("etaSeconds").asDouble())));
    return line.toString();
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asString()));
    return names;
  }

  /** The parsed command line and the request body it makes. */
  static final class Options {
    ObjectNode body;
    String server;
    int workers = 1;
    Path out;
    boolean json;

    static Options parse(List<String> args, JsonMapper json) {
      Options o = new Options();
      ObjectNode body = json.createObjectNode();
      FlagReader flags = new FlagReader(args);
      while (flags.hasNext()) {
        String flag = flags.next();
        switch (flag) {
          case "--json" -> o.json = flags.noValue();
          case "--preset" ->
              body.put("preset", Flags.oneOf(flag, flags.value(), ServiceLimits.PRESETS));
          case "--dataset" ->
              body.put("dataset", Flags.oneOf(flag, flags.value(), ServiceLimits.STUDY_DATASETS));
          case "--architectures" ->
              body.put(
                  "architectures",
                  Flags.intIn(
                      flag,
                      flags.value(),
                      ServiceLimits.MIN_ARCHITECTURES,
                      ServiceLimits.MAX_ARCHITECTURES));
          case "--epochs" ->
              body.put(
                  "epochs", Flags.intIn(flag, flags.value(), 1, ServiceLimits.MAX_STUDY_EPOCHS));
          case "--train-samples" ->
              body.put(
                  "trainSamples",
                  Flags.intIn(flag, flags.value(), 0, ServiceLimits.MAX_TRAIN_SAMPLES));
          case "--batch-size" ->
              body.put(
                  "batchSize",
                  Flags.intIn(
                      flag,
                      flags.value(),
                      ServiceLimits.MIN_BATCH_SIZE,
                      ServiceLimits.MAX_BATCH_SIZE));
          case "--learning-rate" ->
              body.put(
                  "learningRatePer1024",
                  Flags.numberIn(
                      flag,
                      flags.value(),
                      ServiceLimits.MIN_LEARNING_RATE,
                      ServiceLimits.MAX_LEARNING_RATE));
          case "--seed" -> body.put("seed", Flags.longIn(flag, flags.value(), 0, Long.MAX_VALUE));
          case "--fitnesses" -> {
            ArrayNode names = body.putArray("fitnesses");
            Set<String> seen = new HashSet<>();
            for (String name : flags.value().split(",")) {
              if (!name.isBlank()) {
                String fitness = Flags.oneOf(flag, name.strip(), ServiceLimits.STUDY_FITNESSES);
                if (!seen.add(fitness)) {
                  throw new UsageException(flag + " names " + fitness + " twice");
                }
                names.add(fitness);
              }
            }
            if (names.isEmpty()) {
              throw new UsageException(flag + " must name at least one fitness");
            }
          }
          case "--workers" -> o.workers = Flags.intIn(flag, flags.value(), 1, MAX_WORKERS);
          case "--server" -> o.server = Flags.serverUrl(flag, flags.value());
          case "--out" -> o.out = Flags.path(flag, flags.value());
          default ->
              throw new UsageException("unknown flag '" + flag + "' (see mse-nas study --help)");
        }
      }
      ServiceLimits.requireFullBatch(
          body.hasNonNull("preset") ? body.get("preset").asString() : ServiceLimits.DEFAULT_PRESET,
          body.has("batchSize") ? body.get("batchSize").asInt() : null,
          body.has("trainSamples") ? body.get("trainSamples").asInt() : null);
      o.body = body;
      return o;
    }
  }
}
