// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import org.jdbi.v3.core.Handle;

class PostgresAuditChainTest extends AuditChainContract {
  ClinicConfig pg;

  @Override
  ClinicConfig config() {
    pg = TestSupport.postgres();
    return pg;
  }

  @Override
  org.jdbi.v3.core.Jdbi owner() {
    return org.jdbi.v3.core.Jdbi.create(pg.jdbcUrl(), pg.user(), pg.password());
  }

  @Override
  void dropGuards(Handle h) {
    h.execute("DROP TRIGGER audit_log_no_update ON audit_log");
  }
}
