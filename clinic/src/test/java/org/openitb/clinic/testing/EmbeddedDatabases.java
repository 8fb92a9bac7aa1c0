// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.openitb.clinic.ClinicConfig;

/**
 * Fresh clinic databases for tests (the clinic's own and the cli's, through the clinic's test-jar):
 * an H2 file database in a new temporary directory, or a new, empty database in the one embedded
 * PostgreSQL of the test JVM (started on first use, stopped at exit).
 */
public final class EmbeddedDatabases {
  /** The fixed clock the tests run on: 2026-11-24 09:00 UTC. */
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
  private static final AtomicInteger DBS = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private EmbeddedDatabases() {}

  /** A new temporary directory named "openitb-" + {@code name} + a random suffix. */
  public static Path tempDir(String name) {
    try {
      return Files.createTempDirectory("openitb-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An H2 file database in {@code dir}, on {@code clock}. */
  public static ClinicConfig h2(Path dir, Clock clock) {
    return ClinicConfig.embedded(dir, clock);
  }

  /**
   * A new, empty database named {@code prefix} + a counter in this JVM's embedded PostgreSQL
   * (started on first use, stopped at exit), on {@code clock}.
   */
  public static synchronized ClinicConfig postgres(String prefix, Clock clock) {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
      }
      String db = prefix + DBS.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE " + db);
      }
      return ClinicConfig.database(postgres.getJdbcUrl("postgres", db), "postgres", "postgres", clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
