// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import org.jdbi.v3.core.Handle;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;

class PostgresAuditChainTest extends AuditChainContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }

  @Override
  void dropGuards(Handle h) {
    h.execute("DROP TRIGGER audit_log_no_update ON audit_log");
  }
}
