package io.msenas.api.web;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code Idempotency-Key} rules shared by the job tables that accept one ({@code training_job},
 * {@code study_job}): each has {@code tenant_id}, {@code idempotency_key} and {@code request_hash}
 * columns, unique on (tenant, key).
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /**
   * Checks the header's form.
   *
   * @throws BadRequestException when it is blank or longer than 200 characters
   */
  public static void requireValid(String key) {
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw new BadRequestException("Idempotency-Key", key, "must be 1 to 200 characters");
    }
  }

  /**
   * The job stored earlier under this tenant and key, if any.
   *
   * @param table the job table, one of this project's (never client input)
   * @param kind what the job is called in the conflict message, e.g. {@code training}
   * @throws ConflictException when the key was used with a different request body
   */
  public static Optional<UUID> find(
      JdbcClient jdbc, String table, String kind, String tenant, String key, String requestHash) {
    if (key == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select id, request_hash from "
                + table
                + " where tenant_id = :tenant and idempotency_key = :key")
        .param("tenant", tenant)
        .param("key", key)
        .query(
            (rs, i) -> {
              if (!rs.getString("request_hash").equals(requestHash)) {
                throw new ConflictException(
                    "idempotency-key-reused",
                    "Idempotency-Key '"
                        + key
                        + "' was used for "
                        + kind
                        + " "
                        + rs.getObject("id", UUID.class)
                        + " with a different body");
              }
              return rs.getObject("id", UUID.class);
            })
        .optional();
  }
}
