// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything patient.html shows of one patient, read in one transaction on one connection: one
 * connection checkout instead of ten. The lists are read at the databases' default READ COMMITTED,
 * so a refill committed between two of the reads can show in one list and not yet in the next; the
 * page reloads after every change made from it, which shows both.
 */
final class PatientPage {
  /** Each history list with its order: newest first, ties by id so the order is stable. */
  private static final List<String[]> HISTORY = List.of(
      new String[] {"implants", "implant", "implant_date DESC, id DESC"},
      new String[] {"prescriptions", "prescription", "start_at DESC, id DESC"},
      new String[] {"refills", "refill", "at DESC, id DESC"},
      new String[] {"alarms", "alarm", "at DESC, id DESC"},
      new String[] {"mri_scans", "mri_scan", "scan_at DESC, id DESC"},
      new String[] {"replacements", "replacement", "eri_date DESC, id DESC"});
  private final Jdbi jdbi;
  private final Planning planning;

  PatientPage(Jdbi jdbi, Planning planning) {
    this.jdbi = jdbi;
    this.planning = planning;
  }

  /** The patient's record, history, imported session list and plan; 404 when there is no such patient. */
  Map<String, Object> read(long id) {
    return jdbi.inTransaction(h -> {
      Map<String, Object> out = new LinkedHashMap<>(h.createQuery("SELECT * FROM patient WHERE id = :id").bind("id", id).mapToMap()
          .findOne().map(Rows::clean).orElseThrow(() -> ApiException.notFound("patient " + id)));
      for (String[] list : HISTORY) {
        out.put(list[0], history(h, list[1], id, list[2]));
      }
      out.put("trials", Records.withSuggestions(out, history(h, "screening_trial", id, "at DESC, id DESC")));
      out.put("sessions", Rows.cleanAll(h.createQuery("SELECT id, imported_at, schema_version, imported_by "
          + "FROM session_record WHERE patient_id = :p ORDER BY imported_at DESC, id DESC").bind("p", id).mapToMap().list()));
      out.put("plan", planning.items(h, id, Planning.MAX_LIMIT).stream().map(Planning.Item::json).toList());
      return out;
    });
  }

  private static List<Map<String, Object>> history(Handle h, String table, long patient, String order) {
    return Rows.cleanAll(h.createQuery("SELECT * FROM " + table + " WHERE patient_id = :p ORDER BY " + order)
        .bind("p", patient).mapToMap().list());
  }
}
