package io.msenas.api.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How evaluations are dispatched ({@code mse-nas.dispatch.*}).
 *
 * @param maxAttempts attempts per individual before it is marked failed and its task dead-lettered
 * @param lease how long a sent task may run before it is dispatched again
 * @param leaseCheckInterval how often expired leases are looked for
 * @param relayInterval how often the outbox is polled (it is also flushed right after each commit)
 * @param relayBatch outbox rows published per round
 */
@ConfigurationProperties("mse-nas.dispatch")
public record DispatchSettings(
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("10m") Duration lease,
    @DefaultValue("5s") Duration leaseCheckInterval,
    @DefaultValue("200ms") Duration relayInterval,
    @DefaultValue("200") int relayBatch) {

  public DispatchSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "mse-nas.dispatch.max-attempts must be >= 1, was " + maxAttempts);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("mse-nas.dispatch.lease must be positive, was " + lease);
    }
    if (relayBatch < 1) {
      throw new IllegalArgumentException(
          "mse-nas.dispatch.relay-batch must be >= 1, was " + relayBatch);
    }
  }
}
