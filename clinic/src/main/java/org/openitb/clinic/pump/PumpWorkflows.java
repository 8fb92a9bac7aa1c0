// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.pump;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.link.message.Therapy;
import org.openitb.programmer.Confirmation;
import org.openitb.programmer.Interrogation;
import org.openitb.programmer.Operator;
import org.openitb.programmer.Outcome;
import org.openitb.programmer.PatientContext;
import org.openitb.programmer.PostMriCheck;
import org.openitb.programmer.Preview;
import org.openitb.programmer.ProposalOutcome;
import org.openitb.programmer.PumpSession;
import org.openitb.programmer.RefillWorkflow;
import org.openitb.programmer.SafetyReport;
import org.openitb.programmer.SessionRecords;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.records.Once;
import org.openitb.clinic.records.Refills;
import org.openitb.clinic.records.SessionRecordRows;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.Role;
import org.openitb.clinic.security.SecondPerson;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * The workflows that drive a real programmer session to a patient's implanted pump: interrogate,
 * refill (reconciliation, concentration change, bridge bolus, second person), dose change
 * ({@link DoseChange}: the programming transaction, preview then commit) and the post-MRI check. Each stores the programmer's session record, updates the
 * clinic's records and writes audit rows in one transaction. At most one session per pump at a
 * time; without {@link PumpLinks} every route answers 503.
 */
public final class PumpWorkflows {
  static final String PROGRAMMER_ID = "CLINIC-WEB";
  static final int MAX_BUFFER_DAYS = 30;
  /** The write a co-sign names for the refill route (see {@link CoSigns}; the dose commit's is {@link DoseChange#DOSE_COMMIT}). */
  static final String PUMP_REFILL = "pump/refill";
  private final Jdbi jdbi;
  private final Clock clock;
  private final Optional<PumpLinks> links;
  private final Refills refills;
  private final SecondPerson secondPerson;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final DoseChange doseChange;

  public PumpWorkflows(Jdbi jdbi, Clock clock, Optional<PumpLinks> links, Refills refills) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.links = links;
    this.refills = refills;
    this.secondPerson = new SecondPerson(jdbi, clock);
    this.doseChange = new DoseChange(jdbi, clock, secondPerson, this);
  }

  /**
   * One request to the patient's pump, as the route read it.
   *
   * @param who the logged-in operator
   * @param patient the patient's id
   * @param body the request's JSON object (empty when none was sent)
   * @param ip the caller's address, for the audit rows
   */
  public record Request(Principal who, long patient, Body body, String ip) {}

  /** Reads the pump's status, alarms and events since the last session into the records. */
  public Once.Reply interrogate(Request r) {
    return run(r, (w, b) -> { }, this::interrogate);
  }

  /** Refills the pump (a concentration or dose change in it is a clinician's order). */
  public Once.Reply refill(Request r) {
    return run(r, PumpWorkflows::refillOrder, this::refill);
  }

  /** Previews a dose change on the pump ({@link DoseChange#preview}). */
  public Once.Reply dosePreview(Request r) {
    return run(r, PumpWorkflows::clinician, doseChange::preview);
  }

  /** Commits a previewed dose change ({@link DoseChange#commit}). */
  public Once.Reply doseCommit(Request r) {
    return run(r, PumpWorkflows::clinician, doseChange::commit);
  }

  /** The check after an MRI scan: interrogates and records whether the rotor runs. */
  public Once.Reply postMri(Request r) {
    return run(r, (w, b) -> { }, this::postMri);
  }

  /** Who may ask for a request, judged before any pump session is opened. */
  private interface Precheck {
    void check(Principal who, Body body);
  }

  /** A dose change is a clinician's order (DESIGN.md invariant 11; issue 9 defect 2). */
  private static void clinician(Principal who, Body body) {
    if (who.role() != Role.CLINICIAN) {
      throw ApiException.forbidden("a dose change is a clinician's order: a " + who.role().name().toLowerCase(java.util.Locale.ROOT)
          + " may interrogate the pump and refill it at the prescribed concentration and dose, not change them");
    }
  }

  /** A refill with a concentration or dose change is a clinician's order. */
  private static void refillOrder(Principal who, Body body) {
    if (body.has("concentration") || body.has("dose")) {
      Refills.requireOrder(who, body.has("concentration"));
    }
  }

  /** One request's context: who, the patient, the body, and the open session to the patient's pump. */
  record Visit(Principal who, long patient, String ip, Body body, org.openitb.clinic.records.Therapy records, PumpSession session,
      PumpLinks.PumpConnection connection) {}

  private interface Step {
    Map<String, Object> apply(Visit v);
  }

  private Once.Reply run(Request request, Precheck precheck, Step step) {
    Principal who = request.who();
    long patient = request.patient();
    Body body = request.body();
    precheck.check(who, body);
    org.openitb.clinic.records.Therapy records = jdbi.withHandle(h -> org.openitb.clinic.records.Therapy.require(h, patient));
    PumpLinks pl = links.orElseThrow(() -> new ApiException(503, "no programmer connected to this pump: this clinic server has no pump"
        + " links configured (the demo, ./itb demo, puts virtual pumps behind its first patients)", "serial", records.serial(), null));
    PatientContext context = jdbi.withHandle(h -> context(h, patient, records));
    Operator operator = new Operator(who.username(), who.role().clinicalRole());
    synchronized (locks.computeIfAbsent(records.serial(), k -> new Object())) {
      PumpLinks.PumpConnection conn = pl.connect(records.serial()).orElseThrow(() -> new ApiException(503,
          "no programmer connected to this pump (serial " + records.serial() + "): bring the programmer head over the pump and try again",
          "serial", records.serial(), null));
      try (conn) {
        PumpSession session;
        try {
          long seen = jdbi.withHandle(h -> lastSeenEvent(h, records.serial()));
          session = PumpSession.builder().operator(operator).patient(context).library(conn.library()).programmerId(PROGRAMMER_ID)
              .coSigningCredential(conn.coSigner()).lastSeenEvent(seen).open(conn.endpoint(), conn.transport());
        } catch (RuntimeException e) {
          throw new ApiException(502, "the programmer could not open a session with pump " + records.serial() + ": " + e.getMessage(),
              "serial", records.serial(), null);
        }
        try (session) {
          Map<String, Object> out;
          try {
            out = step.apply(new Visit(who, patient, request.ip(), body, records, session, conn));
          } catch (ApiException e) {
            throw e;
          } catch (org.openitb.programmer.ProgrammerException | org.openitb.link.LinkException e) {
            // No session record, so the event position is not moved on: the next session re-reads these events (safe).
            throw new ApiException(502, "the pump did not answer the programmer: " + e.getMessage()
                + "; nothing is assumed, interrogate again", "serial", records.serial(), null);
          }
          int status = Boolean.FALSE.equals(out.get("completed")) ? 422 : 200;
          return new Once.Reply(status, out);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------ workflows

  private Map<String, Object> interrogate(Visit v) {
    closePreviews(v, "an interrogation");
    Interrogation i = v.session().interrogate();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("completed", true);
    out.put("pump", status(i));
    List<Long> alarms = new ArrayList<>();
    long recordId = jdbi.inTransaction(h -> {
      for (int code : i.activeAlarms()) {
        String kind = "PUMP_ALARM_" + code;
        boolean open = h.createQuery("SELECT COUNT(*) FROM alarm WHERE patient_id = :p AND kind = :k AND cleared_at IS NULL")
            .bind("p", v.patient()).bind("k", kind).mapTo(Long.class).one() > 0;
        if (!open) {
          long id = h.createUpdate("INSERT INTO alarm(patient_id, at, kind, critical) VALUES (:p, :at, :k, :c)")
              .bind("p", v.patient()).bind("at", now()).bind("k", kind).bind("c", false)
              .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
          Audit.record(h, clock, v.who(), v.ip(), "create", "alarm", id, "patient=" + v.patient() + " kind=" + kind + " read from pump "
              + v.records().serial());
          alarms.add(id);
        }
      }
      return storeSession(h, v, "interrogate: reservoir " + i.status().reservoir() + ", alarms " + i.activeAlarms());
    });
    out.put("alarmsRecorded", alarms);
    out.put("sessionRecordId", recordId);
    return out;
  }

  private Map<String, Object> refill(Visit v) {
    Body b = v.body();
    long version = Once.therapyVersion(b);
    Volume fill = Volume.parse(b.text("fill", 20), "fill", null);
    closePreviews(v, "a refill");
    checkVersion(v.patient(), version);
    Interrogation before = v.session().interrogate();
    Therapy running = before.therapy().orElseThrow(() -> ApiException.conflict("the pump has no therapy programmed; program one first"));
    Prescription old = running.prescription();
    Concentration conc = b.has("concentration") ? Concentration.parse(b.text("concentration", 40), "concentration", null) : old.concentration();
    Optional<DoseRate> newDose = b.has("dose") ? Optional.of(DoseRate.parse(b.text("dose", 40), "dose", null)) : Optional.empty();
    Volume alarm = b.has("lowReservoirAlarm") ? Volume.parse(b.text("lowReservoirAlarm", 20), "lowReservoirAlarm", null) : running.lowReservoirAlarm();
    int buffer = b.has("bufferDays") ? (int) b.integer("bufferDays", 0, MAX_BUFFER_DAYS) : RefillCalculator.DEFAULT_BUFFER_DAYS;
    Prescription next = new Prescription(old.drug(), conc, newDose.<org.openitb.therapy.prescription.BasalProgram>map(SimpleContinuous::new)
        .orElse(old.basal()), old.scheduledBoluses(), old.patientBolus());
    Optional<Volume> given = b.has("withdrawn") ? Optional.of(Volume.parse(b.text("withdrawn", 20), "withdrawn", null)) : Optional.empty();
    Optional<SecondPerson.Verified> second;
    if (!conc.equals(old.concentration())) {
      // The new alarm and refill-by dates are shown, and confirmed, before the reservoir is touched; then the second person.
      jdbi.withHandle(h -> refills.planCheck(h, v.patient(), now(), fill, conc, newDose.orElse(DailyDoseOf.noon(old)))).require(b);
      second = Optional.of(secondPerson.require(b, v.who(), v.ip(), v.patient(), PUMP_REFILL,
          "a concentration change needs a second person before the reservoir is touched"));
    } else {
      second = SecondPerson.given(b) ? secondPerson.verify(b, v.who(), v.ip(), v.patient(), PUMP_REFILL) : Optional.empty();
    }
    Optional<Confirmation> confirmation = second.map(SecondPerson.Verified::confirmation);
    // A simulated pump is only read here: its needle work happens when the pump accepts the refill, after the safety
    // chain and the second person, so a refill refused before that leaves the virtual reservoir untouched.
    Optional<Volume> measured = given.isPresent() ? Optional.empty() : v.connection().simulatedWithdrawal();
    Volume withdrawn = given.or(() -> measured).orElseThrow(() -> ApiException.badRequest("missing field withdrawn: the volume withdrawn"
        + " from the reservoir, as measured", "withdrawn", "", "a volume, e.g. \"3.2 mL\""));
    RefillWorkflow.Result r = RefillWorkflow.run(v.session(), new RefillWorkflow.Request(withdrawn, old.drug(), conc, fill, next, alarm,
        buffer, confirmation));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("completed", r.completed());
    out.put("summary", r.summary());
    if (!r.completed()) {
      out.put("error", r.summary());
    }
    out.put("withdrawn", withdrawn.toString());
    out.put("withdrawnMeasuredBy", given.isPresent() ? "entered" : "simulated needle");
    out.put("expected", r.reconciliation().expected().toString());
    out.put("discrepancy", r.reconciliation().discrepancy().toString());
    out.put("flagged", r.reconciliation().flagged());
    out.put("interpretation", r.reconciliation().interpretation());
    out.put("checks", checks(r.safety().checks()));
    out.put("steps", r.steps().stream().map(DoseChange::outcome).toList());
    out.put("bridge", r.bridge().map(br -> Refills.bridgeDetail(br)).orElse(null));
    out.put("refillBy", r.plan().map(p -> p.refillBy().toString()).orElse(null));
    out.put("secondPerson", second.map(SecondPerson.Verified::username).orElse(null));
    Map<String, Object> stored = jdbi.inTransaction(h -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("sessionRecordId", storeSession(h, v, "refill: " + r.summary() + second.map(sp -> "; " + sp.audit()).orElse("")));
      if (r.completed()) {
        Once.bumpTherapyVersion(h, v.patient(), version);
        Optional<Concentration> c = conc.equals(old.concentration()) ? Optional.empty() : Optional.of(conc);
        Refills.Outcome o = refills.perform(h, v.patient(), now(), withdrawn, fill, Optional.of(r.reconciliation().expected()), c,
            newDose, v.who(), v.ip(), second);
        s.put("refillId", o.refillId());
        s.put("therapyVersion", version + 1);
      }
      return s;
    });
    out.putAll(stored);
    out.put("pump", status(v.session().interrogate()));
    return out;
  }

  /** The running basal dose of a simple prescription (the clinic's records hold simple continuous ones). */
  private static final class DailyDoseOf {
    static DoseRate noon(Prescription p) {
      return p.basal().rateAt(java.time.LocalTime.NOON);
    }
  }

  /** 409 before anything is sent to the pump when the patient's therapy changed since the form was opened. */
  void checkVersion(long patient, long version) {
    jdbi.useTransaction(h -> {
      long now = h.createQuery("SELECT therapy_version FROM patient WHERE id = :p").bind("p", patient).mapTo(Long.class).one();
      if (now != version) {
        throw new ApiException(409, "the patient's therapy changed since this form was opened (version " + version + ", now " + now + "): "
            + Once.lastChange(h, patient) + "; reload the record and check before entering the change again; nothing was sent to the pump",
            "therapyVersion", Long.toString(version), Long.toString(now));
      }
    });
  }

  /** Any other pump action cancels the patient's open dose-change previews: a commit must follow its own preview directly. */
  void closePreviews(Visit v, String by) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE pump_preview SET closed_at = :now, closed_reason = :r WHERE patient_id = :p AND closed_at IS NULL")
        .bind("now", now()).bind("r", "cancelled by " + by + " (" + v.who().username() + ", " + Text.dateTime(now()) + ")")
        .bind("p", v.patient()).execute());
  }

  private Map<String, Object> postMri(Visit v) {
    closePreviews(v, "a post-MRI check");
    Optional<Long> scan = v.body().has("scanId") ? Optional.of(v.body().integer("scanId", 1, Long.MAX_VALUE)) : Optional.empty();
    PostMriCheck.Result m = PostMriCheck.run(v.session());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("completed", true);
    out.put("passed", m.passed());
    out.put("stalls", m.stalls().size());
    out.put("recoveries", m.recoveries().size());
    out.put("deliveryConfirmed", m.deliveryConfirmed());
    out.put("flagWasSet", m.flagWasSet());
    out.put("flagCleared", m.flagCleared());
    out.put("findings", m.findings());
    String result = (m.passed() ? "passed (programmer): " : "NOT passed (programmer): ") + String.join("; ", m.findings());
    out.putAll(jdbi.inTransaction(h -> {
      Map<String, Object> s = new LinkedHashMap<>();
      long sessionId = storeSession(h, v, "post-MRI check: " + result);
      s.put("sessionRecordId", sessionId);
      // Only a scan that has taken place (not a planned one) is closed by this check.
      Optional<Long> target = scan.isPresent() ? scan : h.createQuery("SELECT id FROM mri_scan WHERE patient_id = :p AND checked_at IS NULL "
          + "AND scan_at < :now ORDER BY scan_at DESC, id DESC LIMIT 1").bind("p", v.patient()).bind("now", now()).mapTo(Long.class).findOne();
      if (target.isPresent() && m.passed()) {
        int n = h.createUpdate("UPDATE mri_scan SET checked_at = :now, check_result = :r, checked_by = :by, check_session_id = :s "
                + "WHERE id = :id AND patient_id = :p AND scan_at < :now")
            .bind("now", now()).bind("r", result.length() > 1000 ? result.substring(0, 1000) : result).bind("id", target.get())
            .bind("by", v.who().username()).bind("s", sessionId).bind("p", v.patient()).execute();
        if (n == 0) {
          throw ApiException.notFound("mri_scan " + target.get() + " of patient " + v.patient());
        }
        Audit.record(h, clock, v.who(), v.ip(), "update", "mri_scan", target.get(), "patient=" + v.patient() + " " + result);
        s.put("scanId", target.get());
      }
      return s;
    }));
    return out;
  }

  // ------------------------------------------------------------------------------ helpers

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  void storeAfter(Visit v, String what) {
    jdbi.useTransaction(h -> storeSession(h, v, what));
  }

  /**
   * The last pump event the clinic has seen for {@code serial}: the highest position stored with its session records
   * (0: none, read the whole log).
   */
  static long lastSeenEvent(Handle h, String serial) {
    return h.createQuery("SELECT COALESCE(MAX(last_pump_event), 0) FROM session_record WHERE pump_serial = :s").bind("s", serial)
        .mapTo(Long.class).one();
  }

  /**
   * Stores the session record so far as an imported programmer session record, with its audit row, and with it the
   * position in the pump's event log the session has read to (one INSERT: the record and the position cannot part).
   */
  long storeSession(Handle h, Visit v, String what) {
    String json = SessionRecords.toJson(v.session().record());
    long id = SessionRecordRows.insert(h, v.patient(), now(), v.session().record().schemaVersion(), json, v.who().username(),
            v.records().serial(), v.session().lastSeenEvent())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    Audit.record(h, clock, v.who(), v.ip(), "pump-session", "session_record", id, "patient=" + v.patient() + " pump="
        + v.records().serial() + " " + what);
    return id;
  }

  static List<Map<String, Object>> checks(List<Finding> checks) {
    return checks.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", c.step());
      m.put("verdict", SafetyReport.verdict(c));
      m.put("reason", c.message());
      return m;
    }).toList();
  }

  static Map<String, Object> status(Interrogation i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pumpTime", i.pumpLocalTime().toString());
    m.put("reservoir", i.status().reservoir().toString());
    m.put("delivery", i.status().delivery().name());
    m.put("battery", i.status().battery().name());
    m.put("batteryPercent", i.status().batteryPercent());
    m.put("currentRate", i.status().currentRate().toString());
    m.put("interrogationRequired", i.status().interrogationRequired());
    m.put("activeAlarms", i.activeAlarms());
    m.put("lastEvent", i.status().lastEventSequence());
    m.put("newEvents", i.newEvents().size());
    m.put("therapyChecksum", i.checksum().toString());
    i.therapy().ifPresent(t -> {
      m.put("drug", t.prescription().drug().name());
      m.put("concentration", t.prescription().concentration().toString());
      m.put("dose", t.prescription().basal().rateAt(java.time.LocalTime.NOON).toString());
      m.put("lowReservoirAlarm", t.lowReservoirAlarm().toString());
    });
    i.resolved().ifPresent(r -> m.put("resolved", r.toString()));
    return m;
  }

  /** What the programmer needs from the records: pump model, catheter, etiology and the last dose increase. */
  private static PatientContext context(Handle h, long patient, org.openitb.clinic.records.Therapy t) {
    Map<String, Object> p = h.createQuery("SELECT etiology, age_group FROM patient WHERE id = :id").bind("id", patient).mapToMap().one();
    List<Map<String, Object>> rx = h.createQuery("SELECT start_at, dose_ng_per_day FROM prescription WHERE patient_id = :p "
        + "ORDER BY start_at, id").bind("p", patient).mapToMap().list();
    Optional<LocalDateTime> lastIncrease = Optional.empty();
    for (int k = 1; k < rx.size(); k++) {
      if (Rows.num(rx.get(k).get("dose_ng_per_day")) > Rows.num(rx.get(k - 1).get("dose_ng_per_day"))) {
        lastIncrease = Optional.of(Rows.dateTime(rx.get(k).get("start_at")));
      }
    }
    return new PatientContext(t.pump(), CatheterModel.GENERIC, t.catheterLengthCm(),
        org.openitb.clinic.records.Therapy.doseEtiology((String) p.get("etiology"), (String) p.get("age_group")), lastIncrease);
  }
}
