package org.openitb.clinic;

import org.jdbi.v3.core.Handle;

class PostgresAuditChainTest extends AuditChainContract {
  @Override
  ClinicConfig config() {
    return TestSupport.postgres();
  }

  @Override
  void dropGuards(Handle h) {
    h.execute("DROP TRIGGER audit_log_no_update ON audit_log");
  }
}
