package io.msenas.api.search;

import io.msenas.api.RecentlyUsed;
import io.msenas.api.evolution.Candidate;
import io.msenas.api.evolution.EvaluatedCandidate;
import io.msenas.api.evolution.EvolutionEngine;
import io.msenas.api.evolution.GenerationPlan;
import io.msenas.api.evolution.Objectives;
import io.msenas.api.evolution.ParentLink;
import io.msenas.api.metrics.ApiMetrics;
import io.msenas.api.store.EvaluationTaskEntity;
import io.msenas.api.store.EvaluationTaskRepository;
import io.msenas.api.store.FitnessCacheEntity;
import io.msenas.api.store.FitnessCacheRepository;
import io.msenas.api.store.GenerationEntity;
import io.msenas.api.store.GenerationRepository;
import io.msenas.api.store.IndividualEntity;
import io.msenas.api.store.IndividualRepository;
import io.msenas.api.store.IndividualResults;
import io.msenas.api.store.LineageEntity;
import io.msenas.api.store.LineageRepository;
import io.msenas.api.store.SearchJobEntity;
import io.msenas.api.store.SearchJobRepository;
import io.msenas.model.genome.Genome;
import io.msenas.model.message.EvaluationResult;
import io.msenas.model.message.EvaluationTask;
import io.msenas.model.message.Failure;
import io.msenas.model.message.FitnessConfig;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every state change of a running search, each in one transaction: start (generation 0), taking in
 * a result, expiring a lease, advancing a generation, cancelling. The job row is locked first in
 * each of them, which serialises the changes of one job across threads and API replicas: a
 * generation advances exactly once, when its last individual is done. Nothing here is kept in
 * memory between calls; every decision is recomputed from PostgreSQL.
 */
@Service
public class SearchLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SearchLifecycle.class);

  /**
   * Failure type of a successful evaluation that lacks the cost a two-objective search ranks on
   * (not retryable: the same workers would answer the same).
   */
  static final String MISSING_COST = "MissingCost";

  private final SearchJobRepository jobs;
  private final IndividualRepository individuals;
  private final LineageRepository lineage;
  private final GenerationRepository generations;
  private final EvaluationTaskRepository tasks;
  private final FitnessCacheRepository cache;
  private final JsonMapper json;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final DispatchSettings settings;
  private final ApiMetrics metrics;
  private final JdbcClient jdbc;
  private final EntityManager entityManager;
  private final IndividualResults results;

  /**
   * How each job's results are scored and ranked: derived from the stored spec, so safe to keep;
   * the most recently used jobs' only, so that a long-running service does not keep one per search
   * it ever ran.
   */
  private final Map<UUID, Scoring> scorings = RecentlyUsed.map(1024);

  /**
   * What intake needs of a job's spec.
   *
   * @param configHash the fitness configuration's hash, the fitness cache key
   * @param cost the cost the search ranks on, {@code null} with one objective
   */
  private record Scoring(String configHash, CostObjective cost, boolean steadyState) {}

  SearchLifecycle(
      SearchJobRepository jobs,
      IndividualRepository individuals,
      LineageRepository lineage,
      GenerationRepository generations,
      EvaluationTaskRepository tasks,
      FitnessCacheRepository cache,
      JsonMapper json,
      Clock clock,
      ApplicationEventPublisher events,
      DispatchSettings settings,
      ApiMetrics metrics,
      JdbcClient jdbc,
      EntityManager entityManager,
      IndividualResults results) {
    this.jobs = jobs;
    this.individuals = individuals;
    this.lineage = lineage;
    this.generations = generations;
    this.tasks = tasks;
    this.cache = cache;
    this.json = json;
    this.clock = clock;
    this.events = events;
    this.settings = settings;
    this.metrics = metrics;
    this.jdbc = jdbc;
    this.entityManager = entityManager;
    this.results = results;
  }

  /** What taking in one result did. */
  public enum Intake {
    APPLIED,
    DUPLICATE,
    RETRIED,
    GAVE_UP,
    IGNORED
  }

  public SearchSpec spec(SearchJobEntity job) {
    return json.readValue(job.getSpec(), SearchSpec.class);
  }

  /** Creates generation 0 of a freshly stored job (same transaction as the insert). */
  void start(SearchJobEntity job) {
    SearchSpec spec = spec(job);
    EvolutionEngine engine = new EvolutionEngine(spec.searchSpace(), spec.evolutionSettings());
    GenerationPlan plan = engine.initialPopulation();
    Instant now = clock.instant();
    job.setStatus(SearchStatus.RUNNING.name());
    job.setStartedAt(now);
    job.setGeneration(0);
    // a search space smaller than the population (the smoke preset has 216 networks)
    shrinkTotal(job, spec.population(), plan.toEvaluate().size());
    persistCandidates(job, spec, plan.toEvaluate(), Map.of());
    advanceWhileComplete(job, spec);
    touch(job);
  }

  /** Takes in one worker result; idempotent: the first result for an individual wins. */
  @Transactional
  public Intake takeResult(EvaluationResult result) {
    Optional<UUID> jobId = tasks.findJobIdById(result.taskId());
    if (jobId.isEmpty()) {
      log.warn("result for unknown task {} ignored", result.taskId());
      return Intake.IGNORED;
    }
    if (!result.outcome().isSuccessful()) {
      return takeFailure(jobId.get(), result, result.failure());
    }
    // looked up outside the map's lock: a miss reads the database
    Scoring scoring = scorings.get(jobId.get());
    if (scoring == null) {
      scoring = scoring(jobId.get());
      scorings.put(jobId.get(), scoring);
    }
    Double cost = scoring.cost() == null ? null : scoring.cost().of(result);
    if (scoring.cost() != null && cost == null) {
      // a worker that does not measure this cost: the individual cannot be ranked
      return takeFailure(
          jobId.get(),
          result,
          new Failure(
              MISSING_COST,
              "the result carries no "
                  + scoring.cost().id()
                  + " cost, which this two-objective search ranks on",
              false));
    }
    return takeSuccess(jobId.get(), result, cost, scoring);
  }

  private Scoring scoring(UUID jobId) {
    String text =
        jdbc.sql("select spec from search_job where id = :id")
            .param("id", jobId)
            .query(String.class)
            .single();
    SearchSpec spec = json.readValue(text, SearchSpec.class);
    return new Scoring(spec.fitnessConfig().configHash(), spec.rankedCost(), spec.steadyState());
  }

  /** A failed evaluation, or one that cannot be ranked: retried if it may, else given up. */
  private Intake takeFailure(UUID jobId, EvaluationResult result, Failure failure) {
    // lock the job first, then load: every read below sees what committed before the lock
    SearchJobEntity job = jobs.lockById(jobId).orElseThrow();
    EvaluationTaskEntity task = tasks.findById(result.taskId()).orElseThrow();
    IndividualEntity individual = individuals.findById(task.getIndividualId()).orElseThrow();
    Instant now = clock.instant();
    if (!"PENDING".equals(individual.getStatus())) {
      metrics.duplicate();
      return Intake.DUPLICATE;
    }
    if (SearchStatus.valueOf(job.getStatus()).isTerminal()) {
      task.finish("CANCELLED", null, now);
      return Intake.IGNORED;
    }
    if (!"SENT".equals(task.getState()) && !"PENDING".equals(task.getState())) {
      // a late answer of an attempt already closed (its lease ran out and the next attempt is
      // queued): that attempt decides now, and queueing it a second time would clash
      metrics.duplicate();
      return Intake.DUPLICATE;
    }
    SearchSpec spec = spec(job);
    String error = failure.type() + ": " + failure.message();
    task.finish("FAILED", error, now);
    metrics.completed(false);
    if (failure.retryable() && task.getAttempt() < settings.maxAttempts()) {
      retry(job, spec, individual, task.getAttempt() + 1);
      touch(job);
      return Intake.RETRIED;
    }
    giveUp(job, spec, individual, task, error, json.writeValueAsString(result));
    return Intake.GAVE_UP;
  }

  /**
   * The hot path, one evaluation's success, in a few statements without loading entities. The job
   * row is locked first, as on every other path that changes a search (failures, leases, cancel): a
   * search that is no longer running takes no late result, and two transactions never wait on each
   * other's rows in opposite orders. Then the conditional update of the individual decides "first
   * result wins", and only the last individual of a generation goes on to the advance.
   */
  private Intake takeSuccess(UUID jobId, EvaluationResult result, Double cost, Scoring scoring) {
    String configHash = scoring.configHash();
    // results are taken in batches, several per transaction: write out what earlier ones changed
    // through JPA and forget those entities, so that the statements below and any entity loaded
    // later agree (a managed job row would otherwise overwrite these counters on flush)
    entityManager.flush();
    entityManager.clear();
    String status =
        jdbc.sql("select status from search_job where id = :job for update")
            .param("job", jobId)
            .query(String.class)
            .single();
    if (!SearchStatus.RUNNING.name().equals(status)) {
      // cancelled (or ended) while this evaluation ran: its open tasks are closed already
      return Intake.IGNORED;
    }
    Instant now = clock.instant();
    Timestamp at = Timestamp.from(now);
    String resultJson = json.writeValueAsString(result);
    // the canonical hash comes back with the update: one round trip fewer per result
    List<String> applied =
        jdbc.sql(
                "update individual set status = 'EVALUATED', fitness = :fitness,"
                    + " width_normalised = :normalised, cost = :cost, parameter_count = :parameters,"
                    + " result = cast(:result as jsonb), error = null, evaluated_at = :at"
                    + " where id = :id and status = 'PENDING' returning canonical_hash")
            .param("fitness", result.score())
            .param("normalised", result.widthNormalisedScore())
            .param("cost", cost, java.sql.Types.DOUBLE)
            .param("parameters", result.parameterCount())
            .param("result", resultJson)
            .param("at", at)
            .param("id", result.individualId())
            .query(String.class)
            .list();
    if (applied.isEmpty()) {
      metrics.duplicate();
      return Intake.DUPLICATE;
    }
    String hash = applied.get(0);
    jdbc.sql("update evaluation_task set state = 'DONE', completed_at = :at where id = :id")
        .param("at", at)
        .param("id", result.taskId())
        .update();
    JobRow row =
        jdbc.sql(
                "update search_job set evaluations_done = evaluations_done + 1,"
                    + " best_individual_id = case when best_fitness is null or :fitness > best_fitness"
                    + " then :individual else best_individual_id end,"
                    + " best_fitness = case when best_fitness is null or :fitness > best_fitness"
                    + " then :fitness else best_fitness end, updated_at = :at where id = :job"
                    + " returning status, generation, best_fitness")
            .param("fitness", result.score())
            .param("individual", result.individualId())
            .param("at", at)
            .param("job", jobId)
            .query(
                (rs, n) ->
                    new JobRow(
                        rs.getString("status"),
                        rs.getInt("generation"),
                        rs.getObject("best_fitness", Double.class)))
            .single();
    cache.insertIfAbsent(
        hash,
        configHash,
        result.score(),
        result.widthNormalisedScore(),
        result.parameterCount(),
        resultJson,
        now);
    metrics.completed(true);
    if (!SearchStatus.RUNNING.name().equals(row.status())) {
      return Intake.IGNORED;
    }
    if (scoring.steadyState() && row.generation() >= 1) {
      // no barrier: every child's result moves the search on
      SearchJobEntity job = jobs.lockById(jobId).orElseThrow();
      arriveSteadyState(job, spec(job), List.of(result.individualId()));
      touch(job);
      return Intake.APPLIED;
    }
    if (individuals.countPending(jobId, row.generation()) > 0) {
      metrics.searchProgress(jobId, row.generation(), row.bestFitness());
      return Intake.APPLIED;
    }
    // the job row is already locked by this transaction: load it for the advance
    SearchJobEntity job = jobs.lockById(jobId).orElseThrow();
    advanceWhileComplete(job, spec(job));
    touch(job);
    return Intake.APPLIED;
  }

  private record JobRow(String status, int generation, Double bestFitness) {}

  /**
   * Fewer candidates bred than planned (a small search space, duplicates run out): the search's
   * total of evaluations, set from the plan when it was stored, shrinks by the difference.
   */
  private static void shrinkTotal(SearchJobEntity job, int planned, int bred) {
    if (bred < planned) {
      job.setEvaluationsTotal(job.getEvaluationsTotal() - (planned - bred));
    }
  }

  /**
   * Dispatches again a task whose lease ran out, or gives its individual up after the last attempt.
   */
  @Transactional
  public void expireLease(UUID taskId) {
    Optional<UUID> jobId = tasks.findJobIdById(taskId);
    if (jobId.isEmpty()) {
      return;
    }
    SearchJobEntity job = jobs.lockById(jobId.get()).orElseThrow();
    EvaluationTaskEntity task = tasks.findById(taskId).orElseThrow();
    Instant now = clock.instant();
    if (!"SENT".equals(task.getState())
        || task.getLeaseDeadline() == null
        || task.getLeaseDeadline().isAfter(now)) {
      return;
    }
    IndividualEntity individual = individuals.findById(task.getIndividualId()).orElseThrow();
    if (SearchStatus.valueOf(job.getStatus()).isTerminal()
        || !"PENDING".equals(individual.getStatus())) {
      task.finish("CANCELLED", null, now);
      return;
    }
    SearchSpec spec = spec(job);
    String error =
        "lease of attempt " + task.getAttempt() + " expired at " + task.getLeaseDeadline();
    task.finish("EXPIRED", error, now);
    if (task.getAttempt() < settings.maxAttempts()) {
      log.info(
          "task {} of individual {} expired; dispatching attempt {}",
          taskId,
          individual.getLabel(),
          task.getAttempt() + 1);
      retry(job, spec, individual, task.getAttempt() + 1);
      touch(job);
    } else {
      giveUp(job, spec, individual, task, error, null);
    }
  }

  /**
   * Cancels a job: open tasks are closed, late results are ignored. Idempotent on cancelled jobs.
   */
  @Transactional
  public SearchJobEntity cancel(SearchJobEntity unlocked) {
    SearchJobEntity job = jobs.lockById(unlocked.getId()).orElseThrow();
    SearchStatus status = SearchStatus.valueOf(job.getStatus());
    if (status == SearchStatus.CANCELLED) {
      return job;
    }
    if (status.isTerminal()) {
      throw new io.msenas.api.web.ConflictException(
          "search-finished",
          "search " + job.getId() + " is already " + status + " and cannot be cancelled");
    }
    tasks.cancelOpen(job.getId());
    job.setStatus(SearchStatus.CANCELLED.name());
    job.setFinishedAt(clock.instant());
    touch(job);
    metrics.searchFinished(job.getId());
    return job;
  }

  private void retry(
      SearchJobEntity job, SearchSpec spec, IndividualEntity individual, int attempt) {
    queueTask(job, spec, individual, attempt);
    metrics.retried();
    events.publishEvent(new TasksQueued(1));
  }

  private void giveUp(
      SearchJobEntity job,
      SearchSpec spec,
      IndividualEntity individual,
      EvaluationTaskEntity task,
      String error,
      String resultJson) {
    log.warn(
        "individual {} of search {} failed after attempt {}: {}",
        individual.getLabel(),
        job.getId(),
        task.getAttempt(),
        error);
    individual.failed(error, clock.instant());
    if (resultJson != null) {
      results.store(individual.getId(), resultJson);
    }
    job.setEvaluationsDone(job.getEvaluationsDone() + 1);
    job.setEvaluationsFailed(job.getEvaluationsFailed() + 1);
    metrics.deadLettered();
    events.publishEvent(new TaskDeadLettered(task.getPayload(), error));
    if (spec.steadyState() && job.getGeneration() >= 1) {
      arriveSteadyState(job, spec, List.of(individual.getId()));
    } else {
      advanceWhileComplete(job, spec);
    }
    touch(job);
  }

  /**
   * Advances as long as the current generation has nothing pending (cache hits can complete one at
   * once).
   */
  private void advanceWhileComplete(SearchJobEntity job, SearchSpec spec) {
    while (SearchStatus.valueOf(job.getStatus()) == SearchStatus.RUNNING
        && !(spec.steadyState() && job.getGeneration() >= 1)
        && individuals.countPending(job.getId(), job.getGeneration()) == 0) {
      advance(job, spec);
    }
    if (SearchStatus.valueOf(job.getStatus()) == SearchStatus.RUNNING) {
      metrics.searchProgress(job.getId(), job.getGeneration(), job.getBestFitness());
    }
  }

  private void advance(SearchJobEntity job, SearchSpec spec) {
    int g = job.getGeneration();
    EvolutionEngine engine = new EvolutionEngine(spec.searchSpace(), spec.evolutionSettings());
    List<IndividualEntity> evaluatedRows = individuals.findByJobIdAndGeneration(job.getId(), g);
    List<IndividualEntity> survivorRows =
        g == 0
            ? List.of()
            : individuals.findByIdIn(
                List.of(
                    generations
                        .findByKeyJobIdAndKeyNumber(job.getId(), g - 1)
                        .orElseThrow()
                        .getSurvivorIds()));
    Map<String, IndividualEntity> byLabel = new HashMap<>();
    evaluatedRows.forEach(i -> byLabel.put(i.getLabel(), i));
    survivorRows.forEach(i -> byLabel.put(i.getLabel(), i));
    GenerationPlan plan =
        engine.advance(g, evaluated(survivorRows, spec), evaluated(evaluatedRows, spec));

    Instant now = clock.instant();
    UUID[] survivorIds =
        plan.survivors().stream()
            .map(s -> byLabel.get(s.candidate().id()).getId())
            .toArray(UUID[]::new);
    var stats = plan.statistics();
    int failed = (int) evaluatedRows.stream().filter(i -> "FAILED".equals(i.getStatus())).count();
    generations.save(
        new GenerationEntity(
            job.getId(),
            g,
            survivorIds,
            finite(stats.best()),
            finite(stats.mean()),
            finite(stats.median()),
            finite(stats.diversity()),
            evaluatedRows.size() - failed,
            failed,
            now));

    if (plan.survivors().isEmpty()) {
      job.setStatus(SearchStatus.FAILED.name());
      job.setError("every individual of generation " + g + " failed; see the individuals' errors");
      job.setFinishedAt(now);
      metrics.searchFinished(job.getId());
      return;
    }
    if (g == spec.evolutionSettings().lastGeneration()) {
      EvaluatedCandidate winner = engine.winner(plan.survivors());
      IndividualEntity winnerRow = byLabel.get(winner.candidate().id());
      job.setWinnerIndividualId(winnerRow.getId());
      recordBest(job, winnerRow);
      job.setStatus(SearchStatus.SUCCEEDED.name());
      job.setFinishedAt(now);
      metrics.searchFinished(job.getId());
      log.info(
          "search {} succeeded: winner {} fitness {}",
          job.getId(),
          winnerRow.getLabel(),
          winnerRow.getFitness());
      return;
    }
    job.setGeneration(g + 1);
    // duplicates ran out
    shrinkTotal(job, spec.offspring(), plan.toEvaluate().size());
    List<IndividualEntity> bred = persistCandidates(job, spec, plan.toEvaluate(), byLabel);
    if (spec.steadyState()) {
      // generation 0 was the last barrier: its survivors are the population, and its first
      // offspring (bred as generation 1 is) the first children in flight
      job.setPopulationIds(survivorIds);
      job.setBirths(spec.offspring());
      List<UUID> cached = new ArrayList<>();
      for (IndividualEntity child : bred) {
        if (!"PENDING".equals(child.getStatus())) {
          cached.add(child.getId());
        }
      }
      // children scored from the cache arrive at once; none in flight breeds more at once
      arriveSteadyState(job, spec, cached);
      recordSteadyStateGenerations(job, spec, engine);
    }
  }

  /**
   * Steady-state evolution: each individual of {@code arrivedIds} has its result (or failed for
   * good). Each joins the population, which keeps its best; one new child is bred in its place
   * while births remain; generations whose children are all bred and evaluated are recorded. A
   * child scored from the fitness cache arrives at once, in the same loop. When nothing is in
   * flight but births remain (a birth found no new genome, generation 1 came up short), children
   * are bred without an arrival, so the search cannot stall. It ends when every birth is spent and
   * nothing is pending.
   */
  private void arriveSteadyState(SearchJobEntity job, SearchSpec spec, List<UUID> arrivedIds) {
    EvolutionEngine engine = new EvolutionEngine(spec.searchSpace(), spec.evolutionSettings());
    java.util.ArrayDeque<UUID> arrivals = new java.util.ArrayDeque<>(arrivedIds);
    while (SearchStatus.valueOf(job.getStatus()) == SearchStatus.RUNNING) {
      UUID next = arrivals.poll();
      if (next == null
          && (job.getBirths() >= engine.steadyStateBirths()
              || individuals.countPendingAll(job.getId()) > 0)) {
        break;
      }
      IndividualEntity arrived = next == null ? null : individuals.findById(next).orElseThrow();
      List<IndividualEntity> populationRows =
          individuals.findByIdIn(List.of(job.getPopulationIds()));
      Map<String, IndividualEntity> byLabel = new HashMap<>();
      populationRows.forEach(i -> byLabel.put(i.getLabel(), i));
      if (arrived != null) {
        byLabel.put(arrived.getLabel(), arrived);
      }
      int birth = job.getBirths();
      EvolutionEngine.SteadyStateStep step =
          engine.steadyStateStep(
              birth,
              evaluated(populationRows, spec),
              arrived == null ? null : evaluated(List.of(arrived), spec).get(0),
              new HashSet<>(individuals.findCanonicalHashes(job.getId())));
      job.setPopulationIds(
          step.population().stream()
              .map(c -> byLabel.get(c.candidate().id()).getId())
              .toArray(UUID[]::new));
      if (birth < engine.steadyStateBirths()) {
        job.setBirths(birth + 1);
        if (step.child() == null) {
          // no new genome turned up: the search evaluates one network fewer
          shrinkTotal(job, 1, 0);
        } else {
          job.setGeneration(Math.max(job.getGeneration(), step.child().generation()));
          for (IndividualEntity child :
              persistCandidates(job, spec, List.of(step.child()), byLabel)) {
            if (!"PENDING".equals(child.getStatus())) {
              arrivals.add(child.getId());
            }
          }
        }
      }
      recordSteadyStateGenerations(job, spec, engine);
    }
    if (SearchStatus.valueOf(job.getStatus()) == SearchStatus.RUNNING) {
      metrics.searchProgress(job.getId(), job.getGeneration(), job.getBestFitness());
    }
  }

  /**
   * Records, in order, each steady-state generation whose children are all bred and none pending,
   * with the population as it is now; after the last, finishes the search.
   */
  private void recordSteadyStateGenerations(
      SearchJobEntity job, SearchSpec spec, EvolutionEngine engine) {
    List<GenerationEntity> done = generations.findByKeyJobIdOrderByKeyNumber(job.getId());
    int next = done.isEmpty() ? 0 : done.get(done.size() - 1).getNumber() + 1;
    int last = spec.evolutionSettings().lastGeneration();
    int births = job.getBirths();
    while (next <= last) {
      boolean allBred = births >= engine.steadyStateBirths() || births >= next * spec.offspring();
      if (!allBred || individuals.countPending(job.getId(), next) > 0) {
        return;
      }
      List<IndividualEntity> populationRows =
          individuals.findByIdIn(List.of(job.getPopulationIds()));
      List<EvaluatedCandidate> population = evaluated(populationRows, spec);
      List<IndividualEntity> members = individuals.findByJobIdAndGeneration(job.getId(), next);
      int failed = (int) members.stream().filter(i -> "FAILED".equals(i.getStatus())).count();
      var stats = engine.statistics(population);
      generations.save(
          new GenerationEntity(
              job.getId(),
              next,
              job.getPopulationIds(),
              finite(stats.best()),
              finite(stats.mean()),
              finite(stats.median()),
              finite(stats.diversity()),
              members.size() - failed,
              failed,
              clock.instant()));
      if (next == last) {
        finishSteadyState(job, engine, population, populationRows);
        return;
      }
      next++;
    }
  }

  private void finishSteadyState(
      SearchJobEntity job,
      EvolutionEngine engine,
      List<EvaluatedCandidate> population,
      List<IndividualEntity> populationRows) {
    Instant now = clock.instant();
    if (population.stream().allMatch(EvaluatedCandidate::failed)) {
      job.setStatus(SearchStatus.FAILED.name());
      job.setError("every individual failed; see the individuals' errors");
      job.setFinishedAt(now);
      metrics.searchFinished(job.getId());
      return;
    }
    EvaluatedCandidate winner = engine.winner(population);
    IndividualEntity winnerRow =
        populationRows.stream()
            .filter(i -> i.getLabel().equals(winner.candidate().id()))
            .findFirst()
            .orElseThrow();
    job.setWinnerIndividualId(winnerRow.getId());
    recordBest(job, winnerRow);
    job.setStatus(SearchStatus.SUCCEEDED.name());
    job.setFinishedAt(now);
    metrics.searchFinished(job.getId());
    log.info(
        "steady-state search {} succeeded: winner {} fitness {}",
        job.getId(),
        winnerRow.getLabel(),
        winnerRow.getFitness());
  }

  /**
   * The first non-dominated front (fitness maximised, cost minimised) among the survivors of the
   * last completed generation, best fitness first: with one objective, the survivors of the best
   * fitness.
   *
   * @param job the search
   * @return the number of that generation and the front's rows; empty before any generation
   *     completed, or when every survivor failed
   */
  public Optional<Map.Entry<Integer, List<IndividualEntity>>> paretoFront(SearchJobEntity job) {
    List<GenerationEntity> done = generations.findByKeyJobIdOrderByKeyNumber(job.getId());
    if (done.isEmpty()) {
      return Optional.empty();
    }
    GenerationEntity last = done.get(done.size() - 1);
    List<IndividualEntity> survivors = individuals.findByIdIn(List.of(last.getSurvivorIds()));
    if (survivors.stream().allMatch(i -> "FAILED".equals(i.getStatus()))) {
      return Optional.empty();
    }
    SearchSpec spec = spec(job);
    Map<String, IndividualEntity> byLabel = new HashMap<>();
    survivors.forEach(i -> byLabel.put(i.getLabel(), i));
    List<IndividualEntity> front =
        new EvolutionEngine(spec.searchSpace(), spec.evolutionSettings())
            .paretoFront(evaluated(survivors, spec)).stream()
                .map(c -> byLabel.get(c.candidate().id()))
                .toList();
    return Optional.of(Map.entry(last.getNumber(), front));
  }

  private List<EvaluatedCandidate> evaluated(List<IndividualEntity> rows, SearchSpec spec) {
    List<EvaluatedCandidate> out = new ArrayList<>();
    for (IndividualEntity row : rows) {
      Candidate candidate =
          new Candidate(
              row.getLabel(),
              row.getGeneration(),
              new Genome(row.getSearchSpaceVersion(), row.getGenes()),
              row.getCanonicalHash(),
              List.of());
      if ("FAILED".equals(row.getStatus())) {
        out.add(EvaluatedCandidate.failure(candidate));
      } else {
        out.add(EvaluatedCandidate.of(candidate, new Objectives(row.getFitness(), row.getCost())));
      }
    }
    out.sort(Comparator.comparing(c -> c.candidate().id()));
    return out;
  }

  /**
   * Stores new candidates with their lineage, scoring cached genomes at once and queueing the
   * others.
   */
  private List<IndividualEntity> persistCandidates(
      SearchJobEntity job,
      SearchSpec spec,
      List<Candidate> candidates,
      Map<String, IndividualEntity> parentsByLabel) {
    Instant now = clock.instant();
    FitnessConfig config = spec.fitnessConfig();
    String configHash = config.configHash();
    int queued = 0;
    int cached = 0;
    // one lookup for the whole generation, and inserts grouped by table so that they batch
    Map<String, FitnessCacheEntity> hits = new HashMap<>();
    Map<UUID, String> cachedResults = new LinkedHashMap<>();
    if (!candidates.isEmpty()) {
      cache
          .findByConfigAndHashes(
              configHash, candidates.stream().map(Candidate::canonicalHash).distinct().toList())
          .forEach(c -> hits.put(c.getCanonicalHash(), c));
    }
    CostObjective costObjective = spec.rankedCost();
    Map<String, Double> cachedSops = new HashMap<>();
    if (costObjective == CostObjective.SOPS && !hits.isEmpty()) {
      cache
          .findSynapticOperations(configHash, hits.keySet())
          .forEach(c -> cachedSops.put(c.getCanonicalHash(), c.getSynapticOperations()));
    }
    List<IndividualEntity> rows = new ArrayList<>();
    List<LineageEntity> links = new ArrayList<>();
    List<IndividualEntity> toQueue = new ArrayList<>();
    for (Candidate candidate : candidates) {
      IndividualEntity row =
          new IndividualEntity(
              UUID.randomUUID(),
              job.getId(),
              job.getTenantId(),
              candidate.id(),
              candidate.generation(),
              candidate.genome().searchSpaceVersion(),
              candidate.genome().genes(),
              candidate.canonicalHash(),
              "PENDING",
              now);
      FitnessCacheEntity hit = hits.get(candidate.canonicalHash());
      Double cost = null;
      if (hit != null && costObjective != null) {
        cost =
            costObjective == CostObjective.PARAMETERS
                ? Double.valueOf(hit.getParameterCount())
                : cachedSops.get(hit.getCanonicalHash());
        if (cost == null) {
          // scored before workers measured this cost: evaluate again to rank it
          hit = null;
        }
      }
      if (hit != null) {
        row.evaluated(
            hit.getFitness(), hit.getWidthNormalised(), cost, hit.getParameterCount(), now);
        cachedResults.put(row.getId(), hit.getResult());
        job.setEvaluationsDone(job.getEvaluationsDone() + 1);
        recordBest(job, row);
        cached++;
      } else {
        toQueue.add(row);
      }
      rows.add(row);
      for (ParentLink link : candidate.parents()) {
        IndividualEntity parent = parentsByLabel.get(link.parentId());
        links.add(
            new LineageEntity(
                row.getId(),
                parent.getId(),
                link.operator().name(),
                json.writeValueAsString(link.details())));
      }
    }
    individuals.saveAll(rows);
    lineage.saveAll(links);
    if (!cachedResults.isEmpty()) {
      // the rows are inserted first: their results are written beside the entities
      entityManager.flush();
      cachedResults.forEach(results::store);
    }
    for (IndividualEntity row : toQueue) {
      queueTask(job, spec, row, 1);
      queued++;
    }
    if (cached > 0) {
      metrics.cacheHits(cached);
    }
    if (queued > 0) {
      events.publishEvent(new TasksQueued(queued));
    }
    return rows;
  }

  private void queueTask(
      SearchJobEntity job, SearchSpec spec, IndividualEntity individual, int attempt) {
    UUID taskId = UUID.randomUUID();
    EvaluationTask message =
        EvaluationTask.of(
            taskId,
            job.getId(),
            individual.getId(),
            attempt,
            spec.searchSpace(),
            new Genome(individual.getSearchSpaceVersion(), individual.getGenes()),
            spec.fitnessConfig());
    tasks.save(
        new EvaluationTaskEntity(
            taskId,
            job.getId(),
            individual.getId(),
            attempt,
            json.writeValueAsString(message),
            clock.instant()));
  }

  private static void recordBest(SearchJobEntity job, IndividualEntity individual) {
    Double fitness = individual.getFitness();
    if (fitness != null && (job.getBestFitness() == null || fitness > job.getBestFitness())) {
      job.setBest(individual.getId(), fitness);
    }
  }

  private void touch(SearchJobEntity job) {
    job.setUpdatedAt(clock.instant());
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
