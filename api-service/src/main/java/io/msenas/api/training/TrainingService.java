package io.msenas.api.training;

import static io.msenas.api.search.FieldViolation.doubleIn;
import static io.msenas.api.search.FieldViolation.intIn;

import io.msenas.api.search.FieldViolation;
import io.msenas.api.search.InvalidSpecException;
import io.msenas.api.search.SearchLifecycle;
import io.msenas.api.search.SearchSpec;
import io.msenas.api.store.IndividualEntity;
import io.msenas.api.store.IndividualRepository;
import io.msenas.api.store.SearchJobEntity;
import io.msenas.api.store.SearchJobRepository;
import io.msenas.api.training.TrainingViews.EpochView;
import io.msenas.api.training.TrainingViews.GenomeView;
import io.msenas.api.training.TrainingViews.Progress;
import io.msenas.api.training.TrainingViews.ResultView;
import io.msenas.api.training.TrainingViews.TrainingView;
import io.msenas.api.web.ConflictException;
import io.msenas.api.web.IdempotencyKeys;
import io.msenas.api.web.NotFoundException;
import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.InvalidGenomeException;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.preset.Preset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training jobs: submission (validated, idempotent, nothing stored on a bad field), status with
 * per-epoch figures, cancel, and the trained model. Dispatch and intake: {@link
 * TrainingDispatcher}, {@link TrainingUpdateIntake}.
 */
@Service
public class TrainingService {

  /** Data sets a worker can train on (where the data lives is the worker's configuration). */
  public static final Set<String> DATASETS =
      Set.of("mnist", "cifar10", "cifar100", "dvs128-gesture", "cifar10-dvs");

  static final Set<String> EVENT_DATASETS = Set.of("dvs128-gesture", "cifar10-dvs");

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final TransactionTemplate transactions;

  /**
   * Reads a training and its epochs from one snapshot: read apart, a poll between an epoch's two
   * writes saw the new epoch beside the previous epoch's ETA.
   */
  private final TransactionTemplate snapshot;

  private final SearchJobRepository searches;
  private final IndividualRepository individuals;
  private final SearchLifecycle searchLifecycle;
  private final ApplicationEventPublisher events;

  TrainingService(
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      PlatformTransactionManager transactionManager,
      SearchJobRepository searches,
      IndividualRepository individuals,
      SearchLifecycle searchLifecycle,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
    this.snapshot = new TransactionTemplate(transactionManager);
    snapshot.setReadOnly(true);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.searches = searches;
    this.individuals = individuals;
    this.searchLifecycle = searchLifecycle;
    this.events = events;
  }

  /** A submitted training, and whether it was created now or found by its idempotency key. */
  public record Submission(TrainingView training, boolean created) {}

  /** What a submission resolves to: the spec, the space and the genome to train. */
  public record Resolved(TrainingSpec spec, SearchSpace space, Genome genome) {}

  /**
   * Validates and stores a training; a worker picks it up. With an idempotency key, the same key
   * and body return the first job; the same key with another body is a conflict.
   */
  public Submission submit(String tenant, CreateTrainingRequest request, String idempotencyKey) {
    IdempotencyKeys.requireValid(idempotencyKey);
    Resolved resolved = resolve(tenant, request);
    String requestHash = sha256(json.writeValueAsString(request));
    try {
      return transactions.execute(
          status -> {
            if (idempotencyKey != null) {
              Optional<UUID> existing = findByKey(tenant, idempotencyKey, requestHash);
              if (existing.isPresent()) {
                return new Submission(get(tenant, existing.get()), false);
              }
            }
            UUID id = insert(tenant, resolved, idempotencyKey, requestHash, null);
            return new Submission(get(tenant, id), true);
          });
    } catch (DataIntegrityViolationException race) {
      // another request with the same key committed first
      UUID existing = findByKey(tenant, idempotencyKey, requestHash).orElseThrow(() -> race);
      return new Submission(get(tenant, existing), false);
    }
  }

  /**
   * A training that belongs to a correlation study: its place in the study, and the training-free
   * fitness functions its worker scores the untrained network with.
   */
  public record StudyMember(UUID studyId, int index, List<FitnessConfig> scoreWith) {}

  /**
   * Stores one resolved training, QUEUED for dispatch, in the caller's transaction.
   *
   * @param member the study it belongs to, or null for a stand-alone training
   * @return the new training's id
   */
  public UUID insert(
      String tenant,
      Resolved resolved,
      String idempotencyKey,
      String requestHash,
      StudyMember member) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    TrainingSpec spec = resolved.spec();
    jdbc.sql(
            "insert into training_job (id, tenant_id, idempotency_key, request_hash, spec,"
                + " search_space, search_space_version, genes, canonical_hash,"
                + " source_search_id, source_individual_id, status, dispatch_state, epochs,"
                + " study_id, study_index, score_with, created_at, updated_at) values (:id,"
                + " :tenant, :key, :hash, cast(:spec as jsonb), cast(:space as jsonb), :version,"
                + " :genes, :canonical, :search, :individual, 'QUEUED', 'PENDING', :epochs,"
                + " :study, :index, cast(:scoreWith as jsonb), :now, :now)")
        .param("id", id)
        .param("tenant", tenant)
        .param("key", idempotencyKey)
        .param("hash", requestHash)
        .param("spec", json.writeValueAsString(spec))
        .param("space", json.writeValueAsString(resolved.space()))
        .param("version", resolved.genome().searchSpaceVersion())
        .param("genes", resolved.genome().genes())
        .param("canonical", resolved.space().contentHash(resolved.genome()))
        .param("search", spec.sourceSearchId())
        .param("individual", spec.sourceIndividualId())
        .param("epochs", spec.epochs())
        .param("study", member == null ? null : member.studyId())
        .param("index", member == null ? null : member.index())
        .param("scoreWith", member == null ? null : json.writeValueAsString(member.scoreWith()))
        .param("now", Timestamp.from(now))
        .update();
    events.publishEvent(new TrainingQueued(id));
    return id;
  }

  /** Published after a training was stored, so that the dispatcher sends it at once. */
  public record TrainingQueued(UUID trainingId) {}

  private Optional<UUID> findByKey(String tenant, String key, String requestHash) {
    return IdempotencyKeys.find(jdbc, "training_job", "training", tenant, key, requestHash);
  }

  /** A training with its epochs and result. */
  public TrainingView get(String tenant, UUID id) {
    return snapshot
        .execute(
            status ->
                jdbc.sql("select * from training_job where id = :id and tenant_id = :tenant")
                    .param("id", id)
                    .param("tenant", tenant)
                    .query((rs, i) -> view(rs, epochs(id)))
                    .optional())
        .orElseThrow(() -> new NotFoundException("training", id));
  }

  /** Cancels a training that has not finished; idempotent for a cancelled one. */
  public TrainingView cancel(String tenant, UUID id) {
    transactions.executeWithoutResult(
        status -> {
          String current =
              jdbc.sql(
                      "select status from training_job where id = :id and tenant_id = :tenant"
                          + " for update")
                  .param("id", id)
                  .param("tenant", tenant)
                  .query(String.class)
                  .optional()
                  .orElseThrow(() -> new NotFoundException("training", id));
          TrainingStatus s = TrainingStatus.valueOf(current);
          if (s == TrainingStatus.CANCELLED) {
            return;
          }
          if (s.isTerminal()) {
            throw new ConflictException(
                "training-finished",
                "training " + id + " already " + s + "; it cannot be cancelled");
          }
          Instant now = clock.instant();
          jdbc.sql(
                  "update training_job set status = 'CANCELLED', dispatch_state = 'DONE',"
                      + " lease_deadline = null, finished_at = :now, updated_at = :now"
                      + " where id = :id")
              .param("id", id)
              .param("now", Timestamp.from(now))
              .update();
          events.publishEvent(new TrainingCancelled(id, null));
        });
    return get(tenant, id);
  }

  /**
   * Published after a training was cancelled (or a worker reported on one it should not be
   * training), so that its worker stops.
   *
   * @param attemptBelow stop only attempts below this one (a newer attempt runs elsewhere), or null
   *     for every attempt
   */
  public record TrainingCancelled(UUID trainingId, Integer attemptBelow) {}

  /** The trained model of a SUCCEEDED training (the worker's serialised model). */
  public byte[] model(String tenant, UUID id) {
    TrainingView training = get(tenant, id);
    if (training.status() != TrainingStatus.SUCCEEDED) {
      throw new ConflictException(
          "no-model-yet",
          "training "
              + id
              + " is "
              + training.status()
              + " and has no model"
              + (training.status().isTerminal() ? "" : " yet"));
    }
    return jdbc.sql("select content from model_artifact where training_id = :id")
        .param("id", id)
        .query(byte[].class)
        .single();
  }

  // ------------------------------------------------------------------ resolution

  /**
   * Validates a request and resolves its architecture and defaults; stores nothing.
   *
   * @throws InvalidSpecException naming every bad field
   */
  public Resolved resolve(String tenant, CreateTrainingRequest r) {
    List<FieldViolation> errors = new ArrayList<>();
    if ((r.source() == null) == (r.genome() == null)) {
      errors.add(
          new FieldViolation(
              "source", null, "give exactly one of source (a search's individual) and genome"));
      throw invalid(errors);
    }
    Preset preset = Preset.QUICK;
    if (r.preset() != null) {
      try {
        preset = Preset.fromId(r.preset());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldViolation("preset", r.preset(), "unknown preset; known: paper, quick, smoke"));
      }
    }
    SearchSpace space;
    Genome genome;
    String dataset;
    int channels;
    int timeSteps;
    UUID searchId = null;
    UUID individualId = null;
    if (r.source() != null) {
      if (r.source().searchId() == null) {
        errors.add(new FieldViolation("source.searchId", null, "is required"));
        throw invalid(errors);
      }
      if (r.cells() != null) {
        errors.add(
            new FieldViolation(
                "cells", r.cells(), "comes from the search; give it only with genome"));
      }
      SearchJobEntity search =
          searches
              .findByIdAndTenantId(r.source().searchId(), tenant)
              .orElseThrow(() -> new NotFoundException("search", r.source().searchId()));
      SearchSpec searchSpec = searchLifecycle.spec(search);
      individualId = r.source().individualId();
      if (individualId == null) {
        individualId = search.getWinnerIndividualId();
        if (individualId == null) {
          throw new ConflictException(
              "no-winner-yet",
              "search "
                  + search.getId()
                  + " is "
                  + search.getStatus()
                  + " and has no winner;"
                  + " name an individual with source.individualId");
        }
      }
      UUID wanted = individualId;
      IndividualEntity individual =
          individuals
              .findByIdAndJobId(wanted, search.getId())
              .orElseThrow(() -> new NotFoundException("individual", wanted));
      searchId = search.getId();
      space = searchSpec.searchSpace();
      genome = new Genome(individual.getSearchSpaceVersion(), individual.getGenes());
      dataset = r.dataset() == null ? searchSpec.dataset() : r.dataset();
      channels = r.channels() == null ? searchSpec.channels() : r.channels();
      timeSteps = r.timeSteps() == null ? searchSpec.timeSteps() : r.timeSteps();
    } else {
      dataset = r.dataset() == null ? "mnist" : r.dataset();
      int violations = errors.size();
      int cells = intIn(errors, "cells", r.cells(), preset.cells(), 4, 64);
      // cells out of range make no space; the genome is checked once they are in range
      space = errors.size() > violations ? null : SearchSpace.of(cells, inputKind(dataset));
      List<Integer> genes = r.genome().genes();
      String version = r.genome().searchSpaceVersion();
      if (version == null) {
        errors.add(new FieldViolation("genome.searchSpaceVersion", null, "is required"));
      } else if (version.isBlank()) {
        errors.add(new FieldViolation("genome.searchSpaceVersion", version, "must not be blank"));
      }
      if (genes == null || genes.stream().anyMatch(g -> g == null)) {
        errors.add(new FieldViolation("genome.genes", genes, "must be a list of integers"));
      }
      genome = null;
      if (errors.isEmpty()) {
        genome = new Genome(version, genes.stream().mapToInt(Integer::intValue).toArray());
      }
      channels = r.channels() == null ? preset.channels() : r.channels();
      timeSteps = r.timeSteps() == null ? preset.timeSteps() : r.timeSteps();
    }
    if (genome != null) {
      try {
        // a network the input never reaches would train at chance: refuse it before it is stored
        space.requireCanClassify(genome);
      } catch (InvalidGenomeException e) {
        if (r.source() != null) {
          // a stored individual (of a search from before the rule): the request named no genome
          boolean named = r.source().individualId() != null;
          errors.add(
              new FieldViolation(
                  named ? "source.individualId" : "source.searchId",
                  named ? individualId : searchId,
                  "individual " + individualId + ": " + e.getMessage()));
        } else {
          errors.add(
              new FieldViolation(
                  e.geneIndex() >= 0 ? "genome.genes[" + e.geneIndex() + "]" : "genome",
                  e.geneIndex() >= 0 ? genome.genes()[e.geneIndex()] : genome.searchSpaceVersion(),
                  e.getMessage()));
        }
      }
    }
    if (!DATASETS.contains(dataset)) {
      errors.add(
          new FieldViolation(
              "dataset",
              dataset,
              "unknown dataset; known: " + DATASETS.stream().sorted().toList()));
    } else if (space != null && inputKind(dataset) != space.inputKind()) {
      // a search's individual keeps the search's space; the worker trusts the two to agree
      errors.add(
          new FieldViolation(
              "dataset",
              dataset,
              "search "
                  + searchId
                  + " evolved architectures for "
                  + (space.inputKind() == InputKind.EVENTS ? "event data" : "static images")
                  + "; give a data set of that kind: "
                  + DATASETS.stream()
                      .filter(d -> inputKind(d) == space.inputKind())
                      .sorted()
                      .toList()));
    }
    intIn(errors, "channels", channels, channels, 2, 512);
    if (channels % 2 != 0) {
      errors.add(new FieldViolation("channels", channels, "must be even"));
    }
    intIn(errors, "timeSteps", timeSteps, timeSteps, 1, 64);
    TrainingDefaults d = TrainingDefaults.of(preset);
    int epochs = intIn(errors, "epochs", r.epochs(), d.epochs(), 1, 10_000);
    int batchSize = intIn(errors, "batchSize", r.batchSize(), d.batchSize(), 2, 4096);
    double lr =
        doubleIn(
            errors,
            "learningRatePer1024",
            r.learningRatePer1024(),
            d.learningRatePer1024(),
            1e-6,
            10.0);
    double minLr =
        doubleIn(errors, "minLearningRate", r.minLearningRate(), d.minLearningRate(), 0.0, 1.0);
    double warmup = doubleIn(errors, "warmupEpochs", r.warmupEpochs(), d.warmupEpochs(), 0.0, 1e4);
    double decay = doubleIn(errors, "weightDecay", r.weightDecay(), d.weightDecay(), 0.0, 1.0);
    double smoothing =
        doubleIn(errors, "labelSmoothing", r.labelSmoothing(), d.labelSmoothing(), 0.0, 0.99);
    double dropPath = doubleIn(errors, "dropPathMax", r.dropPathMax(), d.dropPathMax(), 0.0, 0.9);
    int trainSamples = intIn(errors, "trainSamples", r.trainSamples(), 0, 0, 10_000_000);
    if (trainSamples > 0 && batchSize > trainSamples) {
      // the worker would fail it: a training step takes one full batch of the training split
      errors.add(
          new FieldViolation(
              "batchSize",
              batchSize,
              "must be at most trainSamples (" + trainSamples + "): a step takes a full batch"));
    }
    long seed = r.seed() == null ? d.seed() : r.seed();
    if (seed < 0) {
      errors.add(new FieldViolation("seed", seed, "must be >= 0"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    TrainingSpec spec =
        new TrainingSpec(
            dataset,
            preset.id(),
            space.cells(),
            channels,
            timeSteps,
            epochs,
            batchSize,
            lr,
            minLr,
            warmup,
            decay,
            smoothing,
            dropPath,
            seed,
            trainSamples,
            searchId,
            individualId);
    return new Resolved(spec, space, genome);
  }

  /** The kind of input a data set feeds a network. */
  static InputKind inputKind(String dataset) {
    return EVENT_DATASETS.contains(dataset) ? InputKind.EVENTS : InputKind.STATIC_IMAGE;
  }

  private static InvalidSpecException invalid(List<FieldViolation> errors) {
    return new InvalidSpecException("invalid-training-spec", "Invalid training spec", errors);
  }

  // ------------------------------------------------------------------ views

  private List<EpochView> epochs(UUID id) {
    return jdbc.sql("select * from training_epoch where training_id = :id order by epoch")
        .param("id", id)
        .query(
            (rs, i) ->
                new EpochView(
                    rs.getInt("epoch"),
                    rs.getInt("attempt"),
                    rs.getDouble("loss"),
                    rs.getDouble("train_accuracy"),
                    rs.getDouble("validation_accuracy"),
                    rs.getDouble("spike_rate"),
                    rs.getDouble("learning_rate"),
                    rs.getDouble("elapsed_seconds")))
        .list();
  }

  private TrainingView view(ResultSet rs, List<EpochView> epochs) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    TrainingStatus status = TrainingStatus.valueOf(rs.getString("status"));
    ResultView result = null;
    if (status == TrainingStatus.SUCCEEDED) {
      String sha =
          jdbc.sql("select sha256 from model_artifact where training_id = :id")
              .param("id", id)
              .query(String.class)
              .optional()
              .orElse(null);
      result =
          new ResultView(
              rs.getDouble("test_accuracy"),
              rs.getDouble("best_validation_accuracy"),
              rs.getInt("best_epoch"),
              rs.getLong("parameter_count"),
              rs.getDouble("samples_per_second"),
              sha);
    }
    Array genes = rs.getArray("genes");
    Integer[] boxed = (Integer[]) genes.getArray();
    int[] plain = new int[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      plain[i] = boxed[i];
    }
    String provenance = rs.getString("provenance");
    return new TrainingView(
        id,
        status,
        json.readValue(rs.getString("spec"), TrainingSpec.class),
        new GenomeView(rs.getString("search_space_version"), plain, rs.getString("canonical_hash")),
        new Progress(
            rs.getInt("epochs_done"),
            rs.getInt("epochs"),
            rs.getInt("attempt"),
            (Integer) rs.getObject("checkpoint_epoch"),
            (Double) rs.getObject("elapsed_seconds"),
            status.isTerminal() ? null : (Double) rs.getObject("eta_seconds")),
        epochs,
        result,
        rs.getString("error"),
        provenance == null
            ? null
            : json.readValue(provenance, new TypeReference<Map<String, Object>>() {}),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
