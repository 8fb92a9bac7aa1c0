// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openitb.therapy.calc.TitrationCheck;
import org.openitb.therapy.calc.TitrationGuardrail;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;

/**
 * What the prescription form sends, as a therapy {@link Prescription}: a simple daily dose or flex steps
 * ({@code "06:00=400 mcg/day, 22:00=300 mcg/day"}, "adjusted to the patient's needs through the day"), and a
 * patient-bolus allowance. It always states the daily total (time-weighted over the steps); an entry per hour is
 * converted, echoed with its daily total and must be confirmed (the ISMP "60 mcg/h" error), as must an increase
 * beyond the titration guardrail or sooner than its interval, the same rules as the programmer's chain.
 */
public record PrescriptionForm(Prescription prescription, DoseRate dailyTotal, boolean enteredPerHour, String flexText, String bolusText) {
  static final String STEP = "prescription-form";
  static final long MINUTES_PER_DAY = 1_440;

  /**
   * What the form echoes while the clinician types (GET /api/daily-total?dose=... or ?flex=...; nothing is saved):
   * the daily total of the flex steps when given, else of the dose.
   */
  public static Responses.DailyTotal echo(String flex, String dose) {
    com.fasterxml.jackson.databind.node.ObjectNode n = Body.MAPPER.createObjectNode();
    if (flex != null && !flex.isBlank()) {
      n.put("flex", flex);
    } else {
      n.put("dose", dose == null ? "" : dose);
    }
    PrescriptionForm f = parse(Body.parse(n.toString()), org.openitb.therapy.drug.DrugLibrary.standard().drug("baclofen"),
        Concentration.ofMicrogramsPerMillilitre(500));
    return new Responses.DailyTotal(f.dailyTotal().toString(), f.enteredPerHour(), f.describe());
  }

  static PrescriptionForm parse(Body b, Drug drug, Concentration c) {
    BasalProgram basal;
    boolean perHour;
    String flexText = null;
    if (b.has("flex")) {
      flexText = b.text("flex", 1000);
      FlexSchedule flex = FlexSchedule.parse(flexText, "flex", null);
      basal = flex.steps().size() == 1 ? new SimpleContinuous(flex.steps().get(0).rate()) : flex;
      perHour = flexText.matches("(?is).*/\\s*(h|hr|hour)\\b.*");
      flexText = String.join(",", flex.steps().stream().map(s -> s.start() + "=" + s.rate()).toList());
    } else {
      String doseText = b.text("dose", 40);
      basal = new SimpleContinuous(DoseRate.parse(doseText, "dose", null));
      perHour = DoseRate.isPerHour(doseText);
    }
    Prescription rx = new Prescription(drug, c, basal, List.of(), Optional.empty());
    String bolusText = null;
    if (b.has("patientBolusDose")) {
      Mass dose = Mass.parse(b.text("patientBolusDose", 20), "patientBolusDose", null);
      long minutes = b.has("patientBolusMinutes") ? b.integer("patientBolusMinutes", 1, 120) : 10;
      long lockout = b.integer("patientBolusLockoutMinutes", 10, 1440);
      int max = (int) b.integer("patientBolusMaxPerDay", 1, PatientBolusAllowance.MAX_ACTIVATIONS_PER_DAY);
      rx = rx.withPatientBolus(new PatientBolusAllowance(dose, Duration.ofMinutes(minutes), Duration.ofMinutes(lockout), max));
      bolusText = dose + "|" + minutes + "|" + lockout + "|" + max;
    }
    return new PrescriptionForm(rx, dailyTotal(rx), perHour, flexText, bolusText);
  }

  /** The allowance stored as "dose|minutes|lockout minutes|max per day". */
  static Optional<PatientBolusAllowance> bolus(String stored) {
    if (stored == null || stored.isBlank()) {
      return Optional.empty();
    }
    String[] p = stored.split("\\|");
    return Optional.of(new PatientBolusAllowance(Mass.parse(p[0], "patient bolus", null), Duration.ofMinutes(Long.parseLong(p[1])),
        Duration.ofMinutes(Long.parseLong(p[2])), Integer.parseInt(p[3])));
  }

  /** A stored prescription as therapy types: flex steps when stored, else the daily dose; with its patient bolus. */
  static Prescription stored(Drug drug, Concentration c, DoseRate dose, String flex, String bolus) {
    BasalProgram basal = flex == null || flex.isBlank() ? new SimpleContinuous(dose) : FlexSchedule.parse(flex, "flex", null);
    return new Prescription(drug, c, basal, List.of(), bolus(bolus));
  }

  /** The time-weighted daily total of the basal program, rounded up to the nanogram. */
  static DoseRate dailyTotal(Prescription p) {
    FlexSchedule schedule = p.basal().asFlexSchedule();
    List<Integer> minutes = schedule.stepMinutes();
    BigInteger weighted = BigInteger.ZERO;
    for (int i = 0; i < minutes.size(); i++) {
      weighted = weighted.add(BigInteger.valueOf(schedule.steps().get(i).rate().nanogramsPerDay()).multiply(BigInteger.valueOf(minutes.get(i))));
    }
    BigInteger[] qr = weighted.divideAndRemainder(BigInteger.valueOf(MINUTES_PER_DAY));
    return new DoseRate((qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).longValueExact());
  }

  /** The steps in words, each with its rate, and the daily total. */
  String describe() {
    List<FlexStep> steps = prescription.basal().asFlexSchedule().steps();
    return (steps.size() == 1 ? "" : String.join(", ", steps.stream().map(s -> "from " + s.start() + " " + s.rate()).toList()) + "; ")
        + "daily total " + dailyTotal;
  }

  /**
   * What must be confirmed beyond the validator's SOFT findings: an entry per hour (with its daily total) and a daily
   * total above the titration guardrail or sooner than its interval after the last increase.
   */
  List<Finding> confirmations(Optional<DoseRate> current, Etiology etiology, Optional<LocalDateTime> lastIncrease, LocalDateTime now) {
    List<Finding> out = new ArrayList<>();
    if (enteredPerHour) {
      out.add(new Finding(STEP, Finding.Severity.SOFT, "dose", describe(), "a daily dose as intended",
          "entered per hour: the pump runs the daily total " + dailyTotal + "; confirm that daily total is what you mean"));
    }
    if (current.isPresent() && !current.get().isZero()) {
      TitrationCheck t = TitrationGuardrail.check(prescription.drug(), etiology, current.get(), dailyTotal, lastIncrease, now);
      if (t.verdict() == TitrationCheck.Verdict.ABOVE_MAXIMUM_STEP || t.verdict() == TitrationCheck.Verdict.TOO_SOON_AFTER_LAST_INCREASE) {
        out.add(new Finding("titration-guardrail", Finding.Severity.SOFT, "dose", dailyTotal.toString(),
            t.allowedMin() + " - " + t.allowedMax(), "titration guardrail: daily dose " + current.get() + " -> " + dailyTotal + " (" + t.changePercentDisplay()
                + " %): " + t.reason()));
      }
    }
    return out;
  }
}
