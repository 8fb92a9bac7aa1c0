// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger that keeps {@code refill_due} (the dashboard's next-refill row per patient) equal to
 * what the patient's latest refill says, in the same transaction as every insert, update or delete
 * of a refill. Used by migration V4 on H2; PostgreSQL has the same logic in plpgsql.
 */
public final class RefillDueTrigger implements Trigger {
  /** Same expression as the PostgreSQL trigger: the conservative alarm date unless the refill-by date comes more than the buffer earlier. */
  static final String RECOMPUTE = "INSERT INTO refill_due(patient_id, refill_id, refill_by, due_at) "
      + "SELECT r.patient_id, r.id, r.refill_by, CASE WHEN r.conservative_alarm_at IS NOT NULL "
      + "AND r.conservative_alarm_at <= r.refill_by + INTERVAL '7' DAY THEN r.conservative_alarm_at ELSE r.refill_by END "
      + "FROM refill r WHERE r.patient_id = ? ORDER BY r.at DESC, r.id DESC LIMIT 1";
  private int patientColumn = -1;

  /** Creates the trigger (H2 instantiates it by name). */
  public RefillDueTrigger() {}

  /** Finds the position of {@code patient_id} in the refill row. */
  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT ORDINAL_POSITION FROM INFORMATION_SCHEMA.COLUMNS "
        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = 'PATIENT_ID'")) {
      ps.setString(1, schemaName);
      ps.setString(2, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("refill_due trigger: no PATIENT_ID column in " + schemaName + "." + tableName);
        }
        patientColumn = rs.getInt(1) - 1;
      }
    }
  }

  /** Recomputes the row of the patient of the old and of the new refill row. */
  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    Long before = oldRow == null ? null : ((Number) oldRow[patientColumn]).longValue();
    Long after = newRow == null ? null : ((Number) newRow[patientColumn]).longValue();
    if (after != null) {
      recompute(conn, after);
    }
    if (before != null && !before.equals(after)) {
      recompute(conn, before);
    }
  }

  private static void recompute(Connection conn, long patient) throws SQLException {
    try (PreparedStatement del = conn.prepareStatement("DELETE FROM refill_due WHERE patient_id = ?");
        PreparedStatement ins = conn.prepareStatement(RECOMPUTE)) {
      del.setLong(1, patient);
      del.executeUpdate();
      ins.setLong(1, patient);
      ins.executeUpdate();
    }
  }
}
