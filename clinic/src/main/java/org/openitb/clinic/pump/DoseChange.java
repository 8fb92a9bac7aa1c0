// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.pump;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openitb.link.message.Therapy;
import org.openitb.programmer.Interrogation;
import org.openitb.programmer.Outcome;
import org.openitb.programmer.Preview;
import org.openitb.programmer.ProposalOutcome;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.records.Once;
import org.openitb.clinic.records.Records;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.SecondPerson;
import org.openitb.clinic.store.Rows;

/**
 * A dose change through the programmer as one transaction (DESIGN.md invariant 5): the preview
 * (the safety chain's checks and the pump's old-beside-new, stored in {@code pump_preview} with a
 * token, valid {@link #PREVIEW_VALID}) and the commit of exactly that preview by the person who
 * reviewed it, read back and recorded as the patient's prescription. Any other pump action on the
 * patient cancels an open preview ({@link PumpWorkflows#closePreviews}).
 */
final class DoseChange {
  /** The write a co-sign names for the commit (see {@link CoSigns}). */
  static final String DOSE_COMMIT = "pump/dose/commit";
  /** How long a dose-change preview can be committed. */
  static final java.time.Duration PREVIEW_VALID = java.time.Duration.ofMinutes(15);
  private final Jdbi jdbi;
  private final Clock clock;
  private final SecondPerson secondPerson;
  private final PumpWorkflows workflows;

  DoseChange(Jdbi jdbi, Clock clock, SecondPerson secondPerson, PumpWorkflows workflows) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.secondPerson = secondPerson;
    this.workflows = workflows;
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /** Proposes the dose to the pump and stores the preview a commit must name; nothing changes on the pump. */
  Map<String, Object> preview(PumpWorkflows.Visit v) {
    long version = Once.therapyVersion(v.body());
    workflows.closePreviews(v, "a newer preview");
    workflows.checkVersion(v.patient(), version);
    Interrogation i = v.session().interrogate();
    Volume alarmGiven = v.body().has("lowReservoirAlarm")
        ? Volume.parse(v.body().text("lowReservoirAlarm", 20), "lowReservoirAlarm", null) : null;
    DoseRate dose = DoseRate.parse(v.body().text("dose", 40), "dose", null);
    Therapy proposed = proposedTherapy(i, dose, Optional.ofNullable(alarmGiven));
    ProposalOutcome p = v.session().propose(proposed);
    Map<String, Object> out = preview(p);
    out.put("doseEntered", v.body().text("dose", 40));
    out.put("dailyTotal", dose.toString());
    if (p instanceof Preview pv) {
      String token = randomToken();
      String summary = String.join("; ", pv.sideBySide().stream().filter(row -> row.size() == 3 && !row.get(1).equals(row.get(2)))
          .map(row -> row.get(0) + " " + row.get(1) + " -> " + row.get(2)).toList()) + " (pump " + v.records().serial() + ", checksum "
          + pv.checksum() + ")";
      com.fasterxml.jackson.databind.node.ObjectNode req = SecondPerson.object();
      req.put("dose", dose.toString());
      req.put("lowReservoirAlarm", proposed.lowReservoirAlarm().toString());
      req.put("therapyVersion", version);
      jdbi.useTransaction(h -> {
        h.createUpdate("INSERT INTO pump_preview(token, patient_id, pump_serial, user_id, request, old_checksum, new_checksum, summary, created_at) "
                + "VALUES (:t, :p, :s, :u, :r, :o, :n, :sum, :at)")
            .bind("t", token).bind("p", v.patient()).bind("s", v.records().serial()).bind("u", v.who().userId()).bind("r", req.toString())
            .bind("o", i.checksum().toString()).bind("n", pv.checksum().toString()).bind("sum", summary).bind("at", now()).execute();
        Audit.record(h, clock, v.who(), v.ip(), "preview", "pump_therapy", null, "patient=" + v.patient() + " pump=" + v.records().serial()
            + " proposed " + summary);
      });
      out.put("previewToken", token);
      out.put("summary", summary);
      out.put("expiresAt", now().plus(PREVIEW_VALID).toString());
    } else {
      jdbi.useTransaction(h -> Audit.record(h, clock, v.who(), v.ip(), "preview", "pump_therapy", null, "patient=" + v.patient()
          + " pump=" + v.records().serial() + " proposed " + dose + ": refused"));
    }
    return out;
  }

  /**
   * Commits exactly the preview named by {@code previewToken}: made by this user for this patient, still open (no
   * other pump action since), not expired, the pump still running what it ran then, and the pump's new preview of
   * the stored request having the same checksum. A {@code dose} sent with it must be the previewed one.
   */
  Map<String, Object> commit(PumpWorkflows.Visit v) {
    String token = v.body().text("previewToken", 64);
    Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM pump_preview WHERE token = :t AND patient_id = :p")
        .bind("t", token).bind("p", v.patient()).mapToMap().findOne())
        .orElseThrow(() -> new ApiException(409, "no such dose-change preview for this patient: preview the change first", "previewToken", token,
            "the previewToken of this patient's latest preview"));
    if (row.get("closed_at") != null) {
      throw new ApiException(409, "this preview can no longer be committed: " + row.get("closed_reason") + "; nothing was changed, preview "
          + "again", "previewToken", token, "an open preview");
    }
    if (Rows.num(row.get("user_id")) != v.who().userId()) {
      throw new ApiException(409, "this preview was made by another user; the person who reviewed it commits it", "previewToken", token,
          "a preview you made");
    }
    if (Rows.dateTime(row.get("created_at")).plus(PREVIEW_VALID).isBefore(now())) {
      close(token, "expired");
      throw new ApiException(409, "this preview is older than " + PREVIEW_VALID.toMinutes() + " minutes; preview again", "previewToken", token,
          "a preview of the last " + PREVIEW_VALID.toMinutes() + " minutes");
    }
    Body req = Body.parse((String) row.get("request"));
    DoseRate dose = DoseRate.parse(req.text("dose", 40), "dose", null);
    if (v.body().has("dose")) {
      DoseRate sent = DoseRate.parse(v.body().text("dose", 40), "dose", null);
      if (!sent.equals(dose)) {
        throw new ApiException(409, "the dose sent (" + sent + ") is not the previewed dose (" + dose + "): preview the new dose", "dose",
            sent.toString(), dose.toString());
      }
    }
    long version = req.integer("therapyVersion", 1, Integer.MAX_VALUE);
    workflows.checkVersion(v.patient(), version);
    Optional<SecondPerson.Verified> second = SecondPerson.given(v.body())
        ? secondPerson.verify(v.body(), v.who(), v.ip(), v.patient(), DOSE_COMMIT) : Optional.empty();
    Interrogation i = v.session().interrogate();
    if (!i.checksum().toString().equalsIgnoreCase((String) row.get("old_checksum"))) {
      close(token, "the pump's therapy changed since the preview");
      throw new ApiException(409, "the pump's therapy changed since the preview (checksum " + row.get("old_checksum") + " then, " + i.checksum()
          + " now); nothing was committed: preview again", "previewToken", token, "a preview of the therapy the pump runs now");
    }
    Therapy proposed = proposedTherapy(i, dose, Optional.of(Volume.parse(req.text("lowReservoirAlarm", 20), "lowReservoirAlarm", null)));
    ProposalOutcome p = v.session().propose(proposed);
    if (!(p instanceof Preview pv)) {
      Map<String, Object> out = preview(p);
      close(token, "refused on re-proposal");
      workflows.storeAfter(v, "dose change refused on re-proposal");
      return out;
    }
    if (!pv.checksum().toString().equalsIgnoreCase((String) row.get("new_checksum"))) {
      close(token, "the pump's preview changed");
      throw new ApiException(409, "the pump's preview changed since you reviewed it (checksum " + pv.checksum() + ", you confirmed "
          + row.get("new_checksum") + "): preview again", "previewToken", token, pv.checksum().toString());
    }
    if (pv.secondPersonRequired() && second.isEmpty()) {
      Map<String, Object> out = preview(pv);
      out.put("completed", false);
      out.put("secondPersonRequired", true);
      out.put("error", "a second person must confirm this change: "
          + String.join("; ", pv.safety().secondPersonReasons().stream().map(Finding::message).toList())
          + "; they sign with their own password or approve a co-sign from their own login. Nothing was sent");
      throw ApiException.badRequest((String) out.get("error"), "secondPerson", "", "another clinician's or nurse's own password, or an approved cosignId")
          .with("checks", out.get("checks")).with("previewToken", token);
    }
    Outcome o = v.session().commit(pv, second.map(SecondPerson.Verified::confirmation));
    boolean done = o instanceof Outcome.Confirmed;
    close(token, done ? "committed" : "commit not confirmed: " + outcome(o).get("detail"));
    Map<String, Object> out = preview(pv);
    out.put("completed", done);
    out.put("outcome", outcome(o));
    Map<String, Object> committed = new LinkedHashMap<>();
    committed.put("drug", proposed.prescription().drug().name());
    committed.put("concentration", proposed.prescription().concentration().toString());
    committed.put("dose", dose.toString());
    committed.put("lowReservoirAlarm", proposed.lowReservoirAlarm().toString());
    if (done) {
      out.put("committed", committed);
      out.put("readBackChecksum", pv.checksum().toString());
      out.put("summary", "Committed " + dose + " of " + committed.get("drug") + " " + committed.get("concentration") + " (low-reservoir alarm "
          + committed.get("lowReservoirAlarm") + "); the pump read back checksum " + pv.checksum() + ", the therapy previewed");
    } else {
      out.put("error", outcome(o).get("detail"));
    }
    out.put("secondPerson", second.map(SecondPerson.Verified::username).orElse(null));
    out.putAll(jdbi.inTransaction(h -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("sessionRecordId", workflows.storeSession(h, v, "dose change " + (done ? "committed " : "not committed ") + pv.checksum()
          + second.map(sp -> "; " + sp.audit()).orElse("")));
      if (done) {
        Once.bumpTherapyVersion(h, v.patient(), version);
        Prescription rx = proposed.prescription();
        long rxId = Records.insertPrescription(h, v.patient(), now(), rx.drug().name(), rx.concentration(), dose, proposed.lowReservoirAlarm(),
            v.who().username());
        org.openitb.clinic.records.Forecasts.afterPrescription(h, v.patient());
        Audit.record(h, clock, v.who(), v.ip(), "create", "prescription", rxId, "patient=" + v.patient() + " committed on pump "
            + v.records().serial() + ": dose=" + dose + " read back " + pv.checksum() + second.map(sp -> "; " + sp.audit()).orElse(""));
        s.put("prescriptionId", rxId);
        s.put("therapyVersion", version + 1);
      }
      return s;
    }));
    return out;
  }

  private void close(String token, String reason) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE pump_preview SET closed_at = :now, closed_reason = :r WHERE token = :t AND closed_at IS NULL")
        .bind("now", now()).bind("r", reason).bind("t", token).execute());
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private static String randomToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Therapy proposedTherapy(Interrogation i, DoseRate dose, Optional<Volume> alarm) {
    Therapy running = i.therapy().orElseThrow(() -> ApiException.conflict("the pump has no therapy programmed"));
    Prescription old = running.prescription();
    return new Therapy(new Prescription(old.drug(), old.concentration(), new SimpleContinuous(dose), old.scheduledBoluses(), old.patientBolus()),
        alarm.orElse(running.lowReservoirAlarm()));
  }

  private static Map<String, Object> preview(ProposalOutcome p) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (p instanceof Preview pv) {
      out.put("completed", true);
      out.put("checksum", pv.checksum().toString());
      out.put("secondPersonRequired", pv.secondPersonRequired());
      out.put("sideBySide", pv.sideBySide());
      out.put("checks", PumpWorkflows.checks(pv.safety().checks()));
    } else {
      Outcome.Refused r = (Outcome.Refused) p;
      out.put("completed", false);
      out.put("error", "refused: " + r.reason());
      out.put("checks", PumpWorkflows.checks(r.checks()));
    }
    return out;
  }

  static Map<String, Object> outcome(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", o.action());
    switch (o) {
      case Outcome.Confirmed c -> {
        m.put("result", "CONFIRMED");
        m.put("detail", c.detail());
      }
      case Outcome.Refused r -> {
        m.put("result", "REFUSED");
        m.put("detail", r.reason());
        m.put("sent", r.sent());
      }
      case Outcome.Uncertain u -> {
        m.put("result", "UNCERTAIN");
        m.put("detail", u.what());
      }
    }
    return m;
  }
}
