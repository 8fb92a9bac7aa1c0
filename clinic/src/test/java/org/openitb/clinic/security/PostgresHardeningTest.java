// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.store.Database;

class PostgresHardeningTest extends HardeningContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }

  @Override
  boolean postgres() {
    return true;
  }

  /** Issue 10.8: as the account the server uses, the audit log cannot be emptied, edited, unguarded or dropped. */
  @org.junit.jupiter.api.Test
  void theServersRoleCannotAlterTheAuditLog() {
    String user = server.jdbi().withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one());
    assertThat(user).isEqualTo(Database.SERVER_ROLE);
    for (String sql : new String[] {"TRUNCATE audit_log", "DELETE FROM audit_log", "UPDATE audit_log SET detail = 'x'",
        "DROP TRIGGER audit_log_no_update ON audit_log", "DROP TABLE audit_log", "ALTER TABLE audit_log DISABLE TRIGGER ALL"}) {
      assertThatThrownBy(() -> server.jdbi().useHandle(h -> h.execute(sql))).as(sql)
          .satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("permission denied"), e -> assertThat(e).hasMessageContaining("must be owner"));
    }
  }
}
