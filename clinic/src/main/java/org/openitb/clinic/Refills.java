package org.openitb.clinic;

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

/**
 * The refill record: reconciles expected against withdrawn volume, applies a concentration or
 * dose change (with the bridge bolus it needs), and plans the next alarm and refill-by dates with
 * therapy's RefillCalculator. The refill, any new prescription and the audit rows commit together.
 */
final class Refills {
  static final long SECONDS_PER_DAY = 86_400;
  private final Jdbi jdbi;
  private final Clock clock;

  Refills(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** The outcome of one refill, as stored and as shown. */
  record Outcome(long refillId, RefillReconciliation reconciliation, RefillPlan plan, Optional<BridgeBolus> bridge) {}

  Map<String, Object> record(long patient, Body b, Principal who, String ip) {
    Volume withdrawn = Volume.parse(b.text("withdrawn", 20), "withdrawn", null);
    Volume fill = Volume.parse(b.text("fill", 20), "fill", null);
    Optional<Volume> expectedGiven = b.has("expected") ? Optional.of(Volume.parse(b.text("expected", 20), "expected", null)) : Optional.empty();
    Optional<Concentration> newConc = b.has("concentration")
        ? Optional.of(Concentration.parse(b.text("concentration", 40), "concentration", null)) : Optional.empty();
    Optional<DoseRate> newDose = b.has("dose") ? Optional.of(DoseRate.parse(b.text("dose", 40), "dose", null)) : Optional.empty();
    LocalDateTime at = b.dateTime("at", LocalDateTime.now(clock));
    Outcome o = jdbi.inTransaction(h -> perform(h, patient, at, withdrawn, fill, expectedGiven, newConc, newDose, who, ip));
    Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM refill WHERE id = :id").bind("id", o.refillId()).mapToMap().one());
    Map<String, Object> out = new LinkedHashMap<>(Rows.clean(row));
    out.put("discrepancy_text", o.reconciliation().discrepancy().toString());
    out.put("warnings", o.plan().warnings());
    // when the pump stops delivering (its stop volume), hours to days before the reservoir is physically empty
    out.put("delivery_stops_at", o.plan().deliveryStopsAt().map(Object::toString).orElse(null));
    out.put("conservative_delivery_stops_at", o.plan().conservativeDeliveryStopsAt().map(Object::toString).orElse(null));
    out.put("bridge_required", o.bridge().map(BridgeBolus::required).orElse(false));
    o.bridge().ifPresent(br -> out.put("bridge_detail", bridgeDetail(br)));
    return out;
  }

  Outcome perform(Handle h, long patient, LocalDateTime at, Volume withdrawn, Volume fill, Optional<Volume> expectedGiven,
      Optional<Concentration> newConc, Optional<DoseRate> newDose, Principal who, String ip) {
    Therapy t = Therapy.require(h, patient);
    Therapy.Current rx = t.requirePrescription();
    Volume expected = expectedGiven.orElseGet(() -> expectedFromLastRefill(h, patient, at, rx)
        .orElseThrow(() -> new InvalidValueException("expected", "", "the programmer's expected reservoir volume, e.g. \"3.2 mL\"",
            "no earlier refill to compute the expected volume from; give it")));
    RefillReconciliation rec = RefillReconciliation.of(t.pump(), expected, withdrawn);
    Concentration conc = newConc.orElse(rx.concentration());
    DoseRate dose = newDose.orElse(rx.dose());
    Optional<BridgeBolus> bridge = Optional.empty();
    if (!conc.equals(rx.concentration()) || !dose.equals(rx.dose())) {
      checkDose(h, patient, dose);
      if (!conc.equals(rx.concentration())) {
        bridge = Optional.of(BridgeBolus.of(dose, rx.concentration(), conc, t.deadVolume()));
      }
      long rxId = Records.insertPrescription(h, patient, at, rx.prescription().drug().name(), conc, dose, rx.alarmVolume(), who.username());
      Audit.record(h, clock, who, ip, "create", "prescription", rxId, "patient=" + patient + " at refill: dose=" + dose + " concentration=" + conc);
    }
    Prescription next = Prescription.simple(rx.prescription().drug(), conc, dose);
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
    Audit.record(h, clock, who, ip, "create", "refill", id, "patient=" + patient + " expected=" + expected + " withdrawn=" + withdrawn
        + " flagged=" + rec.flagged() + " fill=" + fill + " refillBy=" + plan.refillBy());
    return new Outcome(id, rec, plan, bridge);
  }

  private static void checkDose(Handle h, long patient, DoseRate dose) {
    Map<String, Object> p = h.createQuery("SELECT etiology, age_group FROM patient WHERE id = :id").bind("id", patient).mapToMap().one();
    Etiology e = Therapy.doseEtiology((String) p.get("etiology"), (String) p.get("age_group"));
    var limits = DrugLibrary.baclofen().limits(e);
    if (dose.isZero() || !limits.withinHard(dose)) {
      throw new InvalidValueException("dose", dose.toString(), "> 0 and <= " + limits.hardMax() + " (" + e + ")", "outside the hard limit");
    }
  }

  /** The last fill minus what the prescription consumed since, floored at zero (rounded down to whole nL). */
  static Optional<Volume> expectedFromLastRefill(Handle h, long patient, LocalDateTime at, Therapy.Current rx) {
    return h.createQuery("SELECT at, fill_nl FROM refill WHERE patient_id = :p AND at <= :at ORDER BY at DESC, id DESC LIMIT 1")
        .bind("p", patient).bind("at", at).mapToMap().findOne().map(r -> {
          long seconds = Duration.between(Rows.dateTime(r.get("at")), at).getSeconds();
          Fraction used = DailyVolume.of(rx.prescription()).totalNanolitres().times(seconds).dividedBy(SECONDS_PER_DAY);
          BigInteger left = BigInteger.valueOf(Rows.num(r.get("fill_nl"))).subtract(used.ceil());
          return Volume.ofNanolitres(left.signum() < 0 ? 0 : left.longValueExact());
        });
  }

  static String bridgeDetail(BridgeBolus b) {
    if (!b.required()) {
      return "no bridge bolus needed (same concentration)";
    }
    return "bridge bolus: deliver the dead volume " + b.deadVolume() + " of " + b.oldConcentration() + " at " + b.bridgeRate()
        + " for " + b.bridgeHours().toPlainString(1, RoundingMode.UP) + " h (" + b.bridgeDose() + "), then " + b.newRate()
        + " of " + b.newConcentration() + ". Without it: " + b.doseWithoutBridgePercent().toPlainString(0, RoundingMode.HALF_UP)
        + "% of the dose for " + b.hoursAffectedWithoutBridge().toPlainString(1, RoundingMode.UP) + " h ("
        + b.effectWithoutBridge().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")";
  }
}
