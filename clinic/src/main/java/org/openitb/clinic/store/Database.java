// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;

/** Opens the pooled data source for a JDBC URL and applies the Flyway migrations. */
public final class Database {
  static final int MAX_CONNECTIONS = 32;
  /**
   * Parsed statements H2 keeps per connection. Its default, 8, is fewer than the distinct
   * statements of one patient page (about 15), so every query would be parsed again.
   */
  static final int H2_QUERY_CACHE = 256;
  /**
   * H2 writes a committed transaction to its file only after this many milliseconds by default
   * (500): a process killed in between loses writes that had already been answered 2xx. 0 writes
   * at each commit, so a 2xx means the commit reached the file.
   *
   * <p>Why 0 gets each commit into the file before it returns (H2 2.5.252, read in its source;
   * needed, but not enough without {@link #H2_REUSE_SPACE}): a commit ends in
   * {@code TransactionStore.endTransaction}, which with an auto-commit delay of 0 calls
   * {@code MVStore.commit()} in the committing thread. That takes the store lock and stores the
   * changed pages ({@code store(true)} then {@code FileStore.storeIt}); with a delay of 0 H2 has
   * no background writer and no serialisation or save executors ({@code Store} opens the file
   * with auto-commit disabled and {@code setWriteDelay(0)} starts none), so
   * {@code submitOrRun} runs the chunk's write ({@code FileChannel} write of the chunk, then the
   * file header when needed) before the commit returns. A kill keeps what was written (the OS
   * holds it; a power cut would also need fsync). If another thread's store began meanwhile the
   * commit skips its own, but only after waiting for that store under the store lock, and that
   * store collected the map roots after this commit's changes. On top, the server lets one
   * state-changing request write at a time ({@code ClinicApi}). CrashTest kills a server among
   * its writes and a writer among thousands of commits; with a delay of 500 the latter fails.
   */
  static final int H2_WRITE_DELAY = 0;
  /**
   * H2 setting: false appends every chunk to the end of the file instead of writing it into the
   * space of chunks no longer used (H2's default, once they are older than its 45 s retention
   * time). A kill while a commit goes into such space made reopening fall back to an older
   * version: commits answered before the kill were lost (CrashTest's writer, with the retention
   * time shortened, in every run; the server once in 5 runs under load, where a round outlasted the
   * 45 s). The likely path in H2's source: the chunk is written into the old chunk's place before
   * the file header that stops pointing through that place, so the chain of chunks read on
   * reopening breaks there. Appending never overwrites a chunk. The price: the file grows with
   * every commit while the database is open; H2 compacts it when the database closes.
   */
  static final boolean H2_REUSE_SPACE = false;
  /** How long an H2 transaction waits for a row lock (the audit chain's head serialises appends). */
  static final int H2_LOCK_TIMEOUT_MS = 10_000;
  /** PostgreSQL: a commit returns only once its WAL is flushed (whatever the server's default). */
  static final String POSTGRES_DURABLE = "SET synchronous_commit = on";
  /**
   * PostgreSQL: the role the server's connections act as after the migrations ran as the owner. It
   * may read and write the records but not UPDATE, DELETE or TRUNCATE the audit log, nor drop or
   * alter anything (it owns nothing).
   */
  public static final String SERVER_ROLE = "itb_server";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  private Database() {}

  /**
   * A HikariCP pool for H2 or PostgreSQL. Not H2's own JdbcConnectionPool: that rolls back on every
   * checkout and return, which in H2 2.5 empties the session's parsed-statement cache (a fifth of
   * the server's CPU went to parsing) and on PostgreSQL costs two round trips per request.
   */
  public static HikariDataSource pool(String jdbcUrl, String user, String password) {
    return pool(jdbcUrl, user, password, false);
  }

  /**
   * Migrates as the configured (owning) account, then opens the server's pool: on PostgreSQL its
   * connections act as {@value #SERVER_ROLE} when that role could be set up.
   */
  public static HikariDataSource serverPool(String jdbcUrl, String user, String password) {
    boolean role;
    try (HikariDataSource owner = pool(jdbcUrl, user, password, false)) {
      migrate(owner, isPostgres(jdbcUrl), null);
      role = isPostgres(jdbcUrl) && serverRole(owner);
    }
    return pool(jdbcUrl, user, password, role);
  }

  /** Whether a JDBC URL names a PostgreSQL database (else embedded H2). */
  public static boolean isPostgres(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** Creates (if needed) and grants the server role; false (and a warning) when the owner may not. */
  static boolean serverRole(DataSource owner) {
    String r = SERVER_ROLE;
    for (int attempt = 1; ; attempt++) {
      try (java.sql.Connection c = owner.getConnection(); java.sql.Statement st = c.createStatement()) {
        st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + r + "') THEN CREATE ROLE " + r
            + " NOLOGIN; END IF; END $$");
        st.execute("GRANT " + r + " TO CURRENT_USER");
        st.execute("GRANT USAGE ON SCHEMA public TO " + r);
        st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + r);
        st.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM " + r);
        st.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + r);
        return true;
      } catch (java.sql.SQLException e) {
        if (attempt < 2) {
          continue; // another server of the same cluster may have created the role at the same moment
        }
        LOG.warn("cannot set up the PostgreSQL role {} (the account needs CREATEROLE, or a DBA creates the role and grants it): "
            + "the server runs as the migrating account, which can alter the audit log; {}", r, e.getMessage());
        return false;
      }
    }
  }

  private static HikariDataSource pool(String jdbcUrl, String user, String password, boolean serverRole) {
    HikariConfig hc = new HikariConfig();
    if (isPostgres(jdbcUrl)) {
      hc.setJdbcUrl(jdbcUrl);
      hc.setConnectionInitSql((serverRole ? "SET ROLE " + SERVER_ROLE + "; " : "") + POSTGRES_DURABLE);
    } else if (jdbcUrl.startsWith("jdbc:h2:")) {
      String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
      for (String durability : new String[] {"WRITE_DELAY", "REUSE_SPACE"}) {
        if (upper.contains(durability)) {
          throw new IllegalArgumentException("the H2 URL sets " + durability + ": the clinic sets it (WRITE_DELAY=" + H2_WRITE_DELAY
              + ", REUSE_SPACE=" + H2_REUSE_SPACE + ") so that an answered write survives a killed process; remove it from " + jdbcUrl);
        }
      }
      hc.setJdbcUrl(jdbcUrl + (upper.contains("QUERY_CACHE_SIZE") ? "" : ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE)
          + ";WRITE_DELAY=" + H2_WRITE_DELAY + ";REUSE_SPACE=" + String.valueOf(H2_REUSE_SPACE).toUpperCase(java.util.Locale.ROOT)
          + (upper.contains("LOCK_TIMEOUT") ? "" : ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MS));
    } else {
      throw new IllegalArgumentException("unsupported JDBC URL " + jdbcUrl
          + ": use jdbc:h2:file:... (embedded) or jdbc:postgresql://host/db");
    }
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setMaximumPoolSize(MAX_CONNECTIONS);
    hc.setPoolName("openitb-clinic");
    return new HikariDataSource(hc);
  }

  /** Migrates to the latest version (or to {@code target} when not null, for migration tests). */
  public static void migrate(DataSource ds, boolean postgres, String target) {
    var cfg = Flyway.configure().dataSource(ds)
        .locations("classpath:db/migration", postgres ? "classpath:db/vendor/postgresql" : "classpath:db/vendor/h2");
    if (target != null) {
      cfg = cfg.target(MigrationVersion.fromVersion(target));
    }
    cfg.load().migrate();
  }

  public static Jdbi jdbi(DataSource ds) {
    return Jdbi.create(ds);
  }
}
