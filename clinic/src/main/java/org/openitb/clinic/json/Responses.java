// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.openitb.clinic.records.PatientPage;
import org.openitb.clinic.store.Rows;

/**
 * What the JSON API answers: one record per response shape, every key camelCase (as requests
 * are), each documented under the same name in openapi.yaml's components.schemas and checked
 * against it by the contract tests. A database row becomes a record here, column by column, so
 * a column added to a table never leaks into the API unnamed. Times are clinic-local ISO text
 * ({@code 2026-11-20T09:00}), dates ISO dates.
 */
public final class Responses {
  private Responses() {}

  /** Typed reads of one database row (keys in any case), times and dates as ISO text. */
  public record Row(Map<String, Object> raw) {
    public static Row of(Map<String, Object> row) {
      Map<String, Object> m = new java.util.HashMap<>();
      row.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), v));
      return new Row(m);
    }

    long num(String column) {
      return Rows.num(raw.get(column));
    }

    Long optNum(String column) {
      Object v = raw.get(column);
      return v == null ? null : Rows.num(v);
    }

    String text(String column) {
      Object v = raw.get(column);
      return v == null ? null : Rows.value(v).toString();
    }

    boolean bool(String column) {
      return Boolean.TRUE.equals(raw.get(column));
    }
  }

  /** A patient's record: what PUT /api/patients/{id} takes back (weight as text with its unit, version). */
  public record Patient(long id, String mrn, String name, String etiology, String ageGroup, String weight, long weightGrams, String notes,
      String dateOfBirth, String catheterTip, String contact, long version, long therapyVersion, String createdAt) {
    public static Patient of(Map<String, Object> row) {
      Row r = Row.of(row);
      long grams = r.num("weight_grams");
      return new Patient(r.num("id"), r.text("mrn"), r.text("name"), r.text("etiology"), r.text("age_group"), weightText(grams), grams,
          r.text("notes"), r.text("date_of_birth"), r.text("catheter_tip"), r.text("contact"), r.num("version"), r.num("therapy_version"),
          r.text("created_at"));
    }
  }

  /** A weight as the patient form takes it: "62.5 kg". */
  static String weightText(long grams) {
    return BigDecimal.valueOf(grams).movePointLeft(3).stripTrailingZeros().toPlainString() + " kg";
  }

  /** One line of a patient search. */
  public record PatientSummary(long id, String mrn, String name, String etiology, String ageGroup, String dateOfBirth, long version) {
    public static PatientSummary of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new PatientSummary(r.num("id"), r.text("mrn"), r.text("name"), r.text("etiology"), r.text("age_group"), r.text("date_of_birth"),
          r.num("version"));
    }
  }

  /** GET /api/patients/{id}: the patient's record (as {@link Patient}: sendable back as a PUT), history, sessions and plan. */
  public record PatientPage(@JsonUnwrapped Patient patient, List<Implant> implants, List<Prescription> prescriptions, List<Refill> refills,
      List<Trial> trials, List<Alarm> alarms, List<MriScan> mriScans, List<Replacement> replacements, List<SessionSummary> sessions,
      List<PlanItem> plan) {}

  public record Implant(long id, long patientId, String pumpModel, String serial, String catheterModel, long catheterLengthCm, String implantDate,
      String eriDate, String explantDate) {
    public static Implant of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new Implant(r.num("id"), r.num("patient_id"), r.text("pump_model"), r.text("serial"), r.text("catheter_model"),
          r.num("catheter_length_cm"), r.text("implant_date"), r.text("eri_date"), r.text("explant_date"));
    }
  }

  public record Prescription(long id, long patientId, String startAt, String drug, long concentrationNgPerMl, long doseNgPerDay, long alarmVolumeNl,
      String prescribedBy, String flex, String patientBolus) {
    public static Prescription of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new Prescription(r.num("id"), r.num("patient_id"), r.text("start_at"), r.text("drug"), r.num("concentration_ng_per_ml"),
          r.num("dose_ng_per_day"), r.num("alarm_volume_nl"), r.text("prescribed_by"), r.text("flex"), r.text("patient_bolus"));
    }
  }

  /** A safety finding: severity HARD refuses, SOFT asks to confirm it is intended, INFO says what was checked. */
  public record Finding(String step, String severity, String field, String value, String allowed, String reason, String message) {
    public static Finding of(org.openitb.therapy.prescription.Finding f) {
      return new Finding(f.step(), f.severity().name(), f.field(), f.value(), f.allowed(), f.reason(), f.message());
    }
  }

  /** POST /api/patients/{id}/prescriptions: the stored prescription and what the safety chain found. */
  public record PrescriptionResult(@JsonUnwrapped Prescription prescription, String doseText, String dailyTotal, String described,
      boolean enteredPerHour, boolean withinUsualRange, List<Finding> findings, long therapyVersion) {}

  public record Refill(long id, long patientId, String at, String pumpModel, long expectedNl, long withdrawnNl, long discrepancyNl,
      long discrepancyLimitNl, boolean flagged, String interpretation, boolean resolved, long fillNl, long concentrationNgPerMl,
      long doseNgPerDay, long alarmVolumeNl, String alarmAt, String conservativeAlarmAt, String refillBy, String bridge, String performedBy,
      String secondPerson, String resolvedAt, String resolvedBy, String resolutionFound, String resolutionAction) {
    public static Refill of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new Refill(r.num("id"), r.num("patient_id"), r.text("at"), r.text("pump_model"), r.num("expected_nl"), r.num("withdrawn_nl"),
          r.num("discrepancy_nl"), r.num("discrepancy_limit_nl"), r.bool("flagged"), r.text("interpretation"), r.bool("resolved"),
          r.num("fill_nl"), r.num("concentration_ng_per_ml"), r.num("dose_ng_per_day"), r.num("alarm_volume_nl"), r.text("alarm_at"),
          r.text("conservative_alarm_at"), r.text("refill_by"), r.text("bridge"), r.text("performed_by"), r.text("second_person"),
          r.text("resolved_at"), r.text("resolved_by"), r.text("resolution_found"), r.text("resolution_action"));
    }
  }

  /** POST /api/patients/{id}/refills: the stored refill with its reconciliation, plan and bridge. */
  public record RefillResult(@JsonUnwrapped Refill refill, String discrepancyText, List<String> warnings, String deliveryStopsAt,
      String conservativeDeliveryStopsAt, boolean bridgeRequired, String bridgeDetail, String verifiedBy, long therapyVersion) {}

  /** The trial calculator's suggestion for one screening dose; fields that do not apply are null. */
  public record Suggestion(String outcome, Boolean responded, String responseRule, String reason, String startingDose, Long startingDoseNgPerDay,
      String nextTestDose, String nextTestNotBefore, String usualRange, String hardMax, Boolean withinUsualRange, List<String> notes) {}

  public record Trial(long id, long patientId, String at, long doseNg, String ashworthBefore, String ashworthAfter, long pennBefore, long pennAfter,
      long effectHours, boolean sideEffects, String recordedBy, Suggestion suggestion) {
    public static Trial of(Map<String, Object> row, Suggestion suggestion) {
      Row r = Row.of(row);
      return new Trial(r.num("id"), r.num("patient_id"), r.text("at"), r.num("dose_ng"), r.text("ashworth_before"), r.text("ashworth_after"),
          r.num("penn_before"), r.num("penn_after"), r.num("effect_hours"), r.bool("side_effects"), r.text("recorded_by"), suggestion);
    }
  }

  /** POST /api/patients/{id}/trials: the stored trial, whether it was a response, and the starting dose it suggests. */
  public record TrialResult(@JsonUnwrapped Trial trial, boolean responded, String startingDose, String startingDoseReason) {}

  public record Alarm(long id, long patientId, String at, String kind, boolean critical, String clearedAt) {
    public static Alarm of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new Alarm(r.num("id"), r.num("patient_id"), r.text("at"), r.text("kind"), r.bool("critical"), r.text("cleared_at"));
    }
  }

  public record MriScan(long id, long patientId, String scanAt, String fieldStrength, boolean outsideLabel, String acknowledgedBy, String checkedAt,
      String checkResult, String checkedBy, Long checkSessionId) {
    public static MriScan of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new MriScan(r.num("id"), r.num("patient_id"), r.text("scan_at"), r.text("field_strength"), r.bool("outside_label"),
          r.text("acknowledged_by"), r.text("checked_at"), r.text("check_result"), r.text("checked_by"), r.optNum("check_session_id"));
    }
  }

  public record Replacement(long id, long patientId, String eriDate, String endOfService, String plannedDate, String doneDate) {
    public static Replacement of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new Replacement(r.num("id"), r.num("patient_id"), r.text("eri_date"), r.text("end_of_service"), r.text("planned_date"),
          r.text("done_date"));
    }
  }

  /** A stored programmer session record, without its body (GET /api/patients/{id}/sessions/{sessionId} answers that). */
  public record SessionSummary(long id, String importedAt, long schemaVersion, String importedBy, String pumpSerial) {
    public static SessionSummary of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new SessionSummary(r.num("id"), r.text("imported_at"), r.num("schema_version"), r.text("imported_by"), r.text("pump_serial"));
    }
  }

  /** One thing to do for one patient (dashboard, plan). */
  public record PlanItem(long patientId, String mrn, String name, String kind, String due, long daysLeft, boolean overdue, String detail,
      String appointment) {}

  /** One row of the append-only audit log. */
  public record AuditEntry(long id, String at, String actor, String action, String entity, String entityId, String detail, String remoteAddr,
      String prevHash, String rowHash) {
    public static AuditEntry of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new AuditEntry(r.num("id"), r.text("at"), r.text("actor"), r.text("action"), r.text("entity"), r.text("entity_id"),
          r.text("detail"), r.text("remote_addr"), r.text("prev_hash"), r.text("row_hash"));
    }
  }

  public record CoSign(long id, long patientId, String action, String summary, String requestedBy, String requestedAt, String approvedBy,
      String approvedAt, String usedAt, String status) {
    public static CoSign of(Map<String, Object> row) {
      Row r = Row.of(row);
      return new CoSign(r.num("id"), r.num("patient_id"), r.text("action"), r.text("summary"), r.text("requested_by"), r.text("requested_at"),
          r.text("approved_by"), r.text("approved_at"), r.text("used_at"),
          r.text("used_at") != null ? "USED" : r.text("approved_by") != null ? "APPROVED" : "PENDING");
    }
  }

  /** What patient documents print. */
  public record Settings(String clinicName, String phone24h) {}

  /** GET /api/daily-total. */
  public record DailyTotal(String dailyTotal, boolean enteredPerHour, String described) {}

  /** The refill worksheet. */
  public record Worksheet(long patientId, String name, String mrn, long therapyVersion, String pump, String serial, String reservoir, String drug,
      String concentration, String dose, String lowReservoirAlarm, String expectedResidual, String expectedFrom, String discrepancyLimit,
      String lastRefillBy, String at) {}

  // logins and sessions

  public record CsrfToken(String csrfToken) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LoginPage(String demoLogins) {}

  public record LoggedOut(boolean loggedOut) {}

  public record Me(String username, String role, Long patientId, String csrfToken) {}

  /** A new login; an administrator's carries the one-time code secret, shown this once. */
  public record UserCreated(long id, String username, String role, Long patientId, @JsonInclude(JsonInclude.Include.NON_NULL) String totpSecret,
      @JsonInclude(JsonInclude.Include.NON_NULL) String totpUri) {}

  public record User(long id, String username, String displayName, String role, boolean active, Long patientId, boolean totp, long sessions) {}

  public record OwnSession(String startedAt, String lastUsedAt, String endsAt, boolean current) {}

  public record PasswordChanged(boolean changed, long otherSessionsEnded) {}

  public record PasswordReset(boolean reset, long sessionsEnded) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Activation(boolean active, Long sessionsEnded) {}

  public record SessionsEnded(long sessionsEnded) {}

  public record TotpSetup(String totpSecret, String totpUri) {}

  public record TotpEnabled(boolean totpEnabled) {}
}
