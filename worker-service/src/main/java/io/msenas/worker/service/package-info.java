/**
 * The worker as a Spring Boot service: consumes {@link io.msenas.model.message.EvaluationTask}s
 * from RabbitMQ, answers each with exactly one confirmed {@link
 * io.msenas.model.message.EvaluationResult}, and exposes metrics on {@code /actuator/prometheus}.
 *
 * <p>Only this package knows Spring and AMQP; the engine ({@code io.msenas.worker.evaluation} and
 * below) stays plain Java and is assembled here with {@code @Bean} methods.
 *
 * <p>Per task message: parse (malformed: reject without requeue, so the broker dead-letters it),
 * look up the fitness cache, otherwise evaluate, publish the result with publisher confirms and
 * {@code mandatory}, and only then acknowledge the task. A result that is not confirmed, or that
 * comes back unroutable, turns into a nack with requeue; the task queue's delivery limit bounds the
 * retries. Results are therefore delivered at least once: consumers of the results queue must be
 * idempotent per task id.
 */
package io.msenas.worker.service;
