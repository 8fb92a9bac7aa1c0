// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2 trigger that keeps the audit log append-only: every UPDATE or DELETE of a row is refused. Used by migration V3 on H2. */
public final class AuditGuardTrigger implements Trigger {
  /** Creates the trigger (H2 instantiates it by name). */
  public AuditGuardTrigger() {}

  /** Refuses the change. */
  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("audit_log is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused");
  }
}
