package io.msenas.cli.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (binaries unpacked from Maven) in a temporary data folder, listening on
 * 127.0.0.1, for as long as this object lives: the schema and data of one {@code mse-nas run}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL on a free port with a new, empty data folder.
   *
   * @return the running server
   * @throws IllegalStateException if it does not start
   */
  public static EmbeddedDatabase start() {
    Path data = null;
    try {
      data = Files.createTempDirectory("mse-nas-postgres");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              // the CLI stops the server itself, after the services that use it
              .setRegisterShutdownHook(false)
              .setPort(Folders.freePort())
              .start();
      return new EmbeddedDatabase(postgres, data);
    } catch (IOException | RuntimeException e) {
      Folders.deleteQuietly(data);
      throw new IllegalStateException(
          "the embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /** JDBC URL of the {@code postgres} database, user {@code postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:"
        + postgres.getPort()
        + "/postgres?reWriteBatchedInserts=true";
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      // the server is gone or going; its data folder is temporary
    } finally {
      Folders.deleteQuietly(dataDirectory);
    }
  }
}
