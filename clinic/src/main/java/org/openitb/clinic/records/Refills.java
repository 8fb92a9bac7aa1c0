// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.calc.BridgeBolus;
import org.openitb.therapy.calc.DailyVolume;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.therapy.calc.RefillPlan;
import org.openitb.therapy.calc.RefillReconciliation;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.pump.CoSigns;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.Role;
import org.openitb.clinic.security.SecondPerson;
import org.openitb.clinic.security.Sessions;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * The refill record: reconciles expected against withdrawn volume, applies a concentration or
 * dose change (with the bridge bolus it needs), and plans the next alarm and refill-by dates with
 * therapy's RefillCalculator. The refill, any new prescription and the audit rows commit together.
 */
public final class Refills {
  static final long SECONDS_PER_DAY = 86_400;
  private final Jdbi jdbi;
  private final Clock clock;

  public Refills(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** The outcome of one refill, as stored and as shown. */
  public record Outcome(long refillId, RefillReconciliation reconciliation, RefillPlan plan, Optional<BridgeBolus> bridge) {}

  /** The write a co-sign names for this route (see {@link CoSigns}). */
  public static final String ACTION = "refills";
  /** Hex characters of a refill plan's confirmation token (it guards against a slip, not an attacker). */
  static final int PLAN_TOKEN_CHARS = 16;

  /**
   * Records a refill. A concentration or dose change with it is a clinician's order (403 for anyone else), and a
   * concentration change also needs a second person and the new alarm and refill-by dates seen before it is saved:
   * the first answer is 400 with {@code plan} and {@code confirmationToken}, the same request with {@code confirmed}
   * set to that token saves it. {@code therapyVersion} must be the patient's current one (409 otherwise).
   */
  public Responses.RefillResult record(long patient, Body b, Principal who, String ip, SecondPerson secondPerson) {
    long version = Once.therapyVersion(b);
    Volume withdrawn = Volume.parse(b.text("withdrawn", 20), "withdrawn", null);
    Volume fill = Volume.parse(b.text("fill", 20), "fill", null);
    Optional<Volume> expectedGiven = b.has("expected") ? Optional.of(Volume.parse(b.text("expected", 20), "expected", null)) : Optional.empty();
    Optional<Concentration> newConc = b.has("concentration")
        ? Optional.of(Concentration.parse(b.text("concentration", 40), "concentration", null)) : Optional.empty();
    Optional<DoseRate> newDose = b.has("dose") ? Optional.of(DoseRate.parse(b.text("dose", 40), "dose", null)) : Optional.empty();
    LocalDateTime at = b.dateTime("at", LocalDateTime.now(clock));
    if (at.isAfter(LocalDateTime.now(clock))) {
      throw ApiException.badRequest("a refill cannot be recorded in the future", "at", at.toString(), "now or earlier");
    }
    Therapy.Current current = jdbi.withHandle(h -> Therapy.require(h, patient).requirePrescription());
    boolean concChange = newConc.isPresent() && !newConc.get().equals(current.concentration());
    boolean doseChange = newDose.isPresent() && !newDose.get().equals(current.dose());
    if (concChange || doseChange) {
      requireOrder(who, concChange);
    }
    Optional<SecondPerson.Verified> second = Optional.empty();
    if (concChange) {
      PlanCheck check = jdbi.withHandle(h -> planCheck(h, patient, at, fill, newConc.get(), newDose.orElse(current.dose())));
      check.require(b);
      second = Optional.of(secondPerson.require(b, who, ip, patient, ACTION, "a concentration change at a refill needs a second person"));
    } else if (SecondPerson.given(b)) {
      second = secondPerson.verify(b, who, ip, patient, ACTION);
    }
    Optional<SecondPerson.Verified> sp = second;
    Outcome o = jdbi.inTransaction(h -> {
      Once.bumpTherapyVersion(h, patient, version);
      return perform(h, patient, at, withdrawn, fill, expectedGiven, newConc, newDose, who, ip, sp);
    });
    Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM refill WHERE id = :id").bind("id", o.refillId()).mapToMap().one());
    // deliveryStopsAt: when the pump stops delivering (its stop volume), hours to days before the reservoir is physically empty
    return new Responses.RefillResult(Responses.Refill.of(row), o.reconciliation().discrepancy().toString(), o.plan().warnings(),
        o.plan().deliveryStopsAt().map(Object::toString).orElse(null), o.plan().conservativeDeliveryStopsAt().map(Object::toString).orElse(null),
        o.bridge().map(BridgeBolus::required).orElse(false), o.bridge().map(Refills::bridgeDetail).orElse(null),
        sp.map(SecondPerson.Verified::username).orElse(null), version + 1);
  }

  /** A concentration or dose change is a clinician's order, whoever else records the refill. */
  public static void requireOrder(Principal who, boolean concentration) {
    if (who.role() != Role.CLINICIAN) {
      throw ApiException.forbidden("a " + (concentration ? "concentration" : "dose") + " change is a clinician's order: a " + who.role()
          .name().toLowerCase(java.util.Locale.ROOT) + " records the refill at the prescribed concentration and dose; ask a clinician to "
          + "order the change (they perform the refill with it)");
    }
  }

  /**
   * The new alarm and refill-by dates of a refill that changes the concentration, beside the interval the same fill
   * would give at the concentration in the pump now, with the token that confirms exactly this plan.
   */
  public record PlanCheck(Map<String, Object> plan, String token) {
    public void require(Body b) {
      if (!token.equals(b.optText("confirmed", PLAN_TOKEN_CHARS * 2, ""))) {
        throw ApiException.badRequest("confirmation required: a concentration change moves the alarm and refill-by dates (" + plan.get("text")
                + "); review them and send the same request again with confirmed set to the confirmationToken", "confirmed",
                b.optText("confirmed", PLAN_TOKEN_CHARS * 2, ""), "the confirmationToken of this response (it confirms this plan only)")
            .with("confirmationRequired", true).with("confirmationToken", token).with("plan", plan);
      }
    }
  }

  public PlanCheck planCheck(Handle h, long patient, LocalDateTime at, Volume fill, Concentration conc, DoseRate dose) {
    Therapy t = Therapy.require(h, patient);
    Therapy.Current rx = t.requirePrescription();
    RefillPlan now = RefillCalculator.plan(t.pump(), fill, at, rx.prescription(), rx.alarmVolume(), RefillCalculator.DEFAULT_BUFFER_DAYS);
    RefillPlan next = RefillCalculator.plan(t.pump(), fill, at, Prescription.simple(rx.prescription().drug(), conc, dose), rx.alarmVolume(),
        RefillCalculator.DEFAULT_BUFFER_DAYS);
    long daysNow = Duration.between(at, now.refillBy()).toDays();
    long daysNext = Duration.between(at, next.refillBy()).toDays();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("concentration", rx.concentration() + " -> " + conc);
    m.put("dose", rx.dose() + (dose.equals(rx.dose()) ? "" : " -> " + dose));
    m.put("fill", fill.toString());
    m.put("alarmAt", next.alarmAt().map(Text::dateTime).orElse("-"));
    m.put("refillBy", Text.date(next.refillBy().toLocalDate()));
    m.put("daysToRefillBy", daysNext);
    m.put("daysAtCurrentConcentration", daysNow);
    m.put("warnings", next.warnings());
    String text = "low-reservoir alarm " + m.get("alarmAt") + ", refill by " + m.get("refillBy") + ": " + daysNext + " days, against "
        + daysNow + " days at " + rx.concentration();
    if (daysNext < daysNow) {
      text += "; the refill interval SHORTENS by " + (daysNow - daysNext) + " days";
    }
    m.put("text", text);
    String token = Sessions.sha256(patient + "|" + fill.nanolitres() + "|" + conc.nanogramsPerMillilitre() + "|" + dose.nanogramsPerDay() + "|"
        + next.refillBy()).substring(0, PLAN_TOKEN_CHARS);
    return new PlanCheck(m, token);
  }

  public Outcome perform(Handle h, long patient, LocalDateTime at, Volume withdrawn, Volume fill, Optional<Volume> expectedGiven,
      Optional<Concentration> newConc, Optional<DoseRate> newDose, Principal who, String ip, Optional<SecondPerson.Verified> second) {
    Therapy t = Therapy.require(h, patient);
    Therapy.Current rx = t.requirePrescription();
    Volume expected = expectedGiven.orElseGet(() -> expected(h, patient, at, t, rx)
        .orElseThrow(() -> new InvalidValueException("expected", "", "the programmer's expected reservoir volume, e.g. \"3.2 mL\"",
            "no earlier refill to compute the expected volume from; give it")));
    RefillReconciliation rec = RefillReconciliation.of(t.pump(), expected, withdrawn);
    Concentration conc = newConc.orElse(rx.concentration());
    DoseRate dose = newDose.orElse(rx.dose());
    Optional<BridgeBolus> bridge = Optional.empty();
    if (!conc.equals(rx.concentration()) || !dose.equals(rx.dose())) {
      checkDose(h, patient, dose);
      if (!conc.equals(rx.concentration())) {
        bridge = Optional.of(BridgeBolus.of(dose, rx.concentration(), conc, t.deadVolume(), t.pump()));
      }
      long rxId = Records.insertPrescription(h, patient, at, rx.prescription().drug().name(), conc, dose, rx.alarmVolume(), who.username());
      Audit.record(h, clock, who, ip, "create", "prescription", rxId, "patient=" + patient + " at refill: dose=" + dose + " concentration=" + conc
          + second.map(sp -> "; " + sp.audit()).orElse(""));
    }
    // the conservative dates count every patient bolus the prescription allows, as the calculator and the programmer do
    Prescription next = withBolus(Prescription.simple(rx.prescription().drug(), conc, dose), rx.prescription().patientBolus());
    RefillPlan plan = RefillCalculator.plan(t.pump(), fill, at, next, rx.alarmVolume(), RefillCalculator.DEFAULT_BUFFER_DAYS);
    long id = h.createUpdate("INSERT INTO refill(patient_id, at, pump_model, expected_nl, withdrawn_nl, discrepancy_nl, discrepancy_limit_nl, "
            + "flagged, interpretation, resolved, fill_nl, concentration_ng_per_ml, dose_ng_per_day, alarm_volume_nl, alarm_at, "
            + "conservative_alarm_at, refill_by, bridge, performed_by) VALUES (:p, :at, :m, :e, :w, :d, :l, :f, :i, :r, :fill, :c, :dose, "
            + ":a, :aa, :caa, :rb, :br, :by)")
        .bind("p", patient).bind("at", at).bind("m", t.pump().name()).bind("e", expected.nanolitres()).bind("w", withdrawn.nanolitres())
        .bind("d", rec.discrepancy().nanolitres()).bind("l", rec.limit().nanolitres()).bind("f", rec.flagged())
        .bind("i", rec.interpretation()).bind("r", !rec.flagged()).bind("fill", fill.nanolitres())
        .bind("c", conc.nanogramsPerMillilitre()).bind("dose", dose.nanogramsPerDay()).bind("a", rx.alarmVolume().nanolitres())
        .bind("aa", plan.alarmAt().orElse(null)).bind("caa", plan.conservativeAlarmAt().orElse(null)).bind("rb", plan.refillBy())
        .bind("br", bridge.map(Refills::bridgeDetail).orElse(null)).bind("by", who.username())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    second.ifPresent(sp -> h.createUpdate("UPDATE refill SET second_person = :s WHERE id = :id").bind("s", sp.username() + " ("
        + sp.role().name().toLowerCase(java.util.Locale.ROOT) + ", " + sp.how() + ")").bind("id", id).execute());
    Audit.record(h, clock, who, ip, "create", "refill", id, "patient=" + patient + " expected=" + expected + " withdrawn=" + withdrawn
        + " flagged=" + rec.flagged() + " fill=" + fill + " refillBy=" + plan.refillBy() + second.map(sp -> "; " + sp.audit()).orElse(""));
    return new Outcome(id, rec, plan, bridge);
  }

  static Prescription withBolus(Prescription p, Optional<org.openitb.therapy.prescription.PatientBolusAllowance> bolus) {
    return bolus.map(p::withPatientBolus).orElse(p);
  }

  private static void checkDose(Handle h, long patient, DoseRate dose) {
    Map<String, Object> p = h.createQuery("SELECT etiology, age_group FROM patient WHERE id = :id").bind("id", patient).mapToMap().one();
    Etiology e = Therapy.doseEtiology((String) p.get("etiology"), (String) p.get("age_group"));
    var limits = DrugLibrary.baclofen().limits(e);
    if (dose.isZero() || !limits.withinHard(dose)) {
      throw new InvalidValueException("dose", dose.toString(), "> 0 and <= " + limits.hardMax() + " (" + e + ")", "outside the hard limit");
    }
  }

  /**
   * The volume expected in the reservoir at {@code at}: from the last refill or, for the first refill after an
   * implant, from the full reservoir filled at implant (noon of the implant day).
   */
  static Optional<Volume> expected(Handle h, long patient, LocalDateTime at, Therapy t, Therapy.Current rx) {
    return expectedFromLastRefill(h, patient, at).or(() -> {
      LocalDateTime filled = t.implantDate().atTime(java.time.LocalTime.NOON);
      if (filled.isAfter(at)) {
        return Optional.empty();
      }
      long seconds = Duration.between(filled, at).toSeconds();
      Fraction used = DailyVolume.of(rx.prescription()).totalNanolitres().times(seconds).dividedBy(SECONDS_PER_DAY);
      BigInteger left = BigInteger.valueOf(t.pump().reservoir().nanolitres()).subtract(used.ceil());
      return Optional.of(Volume.ofNanolitres(left.signum() < 0 ? 0 : left.longValueExact()));
    });
  }

  public void requirePatient(long id) {
    if (jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient WHERE id = :p").bind("p", id).mapTo(Long.class).one()) == 0) {
      throw ApiException.notFound("patient " + id);
    }
  }

  /** What the nurse needs before the needle goes in (the refill worksheet). */
  public Responses.Worksheet worksheet(long patient) {
    return jdbi.withHandle(h -> {
      Map<String, Object> p = h.createQuery("SELECT name, mrn, therapy_version FROM patient WHERE id = :p").bind("p", patient).mapToMap().one();
      Therapy t = Therapy.require(h, patient);
      Therapy.Current rx = t.requirePrescription();
      LocalDateTime now = LocalDateTime.now(clock);
      Optional<Map<String, Object>> last = h.createQuery("SELECT at, fill_nl, refill_by FROM refill WHERE patient_id = :p ORDER BY at DESC, id DESC "
          + "LIMIT 1").bind("p", patient).mapToMap().findOne();
      return new Responses.Worksheet(patient, (String) p.get("name"), (String) p.get("mrn"), Rows.num(p.get("therapy_version")), t.pump().name(),
          t.serial(), t.pump().reservoir().toString(), rx.prescription().drug().name(), rx.concentration().toString(), rx.dose().toString(),
          rx.alarmVolume().toString(), expected(h, patient, now, t, rx).map(Volume::toString).orElse(null),
          last.map(r -> "the refill of " + Text.dateTime(Rows.dateTime(r.get("at"))) + " (" + Volume.ofNanolitres(Rows.num(r.get("fill_nl")))
              + ")").orElse("the fill at implant on " + Text.date(t.implantDate())),
          t.pump().refillDiscrepancyLimit().toString(), last.map(r -> Text.date(Rows.dateTime(r.get("refill_by")).toLocalDate())).orElse(null),
          Text.dateTime(now));
    });
  }

  /**
   * The last fill minus what the prescriptions in force consumed since, floored at zero (rounded down to whole nL): a dose
   * changed between refills counts at each rate for its own stretch ({@link Forecasts}).
   */
  public static Optional<Volume> expectedFromLastRefill(Handle h, long patient, LocalDateTime at) {
    return h.createQuery("SELECT * FROM refill WHERE patient_id = :p AND at <= :at ORDER BY at DESC, id DESC LIMIT 1")
        .bind("p", patient).bind("at", at).mapToMap().findOne().map(r -> Forecasts.volumeAt(h, r, at));
  }

  public static String bridgeDetail(BridgeBolus b) {
    if (!b.required()) {
      return "no bridge bolus needed (same concentration)";
    }
    return "bridge bolus: deliver " + b.bridgeVolume() + " of " + b.oldConcentration()
        + (b.bridgeVolume().equals(b.deadVolume()) ? " (the dead volume)" : " (the dead volume " + b.deadVolume() + " less the pump's accuracy margin)")
        + " at " + b.bridgeRate()
        + " for " + b.bridgeHours().toPlainString(1, RoundingMode.UP) + " h (" + b.bridgeDose() + "), then " + b.newRate()
        + " of " + b.newConcentration() + ". Without it: " + b.doseWithoutBridgePercent().toPlainString(0, RoundingMode.HALF_UP)
        + "% of the dose for " + b.hoursAffectedWithoutBridge().toPlainString(1, RoundingMode.UP) + " h ("
        + b.effectWithoutBridge().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")";
  }
}
