package io.msenas.api.store;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored evaluation of an individual (column {@code individual.result}), kept out of {@link
 * IndividualEntity} so that no other read of individuals carries it (that class says why).
 */
@Component
public class IndividualResults {

  private final JdbcClient jdbc;

  public IndividualResults(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores an individual's evaluation, a JSON document. The individual's row must exist in the
   * database already: flush a newly persisted entity first.
   */
  public void store(UUID individualId, String resultJson) {
    int updated =
        jdbc.sql("update individual set result = cast(:result as jsonb) where id = :id")
            .param("result", resultJson)
            .param("id", individualId)
            .update();
    if (updated != 1) {
      throw new IllegalStateException("no individual " + individualId + " to store a result for");
    }
  }

  /** An individual's stored evaluation, if it has one. */
  public Optional<String> find(UUID individualId) {
    return jdbc.sql("select result::text from individual where id = :id")
        .param("id", individualId)
        .query(String.class)
        .optional();
  }
}
