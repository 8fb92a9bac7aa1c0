// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.time.LocalDateTime;
import org.jdbi.v3.core.Handle;

/** Appends to the audit log inside the caller's transaction, so a change and its audit row commit or fail together. */
final class Audit {
  private Audit() {}

  static void record(Handle h, Clock clock, Principal who, String ip, String action, String entity, Object entityId, String detail) {
    h.createUpdate("INSERT INTO audit_log(at, actor, action, entity, entity_id, detail, remote_addr) "
            + "VALUES (:at, :actor, :action, :entity, :eid, :detail, :ip)")
        .bind("at", LocalDateTime.now(clock)).bind("actor", who == null ? "system" : who.username())
        .bind("action", action).bind("entity", entity).bind("eid", entityId == null ? null : String.valueOf(entityId))
        .bind("detail", detail.length() > 4000 ? detail.substring(0, 4000) : detail).bind("ip", ip == null ? "" : ip)
        .execute();
  }
}
