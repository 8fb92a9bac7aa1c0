// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.planning.Planning;

/**
 * Everything patient.html shows of one patient, read in one transaction on one connection: one
 * connection checkout instead of ten. The lists are read at the databases' default READ COMMITTED,
 * so a refill committed between two of the reads can show in one list and not yet in the next; the
 * page reloads after every change made from it, which shows both.
 */
public final class PatientPage {
  private final Jdbi jdbi;
  private final Planning planning;

  public PatientPage(Jdbi jdbi, Planning planning) {
    this.jdbi = jdbi;
    this.planning = planning;
  }

  /** The patient's record, history (each list newest first, ties by id), imported session list and plan; 404 when there is no such patient. */
  public Responses.PatientPage read(long id) {
    return jdbi.inTransaction(h -> {
      Map<String, Object> row = h.createQuery("SELECT * FROM patient WHERE id = :id").bind("id", id).mapToMap()
          .findOne().orElseThrow(() -> ApiException.notFound("patient " + id));
      return new Responses.PatientPage(Responses.Patient.of(row),
          history(h, "implant", id, "implant_date DESC, id DESC").stream().map(Responses.Implant::of).toList(),
          history(h, "prescription", id, "start_at DESC, id DESC").stream().map(Responses.Prescription::of).toList(),
          history(h, "refill", id, "at DESC, id DESC").stream().map(Responses.Refill::of).toList(),
          Records.withSuggestions(Responses.Patient.of(row), history(h, "screening_trial", id, "at DESC, id DESC")),
          history(h, "alarm", id, "at DESC, id DESC").stream().map(Responses.Alarm::of).toList(),
          history(h, "mri_scan", id, "scan_at DESC, id DESC").stream().map(Responses.MriScan::of).toList(),
          history(h, "replacement", id, "eri_date DESC, id DESC").stream().map(Responses.Replacement::of).toList(),
          h.createQuery("SELECT id, imported_at, schema_version, imported_by, pump_serial "
              + "FROM session_record WHERE patient_id = :p ORDER BY imported_at DESC, id DESC").bind("p", id).mapToMap().list()
              .stream().map(Responses.SessionSummary::of).toList(),
          planning.items(h, id, Planning.MAX_LIMIT).stream().map(Planning.Item::json).toList());
    });
  }

  /** The rows of one history table (a constant of this class, never user input) of one patient. */
  private static List<Map<String, Object>> history(Handle h, String table, long patient, String order) {
    return h.createQuery("SELECT * FROM " + table + " WHERE patient_id = :p ORDER BY " + order)
        .bind("p", patient).mapToMap().list();
  }
}
