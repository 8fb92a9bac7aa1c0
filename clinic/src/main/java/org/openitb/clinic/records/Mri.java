// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.device.PumpModel;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * MRI scans and their post-MRI checks (issue 9 defect 8; clinical.md 1.5: the magnet stalls the
 * rotor, delivery may resume hours later or not at all until the pump is interrogated).
 *
 * <p>A scan is checked against the implanted pump's MR labelling ({@link PumpModel#maxMriFieldMilliTesla()}).
 * A planned scan (after now) above the label is refused: book a scanner the pump is labelled for.
 * A scan that has already taken place above the label is recorded only with an explicit
 * acknowledgement ({@code outsideLabel: true}), marked, audited and its check ranked with that
 * reason: refusing the record of a scan that happened would hide it, and no post-MRI check would
 * fall due, the worst outcome for the patient.
 *
 * <p>A post-MRI check is closed only on evidence: the latest pump interrogation stored after the
 * scan (a session record the clinic ran or imported) must show the pump DELIVERING, and a
 * post-MRI section in it must confirm delivery resumed. Otherwise the check stays open and the
 * refusal names what is missing.
 */
public final class Mri {
  /** Field strengths a scan may be recorded with; each is then checked against the pump's label. */
  static final List<String> FIELD_STRENGTHS = List.of("1.5 T", "3 T");
  static final int MAX_CHECK_RESULT = 1000;
  static final String DELIVERING = "DELIVERING";
  private final Jdbi jdbi;
  private final java.time.Clock clock;

  public Mri(Jdbi jdbi, java.time.Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /** "1.5 T" -> 1500 mT. */
  static long milliTesla(String fieldStrength) {
    String number = fieldStrength.substring(0, fieldStrength.length() - 2);
    return new java.math.BigDecimal(number).movePointRight(3).longValueExact();
  }

  static String tesla(long milliTesla) {
    return java.math.BigDecimal.valueOf(milliTesla).movePointLeft(3).stripTrailingZeros().toPlainString() + " T";
  }

  /** Records an MRI scan (see the class comment for a field above the pump's label); a post-MRI check becomes due. */
  public Responses.MriScan record(long patient, Body b, Principal who, String ip, Records records) {
    LocalDateTime at = b.dateTime("scanAt", now());
    String field = b.text("fieldStrength", 16);
    if (!FIELD_STRENGTHS.contains(field)) {
      throw ApiException.badRequest("not a field strength the clinic records", "fieldStrength", field, String.join(", ", FIELD_STRENGTHS));
    }
    boolean acknowledged = b.bool("outsideLabel", false);
    long id = jdbi.inTransaction(h -> {
      Optional<Therapy> t = Therapy.load(h, patient);
      boolean outside = t.isPresent() && milliTesla(field) > t.get().pump().maxMriFieldMilliTesla();
      if (outside) {
        PumpModel pump = t.get().pump();
        String limit = tesla(pump.maxMriFieldMilliTesla());
        if (at.isAfter(now())) {
          throw ApiException.badRequest("the " + pump.name() + " is labelled MR conditional up to " + limit + " only: book the scan on a "
              + limit + " (or weaker) horizontal closed-bore scanner", "fieldStrength", field, "<= " + limit + " for a planned scan");
        }
        if (!acknowledged) {
          throw ApiException.badRequest("a " + field + " scan is outside the " + pump.name() + "'s MR labelling (<= " + limit + "): record it only "
              + "if it has taken place, acknowledge that it was outside the label, and interrogate the pump at once (motor stall, over- or "
              + "under-infusion)", "outsideLabel", "false", "true, acknowledging a scan outside the pump's label that has taken place");
        }
      }
      // one patient cannot be in two scans at one instant: the same scan again is a double submit or a second nurse
      // (the unique index mri_scan_once settles a race between two at once)
      Optional<Map<String, Object>> same = h.createQuery("SELECT id, field_strength FROM mri_scan WHERE patient_id = :p AND scan_at = :at")
          .bind("p", patient).bind("at", at).mapToMap().findFirst();
      if (same.isPresent()) {
        throw ApiException.conflict("the scan at " + at + " is already recorded for this patient (scan " + same.get().get("id") + ", "
            + same.get().get("field_strength") + "): nothing was saved; reload the record to see it");
      }
      long newId = h.createUpdate("INSERT INTO mri_scan(patient_id, scan_at, field_strength, outside_label, acknowledged_by) "
              + "VALUES (:p, :at, :f, :o, :by)")
          .bind("p", patient).bind("at", at).bind("f", field).bind("o", outside).bind("by", outside ? who.username() : null)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Audit.record(h, clock, who, ip, "create", "mri_scan", newId, "patient=" + patient + " scanAt=" + at + " field=" + field
          + (outside ? " OUTSIDE the " + t.get().pump().name() + "'s label (<= " + tesla(t.get().pump().maxMriFieldMilliTesla())
              + "), acknowledged by " + who.username() : ""));
      return newId;
    });
    return Responses.MriScan.of(records.one("mri_scan", id));
  }

  /** The interrogation that shows delivery resumed after a scan, or a refusal naming what is missing. */
  record Evidence(long sessionId, LocalDateTime at, String text) {}

  static Evidence evidence(Handle h, long patient, LocalDateTime scanAt) {
    Optional<Map<String, Object>> latest = h.createQuery("SELECT id, imported_at, body, pump_serial FROM session_record "
            + "WHERE patient_id = :p AND imported_at > :at ORDER BY imported_at DESC, id DESC LIMIT 1")
        .bind("p", patient).bind("at", scanAt).mapToMap().findOne();
    String scan = Text.dateTime(scanAt);
    if (latest.isEmpty()) {
      throw missing("no pump interrogation is stored after the scan at " + scan + ": interrogate the pump (Pump section: Post-MRI check, or "
          + "Interrogate pump) and record the check after it shows delivery resumed", "none after " + scan);
    }
    Map<String, Object> r = latest.get();
    long id = Rows.num(r.get("id"));
    LocalDateTime at = Rows.dateTime(r.get("imported_at"));
    String which = "the latest interrogation after the scan (session record " + id + ", " + Text.dateTime(at) + ")";
    JsonNode body;
    try {
      body = Body.MAPPER.readTree((String) r.get("body"));
    } catch (IOException e) {
      throw missing(which + " cannot be read: interrogate the pump again", "session record " + id + " unreadable");
    }
    JsonNode interrogations = body.path("interrogations");
    if (!interrogations.isArray() || interrogations.isEmpty()) {
      throw missing(which + " holds no interrogation: interrogate the pump", "session record " + id + " without an interrogation");
    }
    JsonNode last = interrogations.get(interrogations.size() - 1);
    if (r.get("pump_serial") == null) {
      // An imported record counts from the pump's own time of its interrogation, not from when it was imported.
      LocalDateTime pumpTime = pumpLocalTime(last.path("pumpLocalTime").asText(""));
      if (pumpTime == null || !pumpTime.isAfter(scanAt)) {
        throw missing(which + " was imported, but its interrogation was made at " + (pumpTime == null ? "an unknown time" : Text.dateTime(pumpTime))
            + ", not after the scan at " + scan + ": interrogate the pump", "interrogated " + (pumpTime == null ? "?" : Text.dateTime(pumpTime)));
      }
    }
    String delivery = last.path("delivery").asText("");
    if (!DELIVERING.equals(delivery)) {
      throw missing(which + " shows the pump " + (delivery.isEmpty() ? "in an unknown state" : delivery) + ", not DELIVERING: delivery has not "
          + "resumed; the patient is not receiving baclofen. Interrogate again, and act before the patient leaves", "delivery " + delivery);
    }
    JsonNode mri = body.path("postMri");
    if (mri.isObject() && !mri.path("deliveryConfirmed").asBoolean(false)) {
      throw missing(which + " is a post-MRI check that did not confirm delivery resumed (a motor stall without recovery): interrogate again",
          "deliveryConfirmed false");
    }
    return new Evidence(id, at, "session record " + id + " at " + Text.dateTime(at) + ": pump DELIVERING"
        + (mri.isObject() ? ", post-MRI check confirmed delivery" : ""));
  }

  private static LocalDateTime pumpLocalTime(String iso) {
    try {
      return iso.isEmpty() ? null : LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ApiException missing(String why, String value) {
    return ApiException.badRequest("the post-MRI check needs a pump interrogation after the scan that shows delivery resumed: " + why,
        "interrogation", value, "a pump interrogation stored after the scan, showing the pump DELIVERING");
  }

  /**
   * Records the post-MRI check of a scan once, on the evidence of the latest interrogation after it; a scan already checked
   * is refused (409) and keeps its first result.
   */
  public Responses.MriScan check(long patient, long scan, Body b, Principal who, String ip, Records records) {
    String result = b.text("result", MAX_CHECK_RESULT);
    // The test and the update in one transaction, the update guarded by "not yet checked": of two checks racing, one
    // records its result and the other is told the scan was already checked, never that it does not exist.
    jdbi.useTransaction(h -> {
      Map<String, Object> row = h.createQuery("SELECT patient_id, scan_at, checked_at, check_result FROM mri_scan WHERE id = :id").bind("id", scan)
          .mapToMap().findOne().filter(r -> Rows.num(r.get("patient_id")) == patient)
          .orElseThrow(() -> ApiException.notFound("mri_scan " + scan + " of patient " + patient));
      if (row.get("checked_at") != null) {
        throw alreadyChecked(scan, row);
      }
      Evidence e = evidence(h, patient, Rows.dateTime(row.get("scan_at")));
      int n = h.createUpdate("UPDATE mri_scan SET checked_at = :now, check_result = :r, checked_by = :by, check_session_id = :s "
              + "WHERE id = :id AND patient_id = :p AND checked_at IS NULL")
          .bind("now", now()).bind("r", result).bind("by", who.username()).bind("s", e.sessionId()).bind("id", scan).bind("p", patient).execute();
      if (n == 0) {
        throw alreadyChecked(scan, h.createQuery("SELECT checked_at, check_result FROM mri_scan WHERE id = :id").bind("id", scan).mapToMap().one());
      }
      Audit.record(h, clock, who, ip, "update", "mri_scan", scan, "patient=" + patient + " post-MRI check: " + result + " [evidence: " + e.text() + "]");
    });
    return Responses.MriScan.of(records.one("mri_scan", scan));
  }

  private static ApiException alreadyChecked(long scan, Map<String, Object> first) {
    return new ApiException(409, "MRI scan " + scan + " was already checked at " + Rows.value(first.get("checked_at")) + ": "
        + first.get("check_result") + "; its first result stands", "scanId", Long.toString(scan), "a scan not yet checked");
  }
}
