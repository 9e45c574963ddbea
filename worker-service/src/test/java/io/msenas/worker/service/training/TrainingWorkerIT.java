package io.msenas.worker.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msenas.model.genome.Genome;
import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.model.message.Failure;
import io.msenas.model.message.TrainingHyperparameters;
import io.msenas.model.message.TrainingQueues;
import io.msenas.model.message.TrainingTask;
import io.msenas.model.message.TrainingUpdate;
import io.msenas.worker.evaluation.Evaluator;
import io.msenas.worker.network.GenomeFixtures;
import io.msenas.worker.training.TrainedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training worker and its control queue against a real RabbitMQ ({@code MSE_NAS_RABBITMQ_HOST},
 * default 127.0.0.1, port 5672, guest/guest), with quorum queues, under names unique to this run.
 * Tasks go in through the training exchange as the API service sends them; updates are read from
 * the update queue as it reads them. Trainings run on a generated CIFAR10-DVS of 100 tiny
 * recordings (seconds each).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingWorkerIT {

  private static final String RUN =
      "mse-nas-it-training-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Duration TRAINING = Duration.ofSeconds(120);

  /** As {@link TrainingConfiguration} reads and writes the messages. */
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final TrainingQueues queues =
      new TrainingQueues(
          RUN + ".trainings",
          RUN + ".training.tasks",
          RUN + ".training.updates",
          RUN + ".training.control",
          true);

  /** This worker's control queue; not exclusive, so that its messages outlive a consumer. */
  private final Queue control =
      new Queue(queues.controlExchange() + ".worker", false, false, false);

  private final List<TrainingUpdate> updates = new CopyOnWriteArrayList<>();
  private Path dataRoot;
  private CachingConnectionFactory connections;
  private RabbitAdmin admin;
  private RabbitTemplate sender;
  private SimpleMessageListenerContainer updateReader;
  private TrainingWorker worker;
  private CachingConnectionFactory workerConnections;

  @BeforeAll
  void declareTheTopology(@TempDir Path root) {
    dataRoot = root;
    TrainingDataSourceTest.writeCifar10Dvs(root.resolve("cifar10-dvs"), 10);
    connections = connectionFactory();
    admin = new RabbitAdmin(connections);
    admin.declareQueue(control);
    for (Declarable d :
        new TrainingConfiguration().trainingTopology(queues, control).getDeclarables()) {
      if (d instanceof Exchange exchange) {
        admin.declareExchange(exchange);
      } else if (d instanceof Queue queue) {
        admin.declareQueue(queue);
      } else if (d instanceof Binding binding) {
        admin.declareBinding(binding);
      }
    }
    sender = new RabbitTemplate(connections);
    // every update, in order, as the API service takes them
    updateReader = new SimpleMessageListenerContainer(connections);
    updateReader.setQueueNames(queues.updateQueue());
    updateReader.setMessageListener(
        message -> {
          TrainingUpdate update = JSON.readValue(message.getBody(), TrainingUpdate.class);
          updates.add(update);
        });
    updateReader.start();
  }

  @AfterEach
  void stopTheWorker() {
    if (worker != null) {
      worker.stop();
      worker = null;
    }
    if (workerConnections != null) {
      workerConnections.destroy();
      workerConnections = null;
    }
  }

  /** As worker.yml sets Spring Boot's factory up. */
  private static CachingConnectionFactory connectionFactory() {
    CachingConnectionFactory factory =
        new CachingConnectionFactory(
            System.getenv().getOrDefault("MSE_NAS_RABBITMQ_HOST", "127.0.0.1"), 5672);
    factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
    factory.setPublisherReturns(true);
    return factory;
  }

  /**
   * The connections of this test's worker: its own, so that no channel a stopped worker left behind
   * (interrupted, or holding a delivery) is used again.
   */
  private CachingConnectionFactory workerConnections() {
    workerConnections = connectionFactory();
    return workerConnections;
  }

  @AfterAll
  void deleteTheTopology() {
    if (updateReader != null) {
      updateReader.stop();
    }
    admin.deleteQueue(queues.taskQueue());
    admin.deleteQueue(queues.updateQueue());
    admin.deleteQueue(control.getName());
    admin.deleteExchange(queues.exchange());
    admin.deleteExchange(queues.controlExchange());
    connections.destroy();
  }

  @Test
  void aTaskWhoseStartCannotBeReportedGoesBackToTheQueue() {
    AtomicInteger returned = new AtomicInteger();
    // an unknown data set: the task fails as soon as it starts
    TrainingTask task = task(1, 8, "no-such-data");
    admin.removeBinding(updateBinding());
    try {
      start(template(returned::incrementAndGet), JSON);
      send(task);
      // its first heartbeat comes back unroutable; the task is then taken again (and again), not
      // left unacknowledged on the channel that fetched it, which the connection's cache keeps
      await().atMost(Duration.ofSeconds(20)).until(() -> returned.get() >= 2);
    } finally {
      admin.declareBinding(updateBinding());
    }

    TrainingUpdate failed = awaitUpdate(task, TrainingUpdate.Type.FAILED);
    assertThat(failed.failure().type()).isEqualTo("InvalidTask");
    assertThat(updatesOf(task).get(0).type()).isEqualTo(TrainingUpdate.Type.HEARTBEAT);
    assertThat(queueInfo(queues.taskQueue()).getMessageCount()).isZero();
  }

  @Test
  void anErrorOutsideATrainingDoesNotEndTheWorker() {
    AtomicBoolean thrown = new AtomicBoolean();
    RabbitTemplate failingOnce =
        new RabbitTemplate(workerConnections()) {
          @Override
          public <T> T execute(ChannelCallback<T> action) {
            // the first fetch of a task fails as a native library that does not link would
            if (thrown.compareAndSet(false, true)) {
              throw new NoClassDefFoundError("io/msenas/Missing");
            }
            return super.execute(action);
          }
        };
    configure(failingOnce, () -> {});
    start(failingOnce, JSON);
    await().atMost(Duration.ofSeconds(10)).untilTrue(thrown);
    TrainingTask task = task(1, 8, "no-such-data");

    send(task);

    assertThat(awaitUpdate(task, TrainingUpdate.Type.FAILED).failure().type())
        .isEqualTo("InvalidTask");
    assertThat(worker.isRunning()).isTrue();
  }

  @Test
  void anErrorWhileTrainingFailsItAsRetryableAndTheWorkerTakesTheNextTask() {
    TrainingTask task = task(1, 8, "cifar10-dvs");
    TrainingTask next = task(1, 8, "no-such-data");
    // publishing the epoch's progress fails as a native library that does not link would
    start(
        template(
            () -> {},
            update -> {
              if (update.type() == TrainingUpdate.Type.PROGRESS) {
                throw new UnsatisfiedLinkError("no nd4jcpu in java.library.path");
              }
            }),
        JSON);

    send(task);
    send(next);

    assertThat(awaitUpdate(task, TrainingUpdate.Type.FAILED).failure())
        .isEqualTo(new Failure("UnsatisfiedLinkError", "no nd4jcpu in java.library.path", true));
    assertThat(awaitUpdate(next, TrainingUpdate.Type.FAILED).failure().type())
        .isEqualTo("InvalidTask");
  }

  @Test
  void aCancelDuringTheLastEpochEndsTheTrainingWithoutAResult() {
    TrainingTask task = task(1, 8, "cifar10-dvs");
    TrainingTask next = task(1, 8, "cifar10-dvs");
    // the cancel lands once the last epoch has passed the loop's check: here while its progress
    // is being sent, which is as late as it can come before the run finishes
    start(
        template(
            () -> {},
            update -> {
              if (update.trainingId().equals(task.trainingId())
                  && update.type() == TrainingUpdate.Type.PROGRESS
                  && update.epoch().epoch() == update.epoch().epochs()) {
                worker.cancel(task.trainingId(), null);
              }
            }),
        JSON);

    send(task);
    send(next);

    // the worker has gone on to the next task (one at a time), so the first one has ended
    TrainingUpdate succeeded = awaitUpdate(next, TrainingUpdate.Type.SUCCEEDED);
    assertThat(updatesOf(task))
        .filteredOn(u -> u.type() != TrainingUpdate.Type.HEARTBEAT)
        .extracting(u -> u.type() + (u.epoch() == null ? "" : " " + u.epoch().epoch()))
        .containsExactly("PROGRESS 1");
    // the next one's model was written before it was closed
    byte[] model = Base64.getDecoder().decode(succeeded.outcome().model());
    try (TrainedModel read = TrainedModel.fromBytes(model)) {
      assertThat(read.parameterCount()).isEqualTo(succeeded.outcome().parameterCount());
    }
  }

  @Test
  void aMalformedCancelIsDroppedNotRedeliveredForever() {
    // a worker that runs nothing: a cancel is a no-op, and a malformed one must not reach it
    TrainingWorker idle =
        new TrainingWorker(
            null, queues, JSON, null, null, Duration.ofSeconds(20), Duration.ofSeconds(1));
    SimpleMessageListenerContainer container =
        new TrainingConfiguration().trainingControlContainer(connections, control, idle);
    container.start();
    try {
      cancel("not json");
      cancel("{\"cancel\": \"not-a-uuid\"}");
      cancel("{\"cancel\": \"" + UUID.randomUUID() + "\", \"attemptBelow\": \"two\"}");
      cancel("{\"cancel\": \"" + UUID.randomUUID() + "\", \"attemptBelow\": 2}");
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> queueInfo(control.getName()).getMessageCount() == 0);
    } finally {
      container.stop();
    }
    // a message not acknowledged would be back in the queue once its consumer has gone
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> queueInfo(control.getName()).getConsumerCount() == 0);
    assertThat(queueInfo(control.getName()).getMessageCount()).isZero();
  }

  /**
   * A one-cell network (motif m2, mixed kernels, C = 4, T = 2) on {@code dataset} in batches of 4.
   */
  private static TrainingTask task(int epochs, int trainSamples, String dataset) {
    SearchSpace space = SearchSpace.of(4, InputKind.EVENTS);
    Genome genome = GenomeFixtures.genome(space, 3, GenomeFixtures.cell(1, 2, 0, 1, 0, 1, 0, 1));
    return new TrainingTask(
        TrainingTask.SCHEMA_VERSION,
        UUID.randomUUID(),
        1,
        space,
        genome,
        dataset,
        new TrainingHyperparameters(4, 2, epochs, 4, 1.0, 1e-5, 0, 0.01, 0.1, 0.0, 5, trainSamples),
        null,
        List.of());
  }

  private TrainingWorker start(RabbitTemplate template, JsonMapper json) {
    worker =
        new TrainingWorker(
            template,
            queues,
            json,
            new TrainingDataSource(dataRoot),
            new Evaluator(),
            Duration.ofSeconds(20),
            Duration.ofMillis(100));
    worker.start();
    return worker;
  }

  /**
   * A template as {@link TrainingConfiguration} sets it up, telling {@code returned} of returns.
   */
  private RabbitTemplate template(Runnable returned) {
    return template(returned, update -> {});
  }

  /** The same, showing each update to {@code beforeSend} before it is sent. */
  private RabbitTemplate template(Runnable returned, Consumer<TrainingUpdate> beforeSend) {
    RabbitTemplate template =
        new RabbitTemplate(workerConnections()) {
          @Override
          public void send(
              String exchange, String routingKey, Message message, CorrelationData correlation) {
            beforeSend.accept(JSON.readValue(message.getBody(), TrainingUpdate.class));
            super.send(exchange, routingKey, message, correlation);
          }
        };
    return configure(template, returned);
  }

  private static RabbitTemplate configure(RabbitTemplate template, Runnable returned) {
    template.setMandatory(true);
    template.setUsePublisherConnection(true);
    template.setReturnsCallback(message -> returned.run());
    return template;
  }

  private Binding updateBinding() {
    return BindingBuilder.bind(new Queue(queues.updateQueue()))
        .to(new DirectExchange(queues.exchange()))
        .with(TrainingQueues.UPDATE_KEY);
  }

  private void send(TrainingTask task) {
    Message message =
        MessageBuilder.withBody(JSON.writeValueAsBytes(task))
            .setContentType("application/json")
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .build();
    sender.send(queues.exchange(), TrainingQueues.TASK_KEY, message);
  }

  /** Publishes {@code body} on the control exchange, as the API service sends cancellations. */
  private void cancel(String body) {
    sender.send(
        queues.controlExchange(),
        "",
        MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
            .setContentType("application/json")
            .build());
  }

  private TrainingUpdate awaitUpdate(TrainingTask task, TrainingUpdate.Type type) {
    return await()
        .atMost(TRAINING)
        .until(
            () -> updatesOf(task).stream().filter(u -> u.type() == type).findFirst(),
            Optional::isPresent)
        .get();
  }

  private List<TrainingUpdate> updatesOf(TrainingTask task) {
    return updates.stream().filter(u -> u.trainingId().equals(task.trainingId())).toList();
  }

  private QueueInformation queueInfo(String queue) {
    return admin.getQueueInfo(queue);
  }
}
