package io.msenas.api.bench;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service's own cost, apart from any fitness: runs searches with the workers' no-op fitness
 * through the real stack (REST, PostgreSQL, outbox, RabbitMQ, worker, result intake) and prints
 *
 * <pre>
 * search-bench stored_individuals=S evaluations=N per_eval_ms=X intake_p50_ms=Y
 * api-load rate=R seconds=D requests=N errors=E p50_ms=X p99_ms=Y
 * </pre>
 *
 * where per_eval_ms is the median over generations of a generation's wall time divided by its
 * evaluations (one worker, so it includes everything an evaluation costs besides the fitness),
 * first on an empty database and then with 100,000 individuals stored; api-load polls {@code GET
 * /v1/searches/{id}} at a fixed rate while a search runs. Not a test: it prints figures. Arguments:
 * {@code [--population N] [--generations N] [--rate R] [--seconds D] [--stored N]}.
 */
public final class SearchBenchmark {

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int population = 100;
    int generations = 11;
    int rate = 200;
    int seconds = 15;
    int stored = 100_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--population" -> population = value;
        case "--generations" -> generations = value;
        case "--rate" -> rate = value;
        case "--seconds" -> seconds = value;
        case "--stored" -> stored = value;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (ServiceStack stack =
        new ServiceStack(
            Map.of(
                "mse-nas.worker.fitness-mode", "noop",
                "logging.level.root", "WARN",
                "logging.level.io.msenas", "WARN"))) {
      stack.startApi(Map.of());
      stack.cleanDatabase();
      stack.startWorker(Map.of());
      Http http = new Http(stack.apiUrl(0));
      // warm-up: JIT, connection pools, prepared statements
      runSearch(http, stack.jdbc(), 20, 3, 1);

      // different seeds: the second search must not be answered by the fitness cache
      report(http, stack.jdbc(), population, generations, 0, 42);
      storeIndividuals(stack.jdbc(), stored);
      report(http, stack.jdbc(), population, generations, stored, 4242);
      load(http, stack.jdbc(), population, rate, seconds);
    }
    System.exit(0);
  }

  private static void report(
      Http http, JdbcTemplate jdbc, int population, int generations, int stored, int seed) {
    String id = runSearch(http, jdbc, population, generations, seed);
    List<Double> perEvaluation =
        jdbc.queryForList(
            "select extract(epoch from (g.completed_at - coalesce(p.completed_at, j.started_at))) * 1000.0"
                + " / greatest(1, (select count(*) from individual i where i.job_id = g.job_id"
                + " and i.generation = g.number)) from generation g join search_job j on j.id = g.job_id"
                + " left join generation p on p.job_id = g.job_id and p.number = g.number - 1"
                + " where g.job_id = ?::uuid order by g.number",
            Double.class,
            id);
    Integer evaluations =
        jdbc.queryForObject(
            "select count(*) from individual where job_id = ?::uuid", Integer.class, id);
    double intake = intakeMedianMs(http);
    System.out.printf(
        Locale.ROOT,
        "search-bench stored_individuals=%d evaluations=%d per_eval_ms=%.2f intake_p50_ms=%.2f%n",
        stored,
        evaluations,
        median(perEvaluation),
        intake);
  }

  private static String runSearch(
      Http http, JdbcTemplate jdbc, int population, int generations, int seed) {
    String body =
        String.format(
            "{\"dataset\":\"mnist\",\"preset\":\"quick\",\"population\":%d,\"offspring\":%d,"
                + "\"generations\":%d,\"seed\":%d}",
            population, population, generations, seed);
    String id = http.post("/v1/searches", body).json().get("id").asString();
    long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (System.nanoTime() < deadline) {
      String status = http.get("/v1/searches/" + id).json().get("status").asString();
      if (!status.equals("RUNNING") && !status.equals("QUEUED")) {
        if (!status.equals("SUCCEEDED")) {
          throw new IllegalStateException("search " + id + " ended " + status);
        }
        return id;
      }
      sleep(100);
    }
    throw new IllegalStateException("search " + id + " did not finish in 20 minutes");
  }

  /** Adds a finished job with {@code count} evaluated individuals, as history would. */
  private static void storeIndividuals(JdbcTemplate jdbc, int count) {
    jdbc.update(
        "insert into search_job (id, tenant_id, request_hash, spec, status, seed, generations,"
            + " evaluations_total, created_at, updated_at) values ('00000000-0000-0000-0000-00000000beef',"
            + " 'default', 'bench', '{}'::jsonb, 'SUCCEEDED', 1, 1, ?, now(), now())",
        count);
    jdbc.update(
        "insert into individual (id, job_id, tenant_id, label, generation, search_space_version, genes,"
            + " canonical_hash, status, fitness, created_at, evaluated_at, result)"
            + " select gen_random_uuid(), '00000000-0000-0000-0000-00000000beef', 'default', 'g0-' || n, n / 100,"
            + " 'mse-v1', array_fill(0, array[121]), md5(n::text) || md5((n + 1)::text), 'EVALUATED', random(),"
            + " now(), now(), '{\"score\": 1}'::jsonb from generate_series(1, ?) n",
        count);
    jdbc.execute("analyze");
  }

  private static void load(Http http, JdbcTemplate jdbc, int population, int rate, int seconds)
      throws InterruptedException {
    String body =
        String.format(
            "{\"dataset\":\"mnist\",\"preset\":\"quick\",\"population\":%d,\"offspring\":%d,"
                + "\"generations\":1000,\"seed\":77}",
            population, population);
    String id = http.post("/v1/searches", body).json().get("id").asString();
    // warm the endpoint first
    for (int i = 0; i < 200; i++) {
      http.get("/v1/searches/" + id);
    }
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    // requests run on their own threads: a slow reply must not delay the next request (open loop)
    var requests = Executors.newFixedThreadPool(32);
    long periodNanos = 1_000_000_000L / rate;
    var future =
        scheduler.scheduleAtFixedRate(
            () ->
                requests.execute(
                    () -> {
                      long start = System.nanoTime();
                      try {
                        int status = http.get("/v1/searches/" + id).status();
                        if (status != 200) {
                          errors.incrementAndGet();
                        }
                      } catch (RuntimeException e) {
                        errors.incrementAndGet();
                      }
                      latencies.add((System.nanoTime() - start) / 1e6);
                    }),
            0,
            periodNanos,
            TimeUnit.NANOSECONDS);
    Thread.sleep(seconds * 1000L);
    future.cancel(false);
    scheduler.shutdown();
    requests.shutdown();
    requests.awaitTermination(30, TimeUnit.SECONDS);
    http.post("/v1/searches/" + id + "/cancel", "");
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    String progress =
        jdbc.queryForObject(
            "select evaluations_done || ' evaluations done' from search_job where id = ?::uuid",
            String.class,
            id);
    System.out.printf(
        Locale.ROOT,
        "api-load rate=%d seconds=%d requests=%d errors=%d p50_ms=%.2f p99_ms=%.2f (search running: %s)%n",
        rate,
        seconds,
        sorted.size(),
        errors.get(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        progress);
  }

  private static double intakeMedianMs(Http http) {
    String metrics = http.get("/actuator/prometheus").body();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("mse_nas_results_intake_seconds{") && line.contains("quantile=\"0.5\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
      }
    }
    return Double.NaN;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return percentile(sorted, 0.5);
  }

  private static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
