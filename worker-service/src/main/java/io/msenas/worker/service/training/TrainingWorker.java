package io.msenas.worker.service.training;

import com.rabbitmq.client.GetResponse;
import io.msenas.model.genome.InvalidGenomeException;
import io.msenas.model.message.Failure;
import io.msenas.model.message.FitnessConfig;
import io.msenas.model.message.Provenance;
import io.msenas.model.message.TrainingHyperparameters;
import io.msenas.model.message.TrainingQueues;
import io.msenas.model.message.TrainingTask;
import io.msenas.model.message.TrainingUpdate;
import io.msenas.worker.data.DatasetFormatException;
import io.msenas.worker.evaluation.Evaluator;
import io.msenas.worker.evaluation.InvalidTaskException;
import io.msenas.worker.fitness.LayerActivity;
import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.training.Architecture;
import io.msenas.worker.training.Checkpoint;
import io.msenas.worker.training.EpochProgress;
import io.msenas.worker.training.TrainedModel;
import io.msenas.worker.training.TrainingData;
import io.msenas.worker.training.TrainingDivergedException;
import io.msenas.worker.training.TrainingOptions;
import io.msenas.worker.training.TrainingResult;
import io.msenas.worker.training.TrainingRun;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes training tasks one at a time and runs them. A task is fetched with {@code basic.get} only
 * when this worker is free (so no task waits in a busy worker's buffer), reported as started (a
 * confirmed heartbeat), then acknowledged: from there the API's lease, renewed by a heartbeat every
 * {@code heartbeat}, watches over it. Each epoch is reported with its figures and a checkpoint; the
 * end with the model, or with a failure that names its cause (a bad genome, a data file, the epoch
 * whose loss diverged). A failed training never stops the worker, nor does anything else short of
 * {@link #stop()}: an {@link Error} is reported as a retryable failure, as an evaluation's is.
 */
public final class TrainingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

  private final RabbitTemplate rabbit;
  private final TrainingQueues queues;
  private final JsonMapper json;
  private final TrainingDataSource data;
  private final Evaluator evaluator;
  private final Duration heartbeat;
  private final Duration idlePoll;
  private final AtomicReference<UUID> cancelled = new AtomicReference<>();
  private volatile UUID current;
  private volatile int currentAttempt;
  private volatile boolean running;
  private Thread thread;

  public TrainingWorker(
      RabbitTemplate rabbit,
      TrainingQueues queues,
      JsonMapper json,
      TrainingDataSource data,
      Evaluator evaluator,
      Duration heartbeat,
      Duration idlePoll) {
    this.rabbit = rabbit;
    this.queues = queues;
    this.json = json;
    this.data = data;
    this.evaluator = evaluator;
    this.heartbeat = heartbeat;
    this.idlePoll = idlePoll;
  }

  /**
   * A cancellation from the control exchange: stops the training if it runs here (with {@code
   * attemptBelow}, only if this worker runs an older attempt than that).
   */
  public void cancel(UUID trainingId, Integer attemptBelow) {
    if (!trainingId.equals(current)) {
      return;
    }
    if (attemptBelow == null || currentAttempt < attemptBelow) {
      cancelled.set(trainingId);
      log.info("training {} cancelled; stopping after this epoch", trainingId);
    }
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::loop, "training-worker");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        TrainingTask task = take();
        if (task == null) {
          Thread.sleep(idlePoll.toMillis());
          continue;
        }
        train(task);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("training loop: {}", e.toString());
        if (!backOff()) {
          return;
        }
      } catch (Throwable e) {
        // an Error (a linkage error from the natives, a stack overflow) must not end the thread:
        // isRunning() would stay true while no task is ever taken again
        log.error("training loop", e);
        if (!backOff()) {
          return;
        }
      }
    }
  }

  /** Waits {@code idlePoll} after a failure; false when interrupted (the worker is stopping). */
  private boolean backOff() {
    try {
      Thread.sleep(idlePoll.toMillis());
      return true;
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Fetches one task, reports it started, then acknowledges it; null when the queue is empty. A
   * task that could not be reported started goes back to the queue.
   */
  private TrainingTask take() {
    return rabbit.execute(
        channel -> {
          GetResponse response = channel.basicGet(queues.taskQueue(), false);
          if (response == null) {
            return null;
          }
          long tag = response.getEnvelope().getDeliveryTag();
          TrainingTask task;
          try {
            task = json.readValue(response.getBody(), TrainingTask.class);
          } catch (RuntimeException e) {
            log.warn("unreadable training task dropped: {}", e.toString());
            channel.basicReject(tag, false);
            return null;
          }
          try {
            publish(update(task, TrainingUpdate.Type.HEARTBEAT, null, null, null, null));
          } catch (RuntimeException | Error e) {
            // no lease watches a task until its first heartbeat: back to the queue, for another
            // worker or this one later (left unacknowledged, it would wait on a channel that the
            // connection's cache keeps open)
            try {
              channel.basicNack(tag, false, true);
            } catch (IOException | RuntimeException nack) {
              // a broken channel: the broker requeues the task when it closes
              e.addSuppressed(nack);
            }
            throw e;
          }
          channel.basicAck(tag, false);
          return task;
        });
  }

  private void train(TrainingTask task) {
    // cleared before the training becomes current, so that a cancel of it is never wiped
    cancelled.set(null);
    currentAttempt = task.attempt();
    current = task.trainingId();
    log.info("training {} attempt {} on {}", task.trainingId(), task.attempt(), task.dataset());
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor();
    ScheduledFuture<?> beating =
        beat.scheduleAtFixedRate(
            () -> {
              try {
                publish(update(task, TrainingUpdate.Type.HEARTBEAT, null, null, null, null));
              } catch (RuntimeException e) {
                log.warn("heartbeat of training {} failed: {}", task.trainingId(), e.toString());
              }
            },
            heartbeat.toMillis(),
            heartbeat.toMillis(),
            TimeUnit.MILLISECONDS);
    try (TrainingRun run = open(task)) {
      TrainingUpdate.UntrainedScores untrained = scoreUntrained(task);
      while (run.epochsDone() < task.hyperparameters().epochs()) {
        if (!running) {
          // the worker is stopping: the API's lease sends the training elsewhere
          log.info(
              "training {} left at epoch {}: worker stopping", task.trainingId(), run.epochsDone());
          return;
        }
        if (stoppedByCancel(task)) {
          return;
        }
        EpochProgress epoch = run.runEpoch();
        String checkpoint = Base64.getEncoder().encodeToString(run.checkpoint().toBytes());
        publish(update(task, TrainingUpdate.Type.PROGRESS, epochOf(epoch), checkpoint, null, null));
      }
      // a cancel during the last epoch: the test split is not scored and nothing succeeds
      if (stoppedByCancel(task)) {
        return;
      }
      TrainingResult result = run.finish();
      // the model holds a copy of the parameters in native memory
      try (TrainedModel model = result.model()) {
        double seconds = Math.max(1e-9, run.trainingStepTime().toNanos() / 1e9);
        TrainingUpdate.Outcome outcome =
            new TrainingUpdate.Outcome(
                result.testAccuracy(),
                result.bestValidationAccuracy(),
                result.bestEpoch(),
                run.parameterCount(),
                run.samplesTrained() / seconds,
                Base64.getEncoder().encodeToString(model.toBytes()),
                untrained);
        publish(update(task, TrainingUpdate.Type.SUCCEEDED, null, null, outcome, null));
      }
      log.info("training {} done: test accuracy {}", task.trainingId(), result.testAccuracy());
    } catch (OutOfMemoryError e) {
      fail(task, new Failure("OutOfMemory", String.valueOf(e.getMessage()), true));
    } catch (RuntimeException e) {
      fail(task, failureOf(e));
    } catch (Error e) {
      // a linkage error from the natives, a stack overflow: the worker's fault, reported so that
      // the API retries it at once (as an evaluation's is) rather than when the lease runs out
      log.error("training {} threw", task.trainingId(), e);
      fail(task, failureOf(e));
    } finally {
      beating.cancel(false);
      beat.shutdownNow();
      current = null;
    }
  }

  /** Whether {@code task} was cancelled; if so, says that it stops. */
  private boolean stoppedByCancel(TrainingTask task) {
    if (task.trainingId().equals(cancelled.get())) {
      log.info("training {} stopped: cancelled", task.trainingId());
      return true;
    }
    return false;
  }

  /**
   * Scores the untrained network with each fitness the task names (a study member), on the fitness
   * path's seeded random weights; null when it names none. Repeated by a resumed attempt: the
   * scores are deterministic and take seconds.
   */
  private TrainingUpdate.UntrainedScores scoreUntrained(TrainingTask task) {
    if (task.scoreWith().isEmpty()) {
      return null;
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    double spikeRate = 0;
    double synapticOperations = 0;
    for (FitnessConfig config : task.scoreWith()) {
      Evaluator.Evaluation evaluation = evaluator.score(task.searchSpace(), task.genome(), config);
      scores.put(config.fitness(), evaluation.score().score());
      if (scores.size() == 1) {
        double spikes = 0;
        double neurons = 0;
        for (LayerActivity layer : evaluation.score().layers()) {
          double count = (double) layer.neurons() * layer.instances();
          spikes += layer.rate() * count;
          neurons += count;
        }
        spikeRate = neurons == 0 ? 0 : spikes / neurons;
        synapticOperations = evaluation.score().synapticOperations();
      }
    }
    log.info("training {} untrained scores {}", task.trainingId(), scores);
    return new TrainingUpdate.UntrainedScores(scores, spikeRate, synapticOperations);
  }

  /**
   * Opens the task's data and starts (or resumes) its run, through {@link
   * InvalidTaskException#check}: what fails here (data that does not fit the network or the batch,
   * a checkpoint of another data set or a damaged one, settings the network cannot take) is the
   * task's fault and fails it for good; what fails later, in an epoch, may be retried.
   */
  TrainingRun open(TrainingTask task) {
    TrainingHyperparameters h = task.hyperparameters();
    TrainingData trainingData =
        InvalidTaskException.check(
            () -> data.open(task.dataset(), h.timeSteps(), h.trainSamples()));
    if (task.checkpoint() != null) {
      log.info("training {} resumes from its checkpoint", task.trainingId());
      Checkpoint checkpoint =
          InvalidTaskException.check(
              () -> Checkpoint.fromBytes(Base64.getDecoder().decode(task.checkpoint())));
      return InvalidTaskException.check(() -> TrainingRun.resume(checkpoint, trainingData));
    }
    NetworkSpec spec =
        InvalidTaskException.check(
            () ->
                new NetworkSpec(
                    h.channels(),
                    h.timeSteps(),
                    trainingData.shape().channels(),
                    trainingData.shape().height(),
                    trainingData.classes(),
                    NetworkSpec.DEFAULT_TAU,
                    NetworkSpec.DEFAULT_THRESHOLD));
    TrainingOptions options =
        InvalidTaskException.check(
            () ->
                TrainingOptions.builder()
                    .epochs(h.epochs())
                    .batchSize(h.batchSize())
                    .learningRatePer1024(h.learningRatePer1024())
                    .minLearningRate(h.minLearningRate())
                    .warmupEpochs(h.warmupEpochs())
                    .weightDecay(h.weightDecay())
                    .labelSmoothing(h.labelSmoothing())
                    .dropPathMax(h.dropPathMax())
                    .seed(h.seed())
                    .weightSeed(h.seed())
                    .build());
    Architecture architecture =
        InvalidTaskException.check(
            () -> {
              // the API refuses such a network; one queued before that rule would train at chance
              task.searchSpace().requireCanClassify(task.genome());
              return new Architecture(task.searchSpace(), task.genome(), spec);
            });
    return InvalidTaskException.check(() -> TrainingRun.start(architecture, trainingData, options));
  }

  /**
   * What a training's exception reports: a bad task (its genome, data or settings, found by the
   * checks before training) or a diverged run fails for good; anything else, an {@link
   * IllegalArgumentException} from inside the engine included, is the worker's fault and may be
   * retried.
   */
  static Failure failureOf(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof TrainingDivergedException) {
      return new Failure("Diverged", message, false);
    } else if (e instanceof InvalidGenomeException) {
      return new Failure("InvalidGenome", message, false);
    } else if (e instanceof DatasetFormatException) {
      return new Failure("InvalidData", message, false);
    } else if (e instanceof InvalidTaskException) {
      return new Failure("InvalidTask", message, false);
    }
    return new Failure("TrainingError", e.toString(), true);
  }

  /**
   * What an {@link Error} other than running out of memory reports: the worker's fault (its
   * natives, its stack), retryable, named by the error's class.
   */
  static Failure failureOf(Error e) {
    return new Failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), true);
  }

  private void fail(TrainingTask task, Failure failure) {
    log.warn("training {} failed ({}): {}", task.trainingId(), failure.type(), failure.message());
    try {
      publish(update(task, TrainingUpdate.Type.FAILED, null, null, null, failure));
    } catch (RuntimeException e) {
      log.warn("could not report the failure of training {}: {}", task.trainingId(), e.toString());
    }
  }

  private static TrainingUpdate.Epoch epochOf(EpochProgress p) {
    return new TrainingUpdate.Epoch(
        p.epoch(),
        p.epochs(),
        p.loss(),
        p.trainAccuracy(),
        p.validationAccuracy(),
        p.spikeRate(),
        p.learningRate(),
        p.elapsed().toNanos() / 1e9,
        p.eta().toNanos() / 1e9);
  }

  private TrainingUpdate update(
      TrainingTask task,
      TrainingUpdate.Type type,
      TrainingUpdate.Epoch epoch,
      String checkpoint,
      TrainingUpdate.Outcome outcome,
      Failure failure) {
    return new TrainingUpdate(
        TrainingUpdate.SCHEMA_VERSION,
        task.trainingId(),
        task.attempt(),
        type,
        epoch,
        checkpoint,
        outcome,
        failure,
        provenance(task.hyperparameters().seed()));
  }

  private static Provenance provenance(long seed) {
    Nd4jRuntime.Info info = Nd4jRuntime.initialise();
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    String version = TrainingWorker.class.getPackage().getImplementationVersion();
    return new Provenance(
        version == null ? "development" : version,
        seed,
        info.backend(),
        info.nativeVariant().classifier(),
        info.blasCoreType(),
        host);
  }

  /** Publishes one update and waits for the broker's confirm. */
  private void publish(TrainingUpdate update) {
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    byte[] body = json.writeValueAsString(update).getBytes(StandardCharsets.UTF_8);
    CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
    rabbit.send(
        queues.exchange(), TrainingQueues.UPDATE_KEY, new Message(body, properties), correlation);
    CorrelationData.Confirm confirm;
    try {
      confirm = correlation.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the broker's confirm", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no confirm for a training update: " + e, e);
    }
    if (!confirm.ack() || correlation.getReturned() != null) {
      throw new IllegalStateException(
          "the broker did not take a training update: " + confirm.reason());
    }
  }

  private static final long CONFIRM_TIMEOUT_SECONDS = 10;
}
