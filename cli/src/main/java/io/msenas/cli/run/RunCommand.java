package io.msenas.cli.run;

import io.msenas.cli.embedded.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mse-nas run}: starts the embedded stack, submits one search through the REST API, shows a
 * line per completed generation, and writes the run folder. Exit status: 0 when the search
 * succeeded, 1 when it failed or the stack did not start, 130 after Ctrl-C.
 */
public final class RunCommand {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_INTERRUPTED = 130;

  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final long POLL_MILLIS = 250;
  private static final long QUIET_LINE_SECONDS = 30;

  private final JsonMapper json = JsonMapper.builder().build();
  private final PrintStream stdout;
  private final PrintStream human;
  private final RunOptions options;

  /**
   * @param options the parsed options
   * @param stdout where the summary (or with {@code --json}, result.json) goes
   * @param stderr where progress goes when standard output carries JSON
   */
  public RunCommand(RunOptions options, PrintStream stdout, PrintStream stderr) {
    this.options = options;
    this.stdout = stdout;
    this.human = options.json() ? stderr : stdout;
  }

  /**
   * Runs the search.
   *
   * @return the exit status
   * @throws RunException with one line for the user when the run cannot start
   */
  public int execute() {
    Path runsRoot = options.out() != null ? options.out() : Path.of("runs");
    requireWritable(runsRoot);
    if (options.apiPort() != 0) {
      requireFreePort(options.apiPort());
    }
    Interruption interruption = new Interruption();
    interruption.install();
    LocalStack stack = null;
    try {
      stack =
          LocalStack.start(
              options.apiPort(),
              options.workers(),
              step -> say(String.format(Locale.ROOT, "  %5.1fs %s", secondsSinceJvmStart(), step)));
      double startup = secondsSinceJvmStart();
      ApiClient api = new ApiClient(stack.apiUrl(), json);
      JsonNode submitted = api.submitSearch(requestBody());
      String id = submitted.get("id").asString();
      Path folder = options.out() != null ? options.out() : runsRoot.resolve(id);
      JsonNode spec = submitted.get("spec");
      say(
          String.format(
              Locale.ROOT,
              "search %s: preset %s, dataset %s, seed %d, population %d, %d generations"
                  + " (ready in %.1f s, API %s)",
              id,
              options.preset(),
              spec.get("dataset").asString(),
              spec.get("seed").asLong(),
              spec.get("population").asInt(),
              spec.get("generations").asInt(),
              startup,
              stack.apiUrl()));
      JsonNode last = follow(api, id, interruption);
      boolean interrupted = last == null;
      if (interrupted) {
        last = cancelQuietly(api, id);
      }
      RunRecord record = RunRecord.collect(api, json, last, interrupted, startup);
      record.write(folder);
      if (options.json()) {
        stdout.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(record.result()));
      } else {
        Summary.print(stdout, record, folder);
      }
      if (interrupted) {
        say("interrupted: the search was cancelled; what was done is in " + folder);
        return EXIT_INTERRUPTED;
      }
      if (options.serve()) {
        serve(stack, id, interruption);
      }
      return "SUCCEEDED".equals(last.get("status").asString()) ? EXIT_OK : EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.interrupted();
      say("interrupted before the search started; nothing was written");
      return EXIT_INTERRUPTED;
    } catch (ApiClient.ApiException e) {
      if (interruption.requested()) {
        say("interrupted: " + e.getMessage());
        return EXIT_INTERRUPTED;
      }
      throw new RunException(e.describe());
    } catch (IllegalStateException e) {
      if (interruption.requested()) {
        say("interrupted while starting; nothing was written");
        return EXIT_INTERRUPTED;
      }
      throw new RunException(rootMessage(e));
    } finally {
      // a second Ctrl-C must not stop the services while they are being stopped
      Thread.interrupted();
      if (stack != null) {
        stack.close();
      }
      interruption.finish();
    }
  }

  /** Polls until the search ends; null when interrupted first. */
  private JsonNode follow(ApiClient api, String id, Interruption interruption) {
    int printed = 0;
    long lastLine = System.nanoTime();
    try {
      while (true) {
        if (interruption.requested()) {
          return null;
        }
        JsonNode search = api.search(id);
        JsonNode progress = search.get("progress");
        int completed = progress.get("generation").asInt();
        boolean done = TERMINAL.contains(search.get("status").asString());
        if (completed > printed || done) {
          JsonNode generations = api.generations(id);
          for (; printed < generations.size(); printed++) {
            say(Summary.generationLine(generations.get(printed), progress));
            lastLine = System.nanoTime();
          }
        }
        if (done) {
          return search;
        }
        if (System.nanoTime() - lastLine > Duration.ofSeconds(QUIET_LINE_SECONDS).toNanos()) {
          say(Summary.runningLine(progress));
          lastLine = System.nanoTime();
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.interrupted();
      return null;
    }
  }

  /** Cancels the search (interrupted run) and returns its state; what was done stays stored. */
  private JsonNode cancelQuietly(ApiClient api, String id) throws InterruptedException {
    Thread.interrupted();
    try {
      return api.cancel(id);
    } catch (ApiClient.ApiException finishedMeanwhile) {
      return api.search(id);
    }
  }

  private void serve(LocalStack stack, String id, Interruption interruption) {
    say("serving the API at " + stack.apiUrl() + " until Ctrl-C:");
    say("  this search    " + stack.apiUrl() + "/v1/searches/" + id);
    say("  dashboard      " + stack.apiUrl() + "/dashboard/#search=" + id);
    say("  API reference  " + stack.apiUrl() + "/docs.html (contract: /openapi.yaml)");
    while (!interruption.requested()) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.interrupted();
      }
    }
    say("stopping");
  }

  private ObjectNode requestBody() {
    ObjectNode body = json.createObjectNode();
    body.put("dataset", options.dataset());
    body.put("preset", options.preset());
    if (options.seed() != null) {
      body.put("seed", options.seed());
    }
    if (options.generations() != null) {
      body.put("generations", options.generations());
    }
    if (options.fitness() != null) {
      body.put("fitness", options.fitness());
    }
    if (options.evolution() != null) {
      body.put("evolution", options.evolution());
    }
    if (options.population() != null) {
      body.put("population", options.population());
    }
    return body;
  }

  private void say(String line) {
    human.println(line);
    human.flush();
  }

  private static double secondsSinceJvmStart() {
    long start = ManagementFactory.getRuntimeMXBean().getStartTime();
    return (System.currentTimeMillis() - start) / 1000.0;
  }

  /**
   * The output folder (or the folder that will hold it) must be writable: created if missing and
   * written to, before anything is started or submitted.
   *
   * @throws RunException naming the folder and why
   */
  public static void requireWritable(Path folder) {
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new RunException("cannot write to the output folder " + folder + ": " + rootMessage(e));
    }
  }

  private static void requireFreePort(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new RunException("port " + port + " is in use (choose another with --port)");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return t == e ? message : e.getMessage() + " (" + message + ")";
  }
}
