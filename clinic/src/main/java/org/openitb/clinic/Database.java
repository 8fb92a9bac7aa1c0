package org.openitb.clinic;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** Opens the pooled data source for a JDBC URL and applies the Flyway migrations. */
final class Database {
  static final int MAX_CONNECTIONS = 32;

  private Database() {}

  /** A small connection pool for H2 or PostgreSQL. */
  static JdbcConnectionPool pool(ClinicConfig config) {
    if (config.isPostgres()) {
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      pg.setURL(config.jdbcUrl());
      pg.setUser(config.user());
      pg.setPassword(config.password());
      JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
      pool.setMaxConnections(MAX_CONNECTIONS);
      return pool;
    }
    if (!config.jdbcUrl().startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("unsupported JDBC URL " + config.jdbcUrl()
          + ": use jdbc:h2:file:... (embedded) or jdbc:postgresql://host/db");
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(config.jdbcUrl());
    h2.setUser(config.user());
    h2.setPassword(config.password());
    JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
    pool.setMaxConnections(MAX_CONNECTIONS);
    return pool;
  }

  /** Migrates to the latest version (or to {@code target} when not null, for migration tests). */
  static void migrate(DataSource ds, boolean postgres, String target) {
    var cfg = Flyway.configure().dataSource(ds)
        .locations("classpath:db/migration", postgres ? "classpath:db/vendor/postgresql" : "classpath:db/vendor/h2");
    if (target != null) {
      cfg = cfg.target(MigrationVersion.fromVersion(target));
    }
    cfg.load().migrate();
  }

  static Jdbi jdbi(DataSource ds) {
    return Jdbi.create(ds);
  }
}
