// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.time.LocalDateTime;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The one INSERT of a programmer session record, shared by the import API, the clinic's own pump
 * sessions and the demo seeder: {@code pumpSerial} and {@code lastPumpEvent} (V6) are set only by
 * the clinic's sessions, which know how far they read the pump's log.
 */
public final class SessionRecordRows {
  private SessionRecordRows() {}

  public static Update insert(Handle h, long patient, LocalDateTime at, long schemaVersion, String body, String importedBy, String pumpSerial,
      Long lastPumpEvent) {
    return h.createUpdate("INSERT INTO session_record(patient_id, imported_at, schema_version, body, imported_by, pump_serial, "
            + "last_pump_event) VALUES (:p, :at, :v, :b, :by, :serial, :seen)")
        .bind("p", patient).bind("at", at).bind("v", schemaVersion).bind("b", body).bind("by", importedBy)
        .bind("serial", pumpSerial).bind("seen", lastPumpEvent);
  }
}
