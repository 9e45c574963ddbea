package io.msenas.cli.run;

import static io.msenas.cli.Flags.intIn;
import static io.msenas.cli.Flags.longIn;
import static io.msenas.cli.Flags.oneOf;
import static io.msenas.cli.Flags.path;

import io.msenas.api.search.SearchSpec;
import io.msenas.cli.FlagReader;
import io.msenas.cli.Flags;
import io.msenas.cli.ServiceLimits;
import io.msenas.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code mse-nas run}, parsed strictly: an unknown flag, a missing or malformed
 * value, or a value out of range is a {@link UsageException} naming the flag and the value.
 *
 * @param preset smoke, quick or paper
 * @param dataset the data set (mnist)
 * @param seed the search seed, or null for the service's default
 * @param generations generations, or null for the preset's
 * @param population population size, or null for the preset's
 * @param workers worker consumers in this JVM
 * @param out the run folder, or null for {@code runs/<search id>}
 * @param json print result.json instead of the human summary
 * @param serve keep the API up after the search, until Ctrl-C
 * @param port the API's port, or null (any free port; 8080 with {@code --serve})
 * @param fitness the fitness function, or null for the service's default (rdm-hamming)
 * @param evolution generational or steady-state, or null for the service's default (generational)
 */
public record RunOptions(
    String preset,
    String dataset,
    Long seed,
    Integer generations,
    Integer population,
    int workers,
    Path out,
    boolean json,
    boolean serve,
    Integer port,
    String fitness,
    String evolution) {

  // what the API service accepts (ServiceLimits): a value it would reject is a bad command line
  public static final Set<String> PRESETS = Set.copyOf(ServiceLimits.PRESETS);
  public static final Set<String> DATASETS = ServiceLimits.SEARCH_DATASETS;
  public static final Set<String> FITNESSES = ServiceLimits.SEARCH_FITNESSES;
  public static final Set<String> EVOLUTIONS =
      Set.of(SearchSpec.GENERATIONAL, SearchSpec.STEADY_STATE);
  public static final int DEFAULT_SERVE_PORT = 8080;

  public static final String USAGE =
      """
      usage: mse-nas run [--preset smoke|quick|paper] [--dataset mnist] [--seed N]
                         [--generations N] [--population N] [--workers N] [--out DIR]
                         [--fitness NAME] [--evolution generational|steady-state]
                         [--json] [--serve] [--port N]

        --preset       search preset (default quick: C=16, L=6, T=4, 12 x 5 generations)
        --dataset      data set scored on (default mnist: the shipped 10,000 real digits)
        --seed         seed of the search; the same seed gives the same winner (default 99)
        --generations  generations to run (default: the preset's)
        --population   population size, 2 to 1000 (default: the preset's)
        --workers      worker consumers in this JVM, at most 64 (default 1)
        --out          run folder (default runs/<search id>)
        --fitness      rdm-hamming (default), rdm-pearson, sahd-logdet, rsa-labels, or
                       trained-accuracy (a short training per network: minutes each)
        --evolution    generational (default; the same seed gives the same winner with any
                       number of workers) or steady-state (no generation barrier)
        --json         print result.json on standard output instead of the summary
        --serve        keep the API and its docs up after the search, until Ctrl-C
        --port         the API's port (default: any free port; 8080 with --serve)
      """;

  /** The API's port: the one given, 8080 when serving, otherwise 0 (any free port). */
  public int apiPort() {
    if (port != null) {
      return port;
    }
    return serve ? DEFAULT_SERVE_PORT : 0;
  }

  /**
   * Parses {@code run}'s arguments ({@code --flag value} or {@code --flag=value}).
   *
   * @param args the arguments after {@code run}
   * @return the options
   * @throws UsageException naming the first bad flag or value
   */
  public static RunOptions parse(List<String> args) {
    String preset = "quick";
    String dataset = "mnist";
    Long seed = null;
    Integer generations = null;
    Integer population = null;
    int workers = 1;
    Path out = null;
    boolean json = false;
    boolean serve = false;
    Integer port = null;
    String fitness = null;
    String evolution = null;
    FlagReader flags = new FlagReader(args);
    while (flags.hasNext()) {
      String flag = flags.next();
      switch (flag) {
        case "--json" -> json = flags.noValue();
        case "--serve" -> serve = flags.noValue();
        case "--preset" -> preset = oneOf(flag, flags.value(), PRESETS);
        case "--dataset" -> dataset = oneOf(flag, flags.value(), DATASETS);
        case "--seed" -> seed = longIn(flag, flags.value(), 0, Long.MAX_VALUE);
        case "--generations" ->
            generations = intIn(flag, flags.value(), 1, ServiceLimits.MAX_GENERATIONS);
        case "--population" ->
            population =
                intIn(
                    flag,
                    flags.value(),
                    ServiceLimits.MIN_POPULATION,
                    ServiceLimits.MAX_POPULATION);
        case "--workers" -> workers = intIn(flag, flags.value(), 1, Flags.MAX_WORKERS);
        case "--port" -> port = intIn(flag, flags.value(), 1, 65_535);
        case "--out" -> out = path(flag, flags.value());
        case "--fitness" -> fitness = oneOf(flag, flags.value(), FITNESSES);
        case "--evolution" -> evolution = oneOf(flag, flags.value(), EVOLUTIONS);
        default -> throw new UsageException("unknown flag '" + flag + "' (see mse-nas run --help)");
      }
    }
    return new RunOptions(
        preset,
        dataset,
        seed,
        generations,
        population,
        workers,
        out,
        json,
        serve,
        port,
        fitness,
        evolution);
  }
}
