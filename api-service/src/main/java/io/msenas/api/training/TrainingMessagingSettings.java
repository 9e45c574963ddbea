package io.msenas.api.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names of the training exchanges and queues, and the dispatch timings ({@code
 * mse-nas.training-messaging.*}); give the workers the same names.
 *
 * @param lease how long a training may go without a heartbeat before the API sends it again (with
 *     its last checkpoint); the workers send one every {@code heartbeat} of theirs
 * @param maxAttempts workers lost (or retryable failures) before a training fails
 */
@ConfigurationProperties("mse-nas.training-messaging")
public record TrainingMessagingSettings(
    @DefaultValue("mse-nas.trainings") String exchange,
    @DefaultValue("mse-nas.training.tasks") String taskQueue,
    @DefaultValue("mse-nas.training.updates") String updateQueue,
    @DefaultValue("mse-nas.training.control") String controlExchange,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("3") int maxAttempts) {}
