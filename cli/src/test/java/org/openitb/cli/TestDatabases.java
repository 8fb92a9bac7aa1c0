package org.openitb.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.openitb.clinic.ClinicConfig;

/** Fresh clinic databases for the cli's tests: an H2 file database, or a new database in one embedded PostgreSQL per test JVM. */
final class TestDatabases {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
  private static final AtomicInteger DBS = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static ClinicConfig h2() {
    try {
      return ClinicConfig.embedded(Files.createTempDirectory("openitb-cli-h2"), CLOCK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty database in this JVM's embedded PostgreSQL (started on first use, stopped at exit). */
  static synchronized ClinicConfig postgres() {
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
      String db = "clinic_cli" + DBS.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE " + db);
      }
      return ClinicConfig.database(postgres.getJdbcUrl("postgres", db), "postgres", "postgres", CLOCK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
