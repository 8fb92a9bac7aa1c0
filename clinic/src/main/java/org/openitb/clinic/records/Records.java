// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.PrescriptionValidator;
import org.openitb.therapy.prescription.ValidationContext;
import org.openitb.therapy.prescription.ValidationReport;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.Sessions;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/** The clinical records of a patient other than refills: implants, prescriptions, trials, alarms, sessions, replacements (MRI: {@link Mri}). */
public final class Records {
  static final List<String> ASHWORTH = List.of("0", "1", "1+", "2", "3", "4");
  static final int PENN_MAX = 4;
  static final int MAX_SCHEMA_VERSION = 1000;
  static final int MAX_EFFECT_HOURS = 72;
  private final Jdbi jdbi;
  private final Clock clock;

  public Records(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  public Responses.Implant implant(long patient, Body b, Principal who, String ip) {
    PumpModel pump = PumpModels.byName(b.text("pumpModel", 16));
    String serial = b.text("serial", 64);
    int length = (int) b.integer("catheterLengthCm", CatheterModel.GENERIC.minLengthCm(), CatheterModel.GENERIC.maxLengthCm());
    LocalDate date = b.date("implantDate");
    if (date.isAfter(now().toLocalDate())) {
      // A planned implant is not the current pump: record it on the day it is implanted.
      throw ApiException.badRequest("an implant date cannot be in the future", "implantDate", date.toString(), "today or earlier");
    }
    long id = jdbi.inTransaction(h -> {
      // The same pump recorded again for this patient (a double submit, two clinicians at once) is refused by name: the
      // patient's row is locked first, so of two at once the second waits and then finds the first.
      Once.lockPatient(h, patient);
      h.createQuery("SELECT id, pump_model, implant_date FROM implant WHERE patient_id = :p AND serial = :s ORDER BY id LIMIT 1")
          .bind("p", patient).bind("s", serial).mapToMap().findOne().ifPresent(same -> {
            throw Once.alreadyRecorded("pump " + same.get("pump_model") + " serial " + serial + " is already recorded for this patient (implant "
                + same.get("id") + ", implanted " + Text.date(Rows.date(same.get("implant_date"))) + ")", "serial", serial,
                "a pump serial not yet recorded for this patient");
          });
      h.createUpdate("UPDATE implant SET explant_date = :d WHERE patient_id = :p AND explant_date IS NULL")
          .bind("d", date).bind("p", patient).execute();
      long newId = h.createUpdate("INSERT INTO implant(patient_id, pump_model, serial, catheter_model, catheter_length_cm, implant_date) "
              + "VALUES (:p, :m, :s, :c, :l, :d)")
          .bind("p", patient).bind("m", pump.name()).bind("s", serial).bind("c", CatheterModel.GENERIC.name())
          .bind("l", length).bind("d", date).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Audit.record(h, clock, who, ip, "create", "implant", newId, "patient=" + patient + " " + pump.name() + " serial=" + serial);
      // A new pump changes what every open refill or prescription form computed with (reservoir, catheter, dead volume):
      // moving the therapy version on makes such a form answer 409 naming this implant instead of saving stale numbers.
      h.createUpdate("UPDATE patient SET therapy_version = therapy_version + 1 WHERE id = :p").bind("p", patient).execute();
      return newId;
    });
    return Responses.Implant.of(one("implant", id));
  }

  /** Hex characters of a prescription's confirmation token (64 bits: it guards against a slip, not an attacker). */
  static final int CONFIRMATION_TOKEN_CHARS = 16;

  /** What a clinician confirms: this patient, drug, concentration, dose and alarm, with these findings. */
  static String confirmationToken(long patient, Drug drug, Concentration c, DoseRate dose, Volume alarm, List<Finding> findings, String shape) {
    String what = patient + "|" + drug.name() + "|" + c.nanogramsPerMillilitre() + "|" + dose.nanogramsPerDay() + "|" + alarm.nanolitres() + "|"
        + shape + "|"
        + String.join("|", findings.stream().map(Finding::message).toList());
    return Sessions.sha256(what).substring(0, CONFIRMATION_TOKEN_CHARS);
  }

  public Responses.PrescriptionResult prescribe(long patient, Body b, Principal who, String ip) {
    Concentration c = Concentration.parse(b.text("concentration", 40), "concentration", null);
    Drug drug = DrugLibrary.standard().drug(b.optText("drug", 32, "baclofen"));
    PrescriptionForm form = PrescriptionForm.parse(b, drug, c);
    DoseRate dose = form.dailyTotal();
    String doseText = form.describe();
    LocalDateTime start = b.dateTime("start", now());
    String confirmed = b.optText("confirmed", CONFIRMATION_TOKEN_CHARS * 2, "");
    long version = Once.therapyVersion(b);
    Map<String, Object> p = jdbi.withHandle(h -> h.createQuery("SELECT etiology, age_group FROM patient WHERE id = :id")
        .bind("id", patient).mapToMap().one());
    Etiology e = Therapy.doseEtiology((String) p.get("etiology"), (String) p.get("age_group"));
    if (dose.isZero() || !drug.limits(e).withinHard(dose)) {
      throw new InvalidValueException("dose", doseText, "> 0 and <= " + drug.limits(e).hardMax() + " (" + drug.name() + ", " + e + ")",
          "outside the drug library's hard limit");
    }
    if (c.compareTo(drug.maxConcentration()) > 0) {
      throw new InvalidValueException("concentration", c.toString(), "<= " + drug.maxConcentration(), "above the drug's maximum");
    }
    List<Responses.Finding> findings = new java.util.ArrayList<>();
    long id = jdbi.inTransaction(h -> {
      // The version first: of two prescriptions racing on one version the second waits here, then gets the 409 naming the
      // first, rather than findings computed against a therapy that is no longer current. A refusal below rolls it back.
      Once.bumpTherapyVersion(h, patient, version);
      Therapy t = Therapy.require(h, patient);
      // What is in the pump is what the prescription runs: a new concentration goes in with the refill that puts it in.
      t.prescription().filter(cur -> !cur.concentration().equals(c)).ifPresent(cur -> {
        throw ApiException.badRequest("the pump holds " + cur.concentration() + ": a prescription at " + c + " would not match what is in "
            + "the reservoir. A concentration change is ordered with the refill that puts it in (refill form, new concentration)",
            "concentration", c.toString(), cur.concentration().toString());
      });
      Volume alarm = b.has("alarmVolume") ? Volume.parse(b.text("alarmVolume", 20), "alarmVolume", null) : t.pump().defaultLowReservoirAlarm();
      if (!t.pump().isSettableLowReservoirAlarm(alarm)) {
        throw new InvalidValueException("alarmVolume", alarm.toString(),
            t.pump().minLowReservoirAlarm() + "-" + t.pump().maxLowReservoirAlarm(), "not settable on " + t.pump().name());
      }
      // The whole validation chain every part of the system uses, so the clinic never records what a programmer would refuse.
      ValidationReport report = PrescriptionValidator.standard().validate(form.prescription(),
          new ValidationContext(t.pump(), CatheterModel.GENERIC, t.catheterLengthCm(), e, Optional.of(alarm)));
      report.findings().forEach(f -> findings.add(finding(f)));
      // The same titration rule the programmer applies, and an entry per hour echoed with its daily total.
      List<Finding> asks = new java.util.ArrayList<>(report.confirmations());
      if (!report.isRefused()) {
        List<Finding> extra = form.confirmations(t.prescription().map(Therapy.Current::dose), e, lastIncrease(h, patient), now());
        extra.forEach(f -> findings.add(finding(f)));
        asks.addAll(extra);
      }
      if (report.isRefused()) {
        Finding f = report.refusals().get(0);
        throw ApiException.badRequest("refused by the safety check [" + f.step() + "]: " + f.message(), f.field(), f.value(), f.allowed())
            .with("findings", findings);
      }
      // A dose outside the usual range (or a flex step that looks like a per-hour entry) is saved only once the clinician
      // has seen why and said so: the same rule the programmer's safety chain applies before a pump is programmed. The
      // confirmation is a token of this very prescription and its findings, so ticking "confirm" for one dose cannot
      // carry over to another dose, concentration or alarm.
      if (!asks.isEmpty()) {
        String token = confirmationToken(patient, drug, c, dose, alarm, asks, form.flexText() + "|" + form.bolusText());
        if (!token.equals(confirmed)) {
          throw ApiException.badRequest("confirmation required: " + String.join("; ", asks.stream().map(Finding::message).toList())
                  + "; review the findings and send the same prescription again with confirmed set to the confirmationToken",
                  "confirmed", confirmed, "the confirmationToken of this response (it confirms this prescription only)")
              .with("findings", findings).with("confirmationRequired", true).with("confirmationToken", token)
              .with("dailyTotal", dose.toString()).with("enteredPerHour", form.enteredPerHour());
        }
      }
      long newId = insertPrescription(h, patient, start, drug.name(), c, dose, alarm, who.username());
      h.createUpdate("UPDATE prescription SET flex = :f, patient_bolus = :pb WHERE id = :id").bind("f", form.flexText())
          .bind("pb", form.bolusText()).bind("id", newId).execute();
      Forecasts.afterPrescription(h, patient); // a new dose moves the last refill's alarm and refill-by dates
      Audit.record(h, clock, who, ip, "create", "prescription", newId, "patient=" + patient + " dose=" + dose + " concentration=" + c
          + " (" + form.describe() + ")" + (asks.isEmpty() ? "" : " confirm: " + asks.stream().map(Finding::message).toList()));
      return newId;
    });
    return new Responses.PrescriptionResult(Responses.Prescription.of(one("prescription", id)), dose.toString(), dose.toString(), doseText,
        form.enteredPerHour(), drug.limits(e).withinSoft(dose), findings, version + 1);
  }

  /** When the patient's daily dose was last raised, from the prescription history (for the titration interval). */
  static Optional<LocalDateTime> lastIncrease(org.jdbi.v3.core.Handle h, long patient) {
    List<Map<String, Object>> rx = h.createQuery("SELECT start_at, dose_ng_per_day FROM prescription WHERE patient_id = :p ORDER BY start_at, id")
        .bind("p", patient).mapToMap().list();
    Optional<LocalDateTime> last = Optional.empty();
    for (int k = 1; k < rx.size(); k++) {
      if (Rows.num(rx.get(k).get("dose_ng_per_day")) > Rows.num(rx.get(k - 1).get("dose_ng_per_day"))) {
        last = Optional.of(Rows.dateTime(rx.get(k).get("start_at")));
      }
    }
    return last;
  }

  /** A safety finding as JSON: severity HARD refuses, SOFT asks to confirm it is intended, INFO says what was checked. */
  static Responses.Finding finding(Finding f) {
    return Responses.Finding.of(f);
  }

  public static long insertPrescription(org.jdbi.v3.core.Handle h, long patient, LocalDateTime start, String drug, Concentration c, DoseRate dose,
      Volume alarm, String by) {
    return h.createUpdate("INSERT INTO prescription(patient_id, start_at, drug, concentration_ng_per_ml, dose_ng_per_day, alarm_volume_nl, "
            + "prescribed_by) VALUES (:p, :s, :d, :c, :dose, :a, :by)")
        .bind("p", patient).bind("s", start).bind("d", drug).bind("c", c.nanogramsPerMillilitre()).bind("dose", dose.nanogramsPerDay())
        .bind("a", alarm.nanolitres()).bind("by", by).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /**
   * Records one screening dose and its observed response, and returns the row with the calculator's
   * suggestion (see {@link TrialSuggestion}). Everything is checked before anything is written.
   */
  public Responses.TrialResult trial(long patient, Body b, Principal who, String ip) {
    String doseText = b.text("dose", 20);
    Mass dose = TrialSuggestion.checkDose(Mass.parse(doseText, "dose", null), doseText);
    String before = ashworth(b, "ashworthBefore");
    String after = ashworth(b, "ashworthAfter");
    long pennBefore = b.integer("pennBefore", 0, PENN_MAX);
    long pennAfter = b.integer("pennAfter", 0, PENN_MAX);
    long hours = b.integer("effectHours", 0, MAX_EFFECT_HOURS);
    boolean sideEffects = b.bool("sideEffects", false);
    LocalDateTime at = b.dateTime("at", nowToTheMinute());
    Map<String, Object> p = jdbi.withHandle(h -> h.createQuery("SELECT etiology, age_group FROM patient WHERE id = :id")
        .bind("id", patient).mapToMap().one());
    Etiology e = Therapy.doseEtiology((String) p.get("etiology"), (String) p.get("age_group"));
    boolean responded = TrialSuggestion.responded(before, after, pennBefore, pennAfter);
    Responses.Suggestion suggestion = TrialSuggestion.suggest(dose, responded, hours, sideEffects, at, DrugLibrary.standard().drug(TrialSuggestion.TRIAL_DRUG), e);
    long id = jdbi.inTransaction(h -> {
      // One patient gets one screening dose at one instant: the same trial again is a double submit or a second nurse.
      Once.lockPatient(h, patient);
      h.createQuery("SELECT id, dose_ng, recorded_by FROM screening_trial WHERE patient_id = :p AND at = :at ORDER BY id LIMIT 1")
          .bind("p", patient).bind("at", at).mapToMap().findOne().ifPresent(same -> {
            throw Once.alreadyRecorded("the screening trial at " + Text.dateTime(at) + " is already recorded for this patient (trial "
                + same.get("id") + ", " + Mass.ofNanograms(Rows.num(same.get("dose_ng"))) + ", recorded by " + same.get("recorded_by") + ")",
                "at", at.toString(), "a time with no trial recorded for this patient");
          });
      long newId = h.createUpdate("INSERT INTO screening_trial(patient_id, at, dose_ng, ashworth_before, ashworth_after, penn_before, "
              + "penn_after, effect_hours, side_effects, recorded_by) VALUES (:p, :at, :d, :ab, :aa, :pb, :pa, :eh, :se, :by)")
          .bind("p", patient).bind("at", at).bind("d", dose.nanograms()).bind("ab", before).bind("aa", after).bind("pb", pennBefore)
          .bind("pa", pennAfter).bind("eh", hours).bind("se", sideEffects).bind("by", who.username())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Audit.record(h, clock, who, ip, "create", "screening_trial", newId, "patient=" + patient + " dose=" + dose + " MAS " + before + "->" + after
          + " suggestion " + suggestion.outcome());
      return newId;
    });
    return new Responses.TrialResult(Responses.Trial.of(one("screening_trial", id), suggestion), responded, suggestion.startingDose(),
        suggestion.reason());
  }

  /** The patient's trial rows, each with the starting-dose suggestion the trial calculator gives for it; {@code patient} holds etiology and age_group. */
  static List<Responses.Trial> withSuggestions(Responses.Patient patient, List<Map<String, Object>> trialRows) {
    Etiology e = Therapy.doseEtiology(patient.etiology(), patient.ageGroup());
    Drug drug = DrugLibrary.standard().drug(TrialSuggestion.TRIAL_DRUG);
    return trialRows.stream().map(row -> {
      Map<String, Object> t = Responses.Row.of(row).raw();
      String before = (String) t.get("ashworth_before");
      String after = (String) t.get("ashworth_after");
      boolean responded = TrialSuggestion.responded(before, after, Rows.num(t.get("penn_before")), Rows.num(t.get("penn_after")));
      Mass dose = Mass.ofNanograms(Rows.num(t.get("dose_ng")));
      // Rows written before the dose check existed may hold a dose the calculator refuses: show that instead of failing the page.
      if (dose.nanograms() > 0 && dose.compareTo(TrialSuggestion.HIGHEST) <= 0) {
        return Responses.Trial.of(t, TrialSuggestion.suggest(dose, responded, Rows.num(t.get("effect_hours")),
            Boolean.TRUE.equals(t.get("side_effects")), Rows.dateTime(t.get("at")), drug, e));
      }
      return Responses.Trial.of(t, new Responses.Suggestion(TrialSuggestion.NO_SUGGESTION, null, null, "no starting dose: the trial dose " + dose
          + " is outside the screening doses (> 0 and <= " + TrialSuggestion.HIGHEST + "); it was recorded before that check existed",
          null, null, null, null, null, null, null, null));
    }).toList();
  }

  private static String ashworth(Body b, String field) {
    String v = b.text(field, 4);
    if (!ASHWORTH.contains(v)) {
      throw ApiException.badRequest("not a Modified Ashworth grade", field, v, String.join(", ", ASHWORTH));
    }
    return v;
  }

  /** The pump alarms a clinic records by hand (the firmware's alarm kinds); a pump interrogation records PUMP_ALARM_<code>. */
  static final List<String> ALARM_KINDS = List.of("LOW_RESERVOIR", "REPLACEMENT_INDICATOR", "SETTINGS_COPY_CORRUPTED", "LOG_FAILURE",
      "RESERVOIR_EMPTY", "END_OF_SERVICE", "MOTOR_STALL", "MOTOR_RUNAWAY", "DELIVERY_FAULT", "SETTINGS_LOST", "STOP_EXPIRED", "RESET_LOOP");
  /** Of {@link #ALARM_KINDS}, those the pump sounds with the critical two-tone alarm. */
  static final java.util.Set<String> CRITICAL_ALARMS = java.util.Set.of("RESERVOIR_EMPTY", "END_OF_SERVICE", "MOTOR_STALL", "MOTOR_RUNAWAY",
      "DELIVERY_FAULT", "SETTINGS_LOST", "STOP_EXPIRED", "RESET_LOOP");

  public Responses.Alarm alarm(long patient, Body b, Principal who, String ip) {
    String kind = b.text("kind", 32).toUpperCase(java.util.Locale.ROOT);
    if (!ALARM_KINDS.contains(kind)) {
      throw ApiException.badRequest("not a pump alarm kind", "kind", kind, String.join(", ", ALARM_KINDS));
    }
    boolean critical = b.bool("critical", CRITICAL_ALARMS.contains(kind));
    LocalDateTime at = b.dateTime("at", nowToTheMinute());
    return Responses.Alarm.of(insertSimple("alarm", patient, who, ip, "kind=" + kind, h -> {
      // The same alarm at the same instant is one alarm: recorded again (a double submit, two nurses) it is refused by name.
      Once.lockPatient(h, patient);
      h.createQuery("SELECT id, cleared_at FROM alarm WHERE patient_id = :p AND kind = :k AND at = :at ORDER BY id LIMIT 1")
          .bind("p", patient).bind("k", kind).bind("at", at).mapToMap().findOne().ifPresent(same -> {
            throw Once.alreadyRecorded("the " + kind + " alarm at " + Text.dateTime(at) + " is already recorded for this patient (alarm "
                + same.get("id") + (same.get("cleared_at") == null ? ", open" : ", cleared") + ")", "at", at.toString(),
                "a time with no " + kind + " alarm recorded for this patient");
          });
      return h.createUpdate("INSERT INTO alarm(patient_id, at, kind, critical) VALUES (:p, :at, :k, :c)")
          .bind("p", patient).bind("at", at).bind("k", kind).bind("c", critical);
    }));
  }

  /** Clears an open alarm once: an alarm already cleared keeps its first clearing (409 naming when and by whom). */
  public Responses.Alarm clearAlarm(long patient, long alarm, Principal who, String ip) {
    jdbi.useTransaction(h -> {
      Map<String, Object> row = h.createQuery("SELECT patient_id, kind, cleared_at FROM alarm WHERE id = :id").bind("id", alarm).mapToMap()
          .findOne().filter(r -> Rows.num(r.get("patient_id")) == patient)
          .orElseThrow(() -> ApiException.notFound("alarm " + alarm + " of patient " + patient));
      // Guarded by "not yet cleared": of two people clearing at once, one clears it and the other is told who did.
      int n = row.get("cleared_at") != null ? 0 : h.createUpdate("UPDATE alarm SET cleared_at = :now WHERE id = :id AND patient_id = :p "
          + "AND cleared_at IS NULL").bind("now", now()).bind("id", alarm).bind("p", patient).execute();
      if (n == 0) {
        LocalDateTime at = Rows.dateTime(h.createQuery("SELECT cleared_at FROM alarm WHERE id = :id").bind("id", alarm).mapToMap().one()
            .get("cleared_at"));
        String by = h.createQuery("SELECT actor FROM audit_log WHERE entity = 'alarm' AND entity_id = :id AND action = 'update' ORDER BY id LIMIT 1")
            .bind("id", Long.toString(alarm)).mapTo(String.class).findOne().map(a -> " by " + a).orElse("");
        throw new ApiException(409, "alarm " + alarm + " (" + row.get("kind") + ") was already cleared at " + Text.dateTime(at) + by
            + "; its first clearing stands", "alarmId", Long.toString(alarm), "an open alarm");
      }
      Audit.record(h, clock, who, ip, "update", "alarm", alarm, "patient=" + patient + " cleared");
    });
    return Responses.Alarm.of(one("alarm", alarm));
  }

  /** Now, to the minute: a record's default time, as a form would type it (the same event a minute later is the same event). */
  private LocalDateTime nowToTheMinute() {
    return now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  /** Stores a programmer session record exactly as sent, with its schema version. */
  public Responses.SessionSummary importSession(long patient, String raw, Body b, Principal who, String ip) {
    long schema = b.integer("schemaVersion", 1, MAX_SCHEMA_VERSION);
    return Responses.SessionSummary.of(insertSimple("session_record", patient, who, ip, "schemaVersion=" + schema + " bytes=" + raw.length(), h -> {
      // The same record imported again (a double submit, two people importing one file) is refused by name.
      Once.lockPatient(h, patient);
      h.createQuery("SELECT id, imported_at, imported_by FROM session_record WHERE patient_id = :p AND body = :b ORDER BY id LIMIT 1")
          .bind("p", patient).bind("b", raw).mapToMap().findOne().ifPresent(same -> {
            throw Once.alreadyRecorded("this session record is already stored for this patient (session record " + same.get("id")
                + ", imported at " + Text.dateTime(Rows.dateTime(same.get("imported_at"))) + " by " + same.get("imported_by") + ")",
                "body", "the same session record", "a session record not yet stored for this patient");
          });
      return SessionRecordRows.insert(h, patient, now(), schema, raw, who.username(), null, null);
    }));
  }

  /** Records the replacement indicator date; end of service is ERI plus the model's 90 days. */
  public Responses.Replacement replacement(long patient, Body b, Principal who, String ip) {
    LocalDate eri = b.date("eriDate");
    LocalDate planned = b.has("plannedDate") ? b.date("plannedDate") : null;
    long id = jdbi.inTransaction(h -> {
      // One replacement indicator date per patient and date: recorded again it is a double submit or a second clinician.
      Once.lockPatient(h, patient);
      h.createQuery("SELECT id, end_of_service FROM replacement WHERE patient_id = :p AND eri_date = :e ORDER BY id LIMIT 1")
          .bind("p", patient).bind("e", eri).mapToMap().findOne().ifPresent(same -> {
            throw Once.alreadyRecorded("the replacement indicator of " + Text.date(eri) + " is already recorded for this patient (replacement "
                + same.get("id") + ", end of service " + Text.date(Rows.date(same.get("end_of_service"))) + ")", "eriDate", eri.toString(),
                "an ERI date not yet recorded for this patient");
          });
      Therapy t = Therapy.require(h, patient);
      LocalDate eos = eri.plusDays(t.pump().eriToEndOfService().toDays());
      if (planned != null && planned.isAfter(eos)) {
        throw ApiException.badRequest("the planned replacement is after end of service", "plannedDate", planned.toString(), "<= " + eos);
      }
      h.createUpdate("UPDATE implant SET eri_date = :e WHERE id = :id").bind("e", eri).bind("id", t.implantId()).execute();
      long newId = h.createUpdate("INSERT INTO replacement(patient_id, eri_date, end_of_service, planned_date) VALUES (:p, :e, :eos, :pl)")
          .bind("p", patient).bind("e", eri).bind("eos", eos).bind("pl", planned).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Audit.record(h, clock, who, ip, "create", "replacement", newId, "patient=" + patient + " eri=" + eri + " eos=" + eos);
      return newId;
    });
    return Responses.Replacement.of(one("replacement", id));
  }

  private Map<String, Object> insertSimple(String table, long patient, Principal who, String ip, String detail,
      java.util.function.Function<org.jdbi.v3.core.Handle, org.jdbi.v3.core.statement.Update> update) {
    long id = jdbi.inTransaction(h -> {
      long newId = update.apply(h).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Audit.record(h, clock, who, ip, "create", table, newId, "patient=" + patient + " " + detail);
      return newId;
    });
    return one(table, id);
  }

  /** One row of a record table by id (table names are constants of this class, never user input). */
  Map<String, Object> one(String table, long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table + " WHERE id = :id").bind("id", id).mapToMap().findOne())
        .orElseThrow(() -> ApiException.notFound(table + " " + id));
  }
}
