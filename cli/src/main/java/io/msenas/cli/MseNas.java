package io.msenas.cli;

import io.msenas.cli.run.RunCommand;
import io.msenas.cli.run.RunException;
import io.msenas.cli.run.RunOptions;
import io.msenas.cli.study.StudyCommand;
import io.msenas.cli.train.TrainCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code mse-nas} command. Exit status: 0 success, 1 the work failed (or could not start), 2 a
 * bad command line, 130 interrupted with Ctrl-C. Every error is one line on standard error; an
 * unexpected one prints its stack trace too when the environment variable {@code MSE_NAS_DEBUG} is
 * set (to anything but 0).
 */
public final class MseNas {

  public static final int EXIT_USAGE = 2;

  /** The environment variable that makes an unexpected error print its stack trace. */
  public static final String DEBUG_VARIABLE = "MSE_NAS_DEBUG";

  static final String USAGE =
      """
      usage: mse-nas <command> [options]

      commands:
        run      run a whole search on this machine: embedded PostgreSQL and AMQP broker, the API
                 service and workers in one JVM; writes runs/<search id>/
        train    train an architecture (a run's winner, a genome file, a search's individual) with
                 surrogate gradients; writes training.json and model.bin
        study    does the training-free fitness predict trained accuracy? scores and trains N
                 random architectures, ranks each score against validation accuracy; writes
                 study.json and study.html
        help     this text; 'mse-nas <command> --help' for a command's options
      """;

  private MseNas() {}

  public static void main(String[] args) {
    // logging is set up once, here (cli's logback.xml); LocalStack keeps the embedded services
    // from setting it up again
    org.slf4j.LoggerFactory.getLogger(MseNas.class);
    System.setOut(new QuietStdout(System.out));
    int status = run(args, System.out, System.err);
    System.exit(status);
  }

  /**
   * Runs one command.
   *
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String debug = System.getenv(DEBUG_VARIABLE);
    return run(args, out, err, debug != null && !debug.isBlank() && !debug.equals("0"));
  }

  /**
   * Runs one command.
   *
   * @param debug print the stack trace of an unexpected error
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err, boolean debug) {
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    String command = args.length == 0 ? "help" : args[0];
    try {
      switch (command) {
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          return 0;
        }
        case "run" -> {
          if (rest.contains("--help") || rest.contains("-h")) {
            out.print(RunOptions.USAGE);
            return 0;
          }
          RunOptions options = RunOptions.parse(rest);
          return new RunCommand(options, out, err).execute();
        }
        case "train" -> {
          if (rest.contains("--help") || rest.contains("-h")) {
            out.print(TrainCommand.USAGE);
            return 0;
          }
          return new TrainCommand(out).execute(rest);
        }
        case "study" -> {
          if (rest.contains("--help") || rest.contains("-h")) {
            out.print(StudyCommand.USAGE);
            return 0;
          }
          return new StudyCommand(out, err).execute(rest);
        }
        default ->
            throw new UsageException(
                "unknown command '" + command + "' (commands: run, train, study, help)");
      }
    } catch (UsageException e) {
      err.println("mse-nas: " + e.getMessage());
      return EXIT_USAGE;
    } catch (RunException e) {
      err.println("mse-nas: " + e.getMessage());
      return RunCommand.EXIT_FAILED;
    } catch (RuntimeException e) {
      // a bug, or an answer the command did not expect: one line, not a stack trace
      if (debug) {
        err.println("mse-nas: " + command + " failed: " + oneLine(e));
        e.printStackTrace(err);
      } else {
        err.println(
            "mse-nas: "
                + command
                + " failed: "
                + oneLine(e)
                + " ("
                + DEBUG_VARIABLE
                + "=1 prints the stack trace)");
      }
      return RunCommand.EXIT_FAILED;
    }
  }

  /** The exception's class and the first line of its message. */
  static String oneLine(Throwable e) {
    String message =
        e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
    String name = e.getClass().getSimpleName();
    return message.isEmpty() ? name : name + ": " + message;
  }
}
