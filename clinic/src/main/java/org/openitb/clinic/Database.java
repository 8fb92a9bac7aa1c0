// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;

/** Opens the pooled data source for a JDBC URL and applies the Flyway migrations. */
final class Database {
  static final int MAX_CONNECTIONS = 32;
  /**
   * Parsed statements H2 keeps per connection. Its default, 8, is fewer than the distinct
   * statements of one patient page (about 15), so every query would be parsed again.
   */
  static final int H2_QUERY_CACHE = 256;

  private Database() {}

  /**
   * A HikariCP pool for H2 or PostgreSQL. Not H2's own JdbcConnectionPool: that rolls back on every
   * checkout and return, which in H2 2.5 empties the session's parsed-statement cache (a fifth of
   * the server's CPU went to parsing) and on PostgreSQL costs two round trips per request.
   */
  static HikariDataSource pool(ClinicConfig config) {
    HikariConfig hc = new HikariConfig();
    if (config.isPostgres()) {
      hc.setJdbcUrl(config.jdbcUrl());
    } else if (config.jdbcUrl().startsWith("jdbc:h2:")) {
      hc.setJdbcUrl(config.jdbcUrl() + (config.jdbcUrl().toUpperCase(java.util.Locale.ROOT).contains("QUERY_CACHE_SIZE") ? ""
          : ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE));
    } else {
      throw new IllegalArgumentException("unsupported JDBC URL " + config.jdbcUrl()
          + ": use jdbc:h2:file:... (embedded) or jdbc:postgresql://host/db");
    }
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(MAX_CONNECTIONS);
    hc.setPoolName("openitb-clinic");
    return new HikariDataSource(hc);
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
