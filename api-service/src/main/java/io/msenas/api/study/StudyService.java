package io.msenas.api.study;

import static io.msenas.api.search.FieldViolation.doubleIn;
import static io.msenas.api.search.FieldViolation.intIn;

import io.msenas.api.RecentlyUsed;
import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import io.msenas.api.study.StudyViews.CorrelationView;
import io.msenas.api.study.StudyViews.EstimateView;
import io.msenas.api.study.StudyViews.MemberView;
import io.msenas.api.study.StudyViews.Progress;
import io.msenas.api.study.StudyViews.StudyView;
import io.msenas.api.training.CreateTrainingRequest;
import io.msenas.api.training.TrainingService;
import io.msenas.api.training.TrainingStatus;
import io.msenas.api.web.ConflictException;
import io.msenas.api.web.IdempotencyKeys;
import io.msenas.api.web.NotFoundException;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Correlation studies (issue: does the fitness predict accuracy?): draw N seeded random
 * architectures, score each untrained with every training-free fitness, train each for E epochs,
 * and rank-correlate each score (and the naive baselines: parameter count, spike rate, synaptic
 * operations) with validation accuracy, with bootstrap intervals. Each architecture is an ordinary
 * training job (dispatch, leases, resume and cancel are the trainings'); its worker scores the
 * untrained network first and reports the scores with the outcome. The correlations are computed on
 * every read from the trainings that have finished, so a dashboard sees them fill in.
 */
@Service
public class StudyService {

  /** Fewest trained architectures for which correlations are reported. */
  public static final int MIN_CORRELATED = 3;

  static final int DEFAULT_ARCHITECTURES = 30;

  /**
   * Most architectures per study: the correlations take Kendall's tau in O(n^2) for each of 2,000
   * resamples of each of up to 7 predictors, a few seconds of CPU at this size; they are computed
   * again only when a member's figures change.
   */
  public static final int MAX_ARCHITECTURES = 300;

  static final int BOOTSTRAP_RESAMPLES = 2000;
  static final double CONFIDENCE_LEVEL = 0.95;

  /** The naive predictors every fitness is compared with. */
  static final List<String> BASELINES =
      List.of("parameterCount", "spikeRate", "synapticOperations");

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final TrainingService trainings;

  StudyService(
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      PlatformTransactionManager transactionManager,
      TrainingService trainings) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    this.trainings = trainings;
  }

  /** A submitted study, and whether it was created now or found by its idempotency key. */
  public record Submission(StudyView study, boolean created) {}

  /**
   * Validates the request, draws the architectures and stores the study with one queued training
   * per architecture, in one transaction: a bad field stores nothing. Idempotent with a key, as
   * searches and trainings are.
   */
  public Submission submit(String tenant, CreateStudyRequest request, String idempotencyKey) {
    IdempotencyKeys.requireValid(idempotencyKey);
    StudySpec spec = resolve(request);
    Preset preset = Preset.fromId(spec.preset());
    SearchSpace space = SearchSpace.of(preset.cells(), InputKind.STATIC_IMAGE);
    List<Genome> genomes = draw(space, spec.architectures(), spec.seed());
    if (genomes.size() < spec.architectures()) {
      throw new InvalidSpecException(
          "invalid-study-spec",
          "Invalid study spec",
          List.of(
              new FieldViolation(
                  "architectures",
                  spec.architectures(),
                  "the "
                      + spec.preset()
                      + " search space gave only "
                      + genomes.size()
                      + " distinct architectures")));
    }
    // the training fields are validated by the trainings' own rules, before anything is stored
    List<TrainingService.Resolved> members = new ArrayList<>();
    for (Genome genome : genomes) {
      members.add(trainings.resolve(tenant, trainingRequest(spec, genome)));
    }
    // record the batch size and learning rate the trainings resolved to (the preset's defaults)
    var first = members.get(0).spec();
    spec =
        new StudySpec(
            spec.preset(),
            spec.dataset(),
            members.size(),
            spec.epochs(),
            spec.trainSamples(),
            first.batchSize(),
            first.learningRatePer1024(),
            spec.seed(),
            spec.fitnesses(),
            spec.bootstrapResamples(),
            spec.confidenceLevel());
    StudySpec stored = spec;
    List<FitnessConfig> scoreWith = scoreWith(spec, preset);
    String requestHash = TrainingService.sha256(json.writeValueAsString(request));
    try {
      return transactions.execute(
          status -> {
            if (idempotencyKey != null) {
              Optional<UUID> existing = findByKey(tenant, idempotencyKey, requestHash);
              if (existing.isPresent()) {
                return new Submission(get(tenant, existing.get()), false);
              }
            }
            UUID id = UUID.randomUUID();
            jdbc.sql(
                    "insert into study_job (id, tenant_id, idempotency_key, request_hash, spec,"
                        + " created_at) values (:id, :tenant, :key, :hash, cast(:spec as jsonb),"
                        + " :now)")
                .param("id", id)
                .param("tenant", tenant)
                .param("key", idempotencyKey)
                .param("hash", requestHash)
                .param("spec", json.writeValueAsString(stored))
                .param("now", Timestamp.from(clock.instant()))
                .update();
            for (int i = 0; i < members.size(); i++) {
              trainings.insert(
                  tenant,
                  members.get(i),
                  null,
                  requestHash,
                  new TrainingService.StudyMember(id, i, scoreWith));
            }
            return new Submission(get(tenant, id), true);
          });
    } catch (DataIntegrityViolationException race) {
      UUID existing = findByKey(tenant, idempotencyKey, requestHash).orElseThrow(() -> race);
      return new Submission(get(tenant, existing), false);
    }
  }

  StudySpec resolve(CreateStudyRequest r) {
    List<FieldViolation> errors = new ArrayList<>();
    Preset preset = Preset.QUICK;
    if (r.preset() != null) {
      try {
        preset = Preset.fromId(r.preset());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldViolation("preset", r.preset(), "unknown preset; known: paper, quick, smoke"));
      }
    }
    String dataset = r.dataset() == null ? "mnist" : r.dataset();
    if (!"mnist".equals(dataset)) {
      errors.add(
          new FieldViolation(
              "dataset",
              dataset,
              "studies score with the training-free fitness, whose workers have the data set"
                  + " mnist only"));
    }
    int architectures =
        intIn(
            errors,
            "architectures",
            r.architectures(),
            DEFAULT_ARCHITECTURES,
            3,
            MAX_ARCHITECTURES);
    int epochs = intIn(errors, "epochs", r.epochs(), 1, 1, 1000);
    int trainSamples = intIn(errors, "trainSamples", r.trainSamples(), 0, 0, 10_000_000);
    Integer batchSize = r.batchSize();
    intIn(errors, "batchSize", batchSize, 0, 2, 4096);
    Double learningRate = r.learningRatePer1024();
    doubleIn(errors, "learningRatePer1024", learningRate, 0, 1e-6, 10.0);
    long seed = r.seed() == null ? 0 : r.seed();
    if (seed < 0) {
      errors.add(new FieldViolation("seed", seed, "must be >= 0"));
    }
    List<String> fitnesses =
        r.fitnesses() == null
            ? FitnessConfig.TRAINING_FREE.stream().sorted().toList()
            : r.fitnesses();
    if (fitnesses.isEmpty()) {
      errors.add(new FieldViolation("fitnesses", fitnesses, "name at least one fitness"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fitnesses.size(); i++) {
      String name = fitnesses.get(i);
      if (name == null || !FitnessConfig.TRAINING_FREE.contains(name)) {
        errors.add(
            new FieldViolation(
                "fitnesses[" + i + "]",
                name,
                "not a training-free fitness; known: "
                    + FitnessConfig.TRAINING_FREE.stream().sorted().toList()));
      } else if (!seen.add(name)) {
        errors.add(new FieldViolation("fitnesses[" + i + "]", name, "is named twice"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidSpecException("invalid-study-spec", "Invalid study spec", errors);
    }
    // batch size and learning rate: the trainings' defaults for the preset, unless given
    int resolvedBatch = batchSize == null ? 0 : batchSize;
    double resolvedRate = learningRate == null ? 0 : learningRate;
    return new StudySpec(
        preset.id(),
        dataset,
        architectures,
        epochs,
        trainSamples,
        resolvedBatch,
        resolvedRate,
        seed,
        fitnesses.stream().sorted().toList(),
        BOOTSTRAP_RESAMPLES,
        CONFIDENCE_LEVEL);
  }

  /**
   * {@code count} random genomes with distinct canonical hashes, drawn from {@code seed}; the same
   * seed draws the same architectures. Only networks a search would evaluate: those the input
   * reaches ({@link SearchSpace#canClassify}; the others score 0 and train at chance).
   */
  static List<Genome> draw(SearchSpace space, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> hashes = new HashSet<>();
    List<Genome> genomes = new ArrayList<>();
    for (int tries = 0; genomes.size() < count && tries < count * 100; tries++) {
      Genome genome = space.randomGenome(random);
      if (space.canClassify(genome) && hashes.add(space.contentHash(genome))) {
        genomes.add(genome);
      }
    }
    return genomes;
  }

  private static CreateTrainingRequest trainingRequest(StudySpec spec, Genome genome) {
    return new CreateTrainingRequest(
        null,
        new CreateTrainingRequest.Genome(
            genome.searchSpaceVersion(), Arrays.stream(genome.genes()).boxed().toList()),
        null,
        spec.dataset(),
        spec.preset(),
        null,
        null,
        spec.epochs(),
        spec.batchSize() == 0 ? null : spec.batchSize(),
        spec.learningRatePer1024() == 0 ? null : spec.learningRatePer1024(),
        null,
        null,
        null,
        null,
        null,
        spec.seed(),
        spec.trainSamples());
  }

  /**
   * The fitness configuration of each compared function: the search defaults for the preset, with
   * the study's seed (the same seed the training's initial weights come from, so the network scored
   * is the network trained).
   */
  private static List<FitnessConfig> scoreWith(StudySpec spec, Preset preset) {
    FitnessConfig base = FitnessConfig.defaults(preset, spec.dataset(), spec.seed());
    List<FitnessConfig> configs = new ArrayList<>();
    for (String name : spec.fitnesses()) {
      configs.add(
          new FitnessConfig(
              name,
              FitnessConfig.CURRENT_VERSIONS.get(name),
              base.dataset(),
              base.channels(),
              base.timeSteps(),
              base.batchSize(),
              base.batches(),
              base.seed(),
              base.tau(),
              base.threshold()));
    }
    return configs;
  }

  private Optional<UUID> findByKey(String tenant, String key, String requestHash) {
    return IdempotencyKeys.find(jdbc, "study_job", "study", tenant, key, requestHash);
  }

  // ------------------------------------------------------------------ reading

  private record Row(StudySpec spec, Instant cancelledAt, Instant createdAt) {}

  /** A study with its members and the correlations over those that trained. */
  public StudyView get(String tenant, UUID id) {
    Row row =
        jdbc.sql(
                "select spec::text as spec, cancelled_at, created_at from study_job"
                    + " where id = :id and tenant_id = :tenant")
            .param("id", id)
            .param("tenant", tenant)
            .query(
                (rs, i) ->
                    new Row(
                        json.readValue(rs.getString("spec"), StudySpec.class),
                        instant(rs, "cancelled_at"),
                        instant(rs, "created_at")))
            .optional()
            .orElseThrow(() -> new NotFoundException("study", id));
    List<MemberRow> members =
        jdbc.sql(
                "select id, study_index, status, canonical_hash, genes, parameter_count,"
                    + " untrained_scores::text as untrained, best_validation_accuracy,"
                    + " epochs_done, elapsed_seconds, eta_seconds, error, finished_at"
                    + " from training_job where study_id = :id order by study_index")
            .param("id", id)
            .query((rs, i) -> memberRow(rs))
            .list();
    return view(id, row, members);
  }

  /** Cancels every unfinished training of the study; idempotent for a cancelled study. */
  public StudyView cancel(String tenant, UUID id) {
    StudyView study = get(tenant, id);
    if (study.status() == StudyStatus.SUCCEEDED || study.status() == StudyStatus.FAILED) {
      throw new ConflictException(
          "study-finished", "study " + id + " already " + study.status() + "; nothing to cancel");
    }
    // marked cancelled only while a member is unfinished: a study whose last training finished
    // since the read above stays SUCCEEDED or FAILED
    int marked =
        jdbc.sql(
                "update study_job set cancelled_at = coalesce(cancelled_at, :now) where id = :id"
                    + " and exists (select 1 from training_job where study_id = :id"
                    + " and status in ('QUEUED', 'RUNNING'))")
            .param("id", id)
            .param("now", Timestamp.from(clock.instant()))
            .update();
    if (marked == 0 && study.status() != StudyStatus.CANCELLED) {
      StudyView now = get(tenant, id);
      throw new ConflictException(
          "study-finished", "study " + id + " already " + now.status() + "; nothing to cancel");
    }
    for (MemberView member : study.members()) {
      if (!member.status().isTerminal()) {
        try {
          trainings.cancel(tenant, member.trainingId());
        } catch (ConflictException finishedMeanwhile) {
          // it finished between the read and the cancel: keep its result
        }
      }
    }
    return get(tenant, id);
  }

  private record MemberRow(MemberView view, Double etaSeconds, Instant finishedAt) {}

  private MemberRow memberRow(ResultSet rs) throws SQLException {
    Integer[] boxed = (Integer[]) rs.getArray("genes").getArray();
    int[] genes = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    String untrained = rs.getString("untrained");
    Map<String, Double> scores = Map.of();
    Double spikeRate = null;
    Double synapticOperations = null;
    if (untrained != null) {
      var node = json.readTree(untrained);
      Map<String, Double> read = new LinkedHashMap<>();
      node.get("scores").properties().forEach(e -> read.put(e.getKey(), e.getValue().asDouble()));
      scores = read;
      spikeRate = node.get("spikeRate").asDouble();
      synapticOperations = node.get("synapticOperations").asDouble();
    }
    MemberView view =
        new MemberView(
            rs.getInt("study_index"),
            rs.getObject("id", UUID.class),
            TrainingStatus.valueOf(rs.getString("status")),
            rs.getString("canonical_hash"),
            genes,
            (Long) rs.getObject("parameter_count", Long.class),
            scores,
            spikeRate,
            synapticOperations,
            (Double) rs.getObject("best_validation_accuracy", Double.class),
            rs.getInt("epochs_done"),
            (Double) rs.getObject("elapsed_seconds", Double.class),
            rs.getString("error"));
    return new MemberRow(
        view, (Double) rs.getObject("eta_seconds", Double.class), instant(rs, "finished_at"));
  }

  private StudyView view(UUID id, Row row, List<MemberRow> rows) {
    int queued = 0;
    int running = 0;
    int succeeded = 0;
    int failed = 0;
    int cancelled = 0;
    double finishedSeconds = 0;
    double runningEta = 0;
    Instant lastFinish = null;
    List<MemberView> members = new ArrayList<>();
    for (MemberRow r : rows) {
      MemberView m = r.view();
      members.add(m);
      switch (m.status()) {
        case QUEUED -> queued++;
        case RUNNING -> running++;
        case SUCCEEDED -> succeeded++;
        case FAILED -> failed++;
        case CANCELLED -> cancelled++;
      }
      if (m.status() == TrainingStatus.SUCCEEDED && m.elapsedSeconds() != null) {
        finishedSeconds += m.elapsedSeconds();
      }
      if (m.status() == TrainingStatus.RUNNING && r.etaSeconds() != null) {
        runningEta += r.etaSeconds();
      }
      if (r.finishedAt() != null && (lastFinish == null || r.finishedAt().isAfter(lastFinish))) {
        lastFinish = r.finishedAt();
      }
    }
    boolean finished = queued + running == 0;
    StudyStatus status;
    if (!finished) {
      status = StudyStatus.RUNNING;
    } else if (row.cancelledAt() != null) {
      status = StudyStatus.CANCELLED;
    } else {
      status = succeeded >= MIN_CORRELATED ? StudyStatus.SUCCEEDED : StudyStatus.FAILED;
    }
    Double eta = null;
    if (!finished && succeeded > 0) {
      // trainings run one per worker; this is the serial time left, an upper bound with several
      eta = finishedSeconds / succeeded * queued + runningEta;
    }
    Instant now = finished && lastFinish != null ? lastFinish : clock.instant();
    double elapsed = Math.max(0, (now.toEpochMilli() - row.createdAt().toEpochMilli()) / 1000.0);
    Progress progress =
        new Progress(members.size(), queued, running, succeeded, failed, cancelled, elapsed, eta);
    return new StudyView(
        id,
        status,
        row.spec(),
        progress,
        correlations(row.spec(), members),
        members,
        row.createdAt(),
        finished ? lastFinish : null);
  }

  /**
   * Kendall's tau-b and Spearman's rho of each predictor against validation accuracy over the
   * members that trained (and reported their untrained scores), with bootstrap intervals; empty
   * below {@link #MIN_CORRELATED}. The bootstrap seed is the study's, so a finished study always
   * reads the same.
   */
  static List<CorrelationView> correlations(StudySpec spec, List<MemberView> members) {
    List<MemberView> trained =
        members.stream()
            .filter(
                m ->
                    m.status() == TrainingStatus.SUCCEEDED
                        && m.validationAccuracy() != null
                        && m.spikeRate() != null)
            .toList();
    if (trained.size() < MIN_CORRELATED) {
      return List.of();
    }
    // a dashboard polls a study every few seconds, and the bootstraps take up to seconds of CPU
    // (300 members): they are computed again only when what they read has changed
    CorrelationInputs inputs =
        new CorrelationInputs(
            spec,
            trained.stream()
                .map(
                    m ->
                        Arrays.<Object>asList(
                            m.index(),
                            m.scores(),
                            m.parameterCount(),
                            m.spikeRate(),
                            m.synapticOperations(),
                            m.validationAccuracy()))
                .toList());
    List<CorrelationView> known = COMPUTED_CORRELATIONS.get(inputs);
    if (known != null) {
      return known;
    }
    List<CorrelationView> computed = computeCorrelations(spec, trained);
    COMPUTED_CORRELATIONS.put(inputs, computed);
    return computed;
  }

  /** The values {@link #correlations} reads, as a key of the ones it computed last. */
  private record CorrelationInputs(StudySpec spec, List<List<Object>> trained) {}

  private static final Map<CorrelationInputs, List<CorrelationView>> COMPUTED_CORRELATIONS =
      RecentlyUsed.map(64);

  private static List<CorrelationView> computeCorrelations(
      StudySpec spec, List<MemberView> trained) {
    double[] accuracy = values(trained, MemberView::validationAccuracy);
    List<CorrelationView> out = new ArrayList<>();
    for (String fitness : spec.fitnesses()) {
      List<MemberView> scored =
          trained.stream().filter(m -> m.scores().containsKey(fitness)).toList();
      if (scored.size() >= MIN_CORRELATED) {
        out.add(
            correlate(
                spec,
                fitness,
                "fitness",
                values(scored, m -> m.scores().get(fitness)),
                values(scored, MemberView::validationAccuracy)));
      }
    }
    out.add(
        correlate(
            spec,
            "parameterCount",
            "baseline",
            values(trained, m -> m.parameterCount().doubleValue()),
            accuracy));
    out.add(
        correlate(spec, "spikeRate", "baseline", values(trained, MemberView::spikeRate), accuracy));
    out.add(
        correlate(
            spec,
            "synapticOperations",
            "baseline",
            values(trained, MemberView::synapticOperations),
            accuracy));
    return out;
  }

  private static CorrelationView correlate(
      StudySpec spec, String predictor, String kind, double[] x, double[] y) {
    long seed = spec.seed() ^ predictor.hashCode();
    RankCorrelation.Estimate tau =
        RankCorrelation.bootstrap(
            x,
            y,
            RankCorrelation::kendallTauB,
            spec.bootstrapResamples(),
            spec.confidenceLevel(),
            seed);
    RankCorrelation.Estimate rho =
        RankCorrelation.bootstrap(
            x,
            y,
            RankCorrelation::spearmanRho,
            spec.bootstrapResamples(),
            spec.confidenceLevel(),
            seed);
    return new CorrelationView(
        predictor, kind, x.length, EstimateView.of(tau), EstimateView.of(rho));
  }

  private static double[] values(List<MemberView> members, ToDoubleFunction<MemberView> f) {
    return members.stream().mapToDouble(f).toArray();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
