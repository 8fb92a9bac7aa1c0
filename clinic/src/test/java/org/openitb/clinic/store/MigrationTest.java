// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.TestSupport;

/** Migrations on an empty database and on a database left at V1 with data, on H2 and PostgreSQL. */
class MigrationTest {
  static final String LATEST = "21";

  static ClinicConfig config(String db) {
    return db.equals("h2") ? TestSupport.h2(TestSupport.tempDir("migration")) : TestSupport.postgres();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void migratesAnEmptyDatabaseToTheLatestVersion(String db) {
    ClinicConfig cfg = config(db);
    try (ClinicServer s = ClinicServer.start(cfg)) {
      assertThat(version(s.jdbi())).isEqualTo(LATEST);
      long patients = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient").mapTo(Long.class).one());
      assertThat(patients).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void migratesAVersionOneDatabaseWithItsData(String db) {
    ClinicConfig cfg = config(db);
    HikariDataSource pool = Database.pool(cfg.jdbcUrl(), cfg.user(), cfg.password());
    try {
      Database.migrate(pool, cfg.isPostgres(), "1");
      Jdbi v1 = Jdbi.create(pool);
      assertThat(version(v1)).isEqualTo("1");
      v1.useHandle(h -> {
        h.createUpdate("INSERT INTO patient(mrn, name, etiology, age_group, weight_grams, version, created_at) "
            + "VALUES ('OLD-1', 'Old Patient', 'CEREBRAL', 'ADULT', 61000, 4, :at)").bind("at", LocalDateTime.of(2024, 1, 2, 3, 4)).execute();
        h.createUpdate("INSERT INTO audit_log(at, actor, action, entity, entity_id, detail, remote_addr) "
            + "VALUES (:at, 'old', 'create', 'patient', '1', 'from v1', '10.0.0.1')").bind("at", LocalDateTime.of(2024, 1, 2, 3, 4)).execute();
        // At V1 nothing guards the audit log yet.
        h.execute("UPDATE audit_log SET detail = 'from v1 (edited before the guard)'");
      });
    } finally {
      pool.close();
    }
    try (ClinicServer s = ClinicServer.start(cfg)) {
      assertThat(version(s.jdbi())).isEqualTo(LATEST);
      DemoClinic.seed(s.jdbi(), TestSupport.CLOCK, 0);
      TestSupport.Client c = TestSupport.Client.login(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      JsonNode found = TestSupport.json(c.get("/api/patients?q=OLD-1").body()).get(0);
      JsonNode p = TestSupport.json(c.get("/api/patients/" + found.get("id").asLong()).body());
      assertThat(p.get("name").asText()).isEqualTo("Old Patient");
      assertThat(p.get("weightGrams").asLong()).isEqualTo(61_000L);
      assertThat(p.get("version").asLong()).isEqualTo(4);
      assertThat(p.get("notes").asText()).isEmpty();
      assertThat(p.get("trials")).isEmpty();
      // H2: the trigger refuses; PostgreSQL: the server's role has no DELETE on the audit log at all
      assertThatThrownBy(() -> s.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log")))
          .hasMessageContaining(cfg.isPostgres() ? "permission denied for table audit_log" : "append-only");
    }
  }

  static String version(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE "
        + "ORDER BY \"installed_rank\" DESC LIMIT 1").mapTo(String.class).one());
  }
}
