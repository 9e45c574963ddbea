package io.msenas.cli.train;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mse-nas train}: trains one architecture through {@code POST /v1/trainings}, embedded like
 * {@code run} or against a server ({@code --server}), printing a line per epoch, then writes {@code
 * training.json} and the trained model into the output folder. Ctrl-C cancels the training and
 * writes what was done.
 *
 * <p>The architecture: {@code --from result.json} (a run's winner), {@code --genome FILE} (a JSON
 * file {@code {"searchSpaceVersion": ..., "genes": [...]}} or a comma-separated gene list), or
 * {@code --search ID [--individual ID]} on {@code --server}.
 */
public final class TrainCommand {

  public static final String USAGE =
      """
      usage: mse-nas train (--from RESULT_JSON | --genome FILE | --search ID [--individual ID])
                           [--server URL] [--preset smoke|quick|paper] [--dataset NAME]
                           [--epochs N] [--batch-size N] [--seed N] [--train-samples N]
                           [--workers N] [--out DIR]

        --from        a result.json of mse-nas run: trains its winner (or, of an interrupted run,
                      the best so far) with the run's cells, channels, time steps, data set and
                      preset (--preset and --dataset override the last two)
        --genome      a genome file: {"searchSpaceVersion": "mse-v1", "genes": [...]} (a
                      training.json's "genome" too) or 1,0,3,...
        --search      a search on --server: trains its winner, or --individual
        --individual  an individual of --search (its id)
        --server      an API service to use instead of the embedded one (e.g. http://host:8080)
        --preset      smoke, quick or paper: network sizes and training recipe (default quick)
        --dataset     mnist (default), cifar10, cifar100, dvs128-gesture or cifar10-dvs
        --epochs      epochs, 1 to 10000 (default: the preset's training default)
        --batch-size  batch size, 2 to 4096 (default: the preset's)
        --seed        seed of the weights, the batches and the training (default: the service's)
        --train-samples  train on the first N samples of the training split (quick checks); at
                      least the batch size
        --workers     embedded worker consumers (default 1, at most 64; ignored with --server)
        --out         output folder (default runs/training-<id>): training.json and model.bin
      """;

  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final long POLL_MILLIS = 500;
  private static final Path RUNS = Path.of("runs");

  private final JsonMapper json = JsonMapper.builder().build();
  private final PrintStream out;
  private final Supplier<Interruption> interruptions;

  public TrainCommand(PrintStream out) {
    this(out, Interruption::new);
  }

  /** With the Ctrl-C handling given (tests signal it themselves). */
  TrainCommand(PrintStream out, Supplier<Interruption> interruptions) {
    this.out = out;
    this.interruptions = interruptions;
  }

  /**
   * Parses and runs; returns the exit status. Ctrl-C (SIGINT, SIGTERM) cancels the training through
   * the API, writes training.json with what was done and stops the embedded services before the JVM
   * exits (their own shutdown hooks are off).
   */
  public int execute(List<String> args) {
    Options o = Options.parse(args, json);
    // the default folder, runs/training-<id>, is named after the training: its parent is checked
    RunCommand.requireWritable(o.out != null ? o.out : RUNS);
    Interruption interruption = interruptions.get();
    interruption.install();
    LocalStack stack = null;
    try {
      String base = o.server;
      if (base == null) {
        stack = LocalStack.start(0, o.workers, step -> out.println("  " + step));
        base = stack.apiUrl();
      }
      ApiClient api = new ApiClient(base, json);
      JsonNode created = api.submitTraining(o.body);
      String id = created.get("id").asString();
      JsonNode spec = created.get("spec");
      out.printf(
          Locale.ROOT,
          "training %s: %s, C=%d, T=%d, %d epochs, batch %d%n",
          id,
          spec.get("dataset").asString(),
          spec.get("channels").asInt(),
          spec.get("timeSteps").asInt(),
          spec.get("epochs").asInt(),
          spec.get("batchSize").asInt());
      // the folder exists before the work starts
      Path folder = o.out != null ? o.out : RUNS.resolve("training-" + id);
      RunCommand.requireWritable(folder);
      JsonNode training = follow(api, id, spec.get("epochs").asInt(), interruption);
      boolean interrupted = training == null;
      if (interrupted) {
        training = cancelQuietly(api, id);
      }
      ObjectNode record = (ObjectNode) training;
      record.put("interrupted", interrupted);
      Files.writeString(
          folder.resolve("training.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n");
      if (interrupted) {
        out.println(
            "interrupted: training "
                + id
                + " was cancelled; its epochs are in "
                + folder.resolve("training.json"));
        return RunCommand.EXIT_INTERRUPTED;
      }
      String status = training.get("status").asString();
      if (!"SUCCEEDED".equals(status)) {
        out.println("training " + id + " " + status + ": " + training.get("error").asString(""));
        return RunCommand.EXIT_FAILED;
      }
      Files.write(folder.resolve("model.bin"), api.model(id));
      JsonNode r = training.get("result");
      out.printf(
          Locale.ROOT,
          "training %s SUCCEEDED: test accuracy %.4f (best validation %.4f at epoch %d),"
              + " %,d parameters, %.1f samples/s%nfolder: %s (training.json, model.bin)%n",
          id,
          r.get("testAccuracy").asDouble(),
          r.get("bestValidationAccuracy").asDouble(),
          r.get("bestEpoch").asInt(),
          r.get("parameterCount").asLong(),
          r.get("samplesPerSecond").asDouble(),
          folder);
      return RunCommand.EXIT_OK;
    } catch (InterruptedException e) {
      Thread.interrupted();
      out.println("interrupted before the training started; nothing was written");
      return RunCommand.EXIT_INTERRUPTED;
    } catch (ApiClient.ApiException e) {
      if (interruption.requested()) {
        out.println("interrupted: " + e.getMessage());
        return RunCommand.EXIT_INTERRUPTED;
      }
      throw new RunException(e.describe());
    } catch (IllegalStateException e) {
      if (interruption.requested()) {
        out.println("interrupted while starting; nothing was written");
        return RunCommand.EXIT_INTERRUPTED;
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

  /** Polls until the training ends, printing each epoch as it completes; null if interrupted. */
  private JsonNode follow(ApiClient api, String id, int epochCount, Interruption interruption) {
    int printed = 0;
    try {
      while (!interruption.requested()) {
        JsonNode training = api.training(id);
        JsonNode epochs = training.get("epochs");
        JsonNode eta = training.get("progress").get("etaSeconds");
        for (; printed < epochs.size(); printed++) {
          JsonNode e = epochs.get(printed);
          out.printf(
              Locale.ROOT,
              "epoch %d/%d  loss %.4f  train %.4f  validation %.4f  spikes %.4f  lr %.2e  elapsed %.0fs  ETA %s%n",
              e.get("epoch").asInt(),
              epochCount,
              e.get("loss").asDouble(),
              e.get("trainAccuracy").asDouble(),
              e.get("validationAccuracy").asDouble(),
              e.get("spikeRate").asDouble(),
              e.get("learningRate").asDouble(),
              e.get("elapsedSeconds").asDouble(),
              eta == null || eta.isNull()
                  ? "-"
                  : String.format(Locale.ROOT, "%.0fs", eta.asDouble()));
        }
        if (TERMINAL.contains(training.get("status").asString())) {
          return training;
        }
        Thread.sleep(POLL_MILLIS);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.interrupted();
      return null;
    }
  }

  /**
   * Cancels the training (after Ctrl-C) and reads it back; one that finished meanwhile (409) is
   * read as it is.
   */
  private static JsonNode cancelQuietly(ApiClient api, String id) throws InterruptedException {
    Thread.interrupted();
    try {
      return api.cancelTraining(id);
    } catch (ApiClient.ApiException finishedMeanwhile) {
      return api.training(id);
    }
  }

  /** The parsed command line and the request body it makes. */
  static final class Options {

    /** A genome of the request ({@code POST /v1/trainings}), in order. */
    private static final List<String> GENOME_FIELDS = List.of("searchSpaceVersion", "genes");

    /**
     * Written next to the genes by the project (training.json, {@code GET /v1/trainings/{id}}):
     * dropped, not refused.
     */
    private static final Set<String> WRITTEN_WITH_A_GENOME = Set.of("canonicalHash");

    ObjectNode body;
    String server;
    int workers = 1;
    Path out;

    static Options parse(List<String> args, JsonMapper json) {
      Options o = new Options();
      ObjectNode body = json.createObjectNode();
      String from = null;
      String genome = null;
      String search = null;
      String individual = null;
      FlagReader flags = new FlagReader(args);
      while (flags.hasNext()) {
        String flag = flags.next();
        switch (flag) {
          case "--from" -> from = flags.value();
          case "--genome" -> genome = flags.value();
          case "--search" -> search = Flags.uuid(flag, flags.value());
          case "--individual" -> individual = Flags.uuid(flag, flags.value());
          case "--server" -> o.server = Flags.serverUrl(flag, flags.value());
          case "--preset" ->
              body.put("preset", Flags.oneOf(flag, flags.value(), ServiceLimits.PRESETS));
          case "--dataset" ->
              body.put(
                  "dataset", Flags.oneOf(flag, flags.value(), ServiceLimits.TRAINING_DATASETS));
          case "--epochs" ->
              body.put(
                  "epochs", Flags.intIn(flag, flags.value(), 1, ServiceLimits.MAX_TRAINING_EPOCHS));
          case "--batch-size" ->
              body.put(
                  "batchSize",
                  Flags.intIn(
                      flag,
                      flags.value(),
                      ServiceLimits.MIN_BATCH_SIZE,
                      ServiceLimits.MAX_BATCH_SIZE));
          case "--seed" -> body.put("seed", Flags.longIn(flag, flags.value(), 0, Long.MAX_VALUE));
          case "--train-samples" ->
              body.put(
                  "trainSamples",
                  Flags.intIn(flag, flags.value(), 0, ServiceLimits.MAX_TRAIN_SAMPLES));
          case "--workers" -> o.workers = Flags.intIn(flag, flags.value(), 1, Flags.MAX_WORKERS);
          case "--out" -> o.out = Flags.path(flag, flags.value());
          default ->
              throw new UsageException("unknown flag '" + flag + "' (see mse-nas train --help)");
        }
      }
      int sources = (from == null ? 0 : 1) + (genome == null ? 0 : 1) + (search == null ? 0 : 1);
      if (sources != 1) {
        throw new UsageException("give exactly one of --from, --genome and --search");
      }
      if (individual != null && search == null) {
        throw new UsageException("--individual needs --search (an individual of which search?)");
      }
      if (search != null) {
        if (o.server == null) {
          throw new UsageException(
              "--search needs --server (the embedded service has no searches)");
        }
        ObjectNode source = body.putObject("source");
        source.put("searchId", search);
        if (individual != null) {
          source.put("individualId", individual);
        }
      } else if (from != null) {
        fromResult(body, readJson(json, Flags.path("--from", from), "--from"), from);
      } else {
        body.set("genome", genomeFile(json, Flags.path("--genome", genome)));
      }
      // the preset's default batch when none is given: --from's run preset, else the service's
      ServiceLimits.requireFullBatch(
          body.hasNonNull("preset") ? body.get("preset").asString() : ServiceLimits.DEFAULT_PRESET,
          body.has("batchSize") ? body.get("batchSize").asInt() : null,
          body.has("trainSamples") ? body.get("trainSamples").asInt() : null);
      o.body = body;
      return o;
    }

    /**
     * The winner (or best so far) of a run's result.json and the spec fields a training needs,
     * checked before anything starts: a missing field is named.
     */
    private static void fromResult(ObjectNode body, JsonNode result, String from) {
      String hint = " (is it a result.json of mse-nas run?)";
      if (!result.isObject()) {
        throw new UsageException("--from " + from + " is not a JSON object" + hint);
      }
      String source = "winner";
      JsonNode winner = result.path(source);
      if (winner.isMissingNode() || winner.isNull()) {
        source = "bestSoFar";
        winner = result.path(source);
      }
      if (winner.isMissingNode() || winner.isNull()) {
        throw new UsageException("--from " + from + " has no winner (nor bestSoFar) to train");
      }
      JsonNode genome = winner.path("genome");
      if (!hasVersion(genome)) {
        throw new UsageException(
            "--from " + from + " has no " + source + ".genome.searchSpaceVersion" + hint);
      }
      JsonNode genes = genome.path("genes");
      if (!genes.isArray() || genes.isEmpty()) {
        throw new UsageException("--from " + from + " has no " + source + ".genome.genes" + hint);
      }
      for (JsonNode gene : genes) {
        if (!gene.isInt()) {
          throw new UsageException(
              "--from " + from + ": " + source + ".genome.genes holds " + gene + ", not a gene");
        }
      }
      serviceGenome(body.putObject("genome"), genome);
      JsonNode spec = result.path("spec");
      if (!spec.isObject()) {
        throw new UsageException("--from " + from + " has no spec" + hint);
      }
      for (String field : List.of("cells", "channels", "timeSteps")) {
        if (!spec.path(field).isInt()) {
          throw new UsageException(
              "--from " + from + " has no spec." + field + " (an integer)" + hint);
        }
        body.put(field, spec.get(field).asInt());
      }
      for (String field : List.of("dataset", "preset")) {
        JsonNode value = spec.path(field);
        if (!value.isMissingNode() && !value.isNull() && !value.isString()) {
          throw new UsageException("--from " + from + ": spec." + field + " is not a name" + hint);
        }
        putIfAbsent(body, field, value);
      }
    }

    /** A search-space version the service takes: a string, not blank. */
    private static boolean hasVersion(JsonNode genome) {
      JsonNode version = genome.path("searchSpaceVersion");
      return version.isString() && !version.asString().isBlank();
    }

    private static void putIfAbsent(ObjectNode body, String field, JsonNode value) {
      if (!body.has(field) && value.isString()) {
        body.set(field, value);
      }
    }

    private static JsonNode genomeFile(JsonMapper json, Path file) {
      String text;
      try {
        text = Files.readString(file).strip();
      } catch (IOException e) {
        throw new UsageException("--genome: cannot read " + file + ": " + e.getMessage());
      }
      if (text.startsWith("{")) {
        JsonNode genome = readJson(json, file, "--genome");
        if (!hasVersion(genome)) {
          String hint =
              genome.has("winner") || genome.has("bestSoFar")
                  ? " (a run's result.json? give it with --from)"
                  : genome.path("genome").isObject()
                      ? " (a training.json? give its \"genome\" object)"
                      : "";
          throw new UsageException("--genome " + file + " has no searchSpaceVersion" + hint);
        }
        JsonNode genes = genome.path("genes");
        if (!genes.isArray() || genes.isEmpty()) {
          throw new UsageException("--genome " + file + " has no genes (a list of integers)");
        }
        for (JsonNode gene : genes) {
          if (!gene.isInt()) {
            throw new UsageException(
                "--genome " + file + ": genes holds " + gene + ", not a gene (an integer)");
          }
        }
        // the service reads a genome strictly: a field it does not take is named here, before the
        // start-up, except those the project writes itself next to the genes (training.json)
        List<String> unknown =
            genome.properties().stream()
                .map(Map.Entry::getKey)
                .filter(f -> !GENOME_FIELDS.contains(f) && !WRITTEN_WITH_A_GENOME.contains(f))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
          throw new UsageException(
              "--genome "
                  + file
                  + " has fields a genome does not have: "
                  + unknown
                  + " (a genome is {\"searchSpaceVersion\": ..., \"genes\": [...]})");
        }
        return serviceGenome(json.createObjectNode(), genome);
      }
      ObjectNode genome = json.createObjectNode();
      genome.put("searchSpaceVersion", "mse-v1");
      ArrayNode genes = genome.putArray("genes");
      for (String gene : text.split("[,\\s]+")) {
        try {
          genes.add(Integer.parseInt(gene));
        } catch (NumberFormatException e) {
          throw new UsageException(
              "--genome " + file + ": '" + gene + "' is not a gene (an integer)");
        }
      }
      return genome;
    }

    /**
     * The genome as the service takes it: only its version and genes, without the fields the
     * project writes next to them ({@code canonicalHash}), which the service would refuse.
     */
    private static ObjectNode serviceGenome(ObjectNode into, JsonNode genome) {
      for (String field : GENOME_FIELDS) {
        into.set(field, genome.get(field));
      }
      return into;
    }

    private static JsonNode readJson(JsonMapper json, Path file, String flag) {
      try {
        return json.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new UsageException(flag + ": cannot read " + file + ": " + e.getMessage());
      } catch (RuntimeException e) {
        throw new UsageException(flag + ": " + file + " is not JSON: " + e.getMessage());
      }
    }
  }
}
