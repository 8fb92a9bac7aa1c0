// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class PrescriptionValidatorTest {
  private static final Drug BACLOFEN = DrugLibrary.baclofen();
  private static final PrescriptionValidator VALIDATOR = PrescriptionValidator.standard();
  private static final ValidationContext SPINAL = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 50, Etiology.SPINAL);

  private static Prescription simple(long mcgPerDay, long mcgPerMl) {
    return Prescription.simple(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(mcgPerMl), DoseRate.ofMicrogramsPerDay(mcgPerDay));
  }

  private static Prescription flex(String schedule, long mcgPerMl) {
    return new Prescription(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(mcgPerMl), FlexSchedule.parse(schedule, "flex", "mcg/day"),
        List.of(), Optional.empty());
  }

  private static Finding only(ValidationReport r, String step, Finding.Severity severity) {
    List<Finding> found = r.findings().stream().filter(f -> f.step().equals(step) && f.severity() == severity).toList();
    assertThat(found).as("%s %s findings in%n%s", step, severity, r).hasSize(1);
    return found.get(0);
  }

  @Test
  void theChainRunsInTheDocumentedOrder() {
    assertThat(VALIDATOR.stepNames()).containsExactly(
        "drug", "daily-dose", "unit-plausibility", "device-rate", "flex-steps", "patient-bolus", "low-reservoir-alarm", "catheter");
  }

  @Test
  void anOrdinaryPrescriptionPassesWithItsExplanations() {
    ValidationReport r = VALIDATOR.validate(simple(350, 500), SPINAL);
    assertThat(r.isRefused()).isFalse();
    assertThat(r.requiresConfirmation()).isFalse();
    assertThat(r.findings()).extracting(Finding::toString).containsExactly(
        "INFO [daily-dose] daily dose: within the usual daily range (got '350 mcg/day'; allowed: 300 mcg/day - 800 mcg/day usual for spinal)",
        "INFO [catheter] dead volume: volume a bridge bolus must clear after a concentration change"
            + " (got '0.250 mL'; allowed: pump tubing 0.140 mL + catheter 0.110 mL)");
  }

  @Test
  void concentrationAboveTheDrugMaximumIsRefusedAndAnUnstockedOneNeedsConfirmation() {
    Finding hard = only(VALIDATOR.validate(simple(350, 3000), SPINAL), "drug", Finding.Severity.HARD);
    assertThat(hard.message()).isEqualTo("concentration: above the highest baclofen concentration allowed in a pump;"
        + " check the vial and the entry (got '3000 mcg/mL'; allowed: <= 2000 mcg/mL (baclofen))");
    Finding soft = only(VALIDATOR.validate(simple(350, 750), SPINAL), "drug", Finding.Severity.SOFT);
    assertThat(soft.message()).contains("'750 mcg/mL'").contains("stocked 50, 500, 1000, 2000 mcg/mL");
  }

  @Test
  void dailyDoseHardAndSoftLimitsCountScheduledBoluses() {
    Prescription p = simple(1900, 2000).withScheduledBoluses(
        List.of(new ScheduledBolus(LocalTime.of(8, 0), Mass.ofMicrograms(150), Duration.ofMinutes(30))));
    Finding hard = only(VALIDATOR.validate(p, SPINAL), "daily-dose", Finding.Severity.HARD);
    assertThat(hard.field()).isEqualTo("daily dose");
    assertThat(hard.value()).isEqualTo("2050 mcg/day");
    assertThat(hard.allowed()).isEqualTo("<= 2000 mcg/day (hard maximum, spinal)");
    Finding soft = only(VALIDATOR.validate(simple(900, 2000), SPINAL), "daily-dose", Finding.Severity.SOFT);
    assertThat(soft.message()).contains("'900 mcg/day'").contains("300 mcg/day - 800 mcg/day usual for spinal");
    // The same dose is within the paediatric usual range.
    ValidationContext child = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 30, Etiology.PAEDIATRIC);
    assertThat(VALIDATOR.validate(simple(900, 2000), child).requiresConfirmation()).isFalse();
  }

  @Test
  void flexDailyDoseIsTimeWeighted() {
    // 06:00-22:00 at 400, 22:00-06:00 at 200: (400 x 16 + 200 x 8) / 24 = 333.333 mcg/day, shown rounded up to the ng.
    Finding info = only(VALIDATOR.validate(flex("06:00=400,22:00=200", 500), SPINAL), "daily-dose", Finding.Severity.INFO);
    assertThat(info.value()).isEqualTo("333.334 mcg/day");
  }

  @Test
  void stoppedNeedsConfirmationAndRefusesScheduledBoluses() {
    Prescription stopped = new Prescription(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(500), new Stopped(), List.of(), Optional.empty());
    ValidationReport r = VALIDATOR.validate(stopped, SPINAL);
    assertThat(r.isRefused()).isFalse();
    assertThat(only(r, "daily-dose", Finding.Severity.SOFT).reason()).contains("withdrawal");
    Prescription withBolus = stopped.withScheduledBoluses(
        List.of(new ScheduledBolus(LocalTime.of(8, 0), Mass.ofMicrograms(50), Duration.ofMinutes(30))));
    Finding hard = only(VALIDATOR.validate(withBolus, SPINAL), "daily-dose", Finding.Severity.HARD);
    assertThat(hard.message()).contains("scheduled boluses").contains("'1 bolus(es)'").contains("0 while the basal program is stopped");
  }

  @Test
  void theIsmpPerHourForPerDayErrorIsRefusedWithItsName() {
    // Cerebral hard maximum 1400 mcg/day; "60 mcg/h" typed for a per-day step is 1440 mcg/day for one hour.
    ValidationContext cerebral = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 50, Etiology.CEREBRAL);
    Prescription p = flex("06:00=60 mcg/h,07:00=200", 500);
    ValidationReport r = VALIDATOR.validate(p, cerebral);
    Finding f = only(r, "unit-plausibility", Finding.Severity.HARD);
    assertThat(f.field()).isEqualTo("flex step 06:00 rate");
    assertThat(f.value()).isEqualTo("1440 mcg/day");
    assertThat(f.allowed()).isEqualTo("<= 1400 mcg/day per step (a 24 h total; hard maximum, cerebral)");
    assertThat(f.reason()).contains("looks like a per-hour entry in a per-day field")
        .contains("60 mcg/h instead of 60 mcg/day").contains("1440 mcg/day is 60 mcg every hour");
    // The time-weighted daily total (1440 x 1 h + 200 x 23 h) / 24 = 251.667 mcg/day stays low: only this step catches it.
    assertThat(r.findings()).filteredOn(x -> x.step().equals("daily-dose")).noneMatch(x -> x.severity() == Finding.Severity.HARD);
    assertThat(r.isRefused()).isTrue();
  }

  @Test
  void aPerHourEntryBelowTheSpinalHardMaximumStillNeedsConfirmation() {
    // Spinal hard maximum 2000 mcg/day: "60 mcg/h" (1440 mcg/day) passes it, but not the usual maximum of 800.
    Prescription p = flex("06:00=60 mcg/h,07:00=200", 500);
    ValidationReport r = VALIDATOR.validate(p, SPINAL);
    Finding f = only(r, "unit-plausibility", Finding.Severity.SOFT);
    assertThat(f.field()).isEqualTo("flex step 06:00 rate");
    assertThat(f.value()).isEqualTo("1440 mcg/day");
    assertThat(f.allowed()).isEqualTo("<= 800 mcg/day per step (a 24 h total; usual maximum, spinal)");
    assertThat(f.reason()).contains("per-hour entry in a per-day field").contains("1440 mcg/day is 60 mcg every hour")
        .contains("confirm the step is a daily total");
    assertThat(r.findings()).filteredOn(x -> x.step().equals("unit-plausibility")).hasSize(1);
    assertThat(r.isRefused()).isFalse();
    assertThat(r.confirmations()).contains(f);
    // A step at the usual maximum, and a simple dose above it (the daily-dose step's soft finding covers that), are not flagged here.
    assertThat(VALIDATOR.validate(flex("06:00=800,07:00=200", 500), SPINAL).findings()).noneMatch(x -> x.step().equals("unit-plausibility"));
    assertThat(VALIDATOR.validate(simple(1440, 2000), SPINAL).findings()).noneMatch(x -> x.step().equals("unit-plausibility"));
  }

  @Test
  void aSimpleDoseAboveTheHardMaximumIsAlsoFlaggedAsAPossibleUnitError() {
    Finding f = only(VALIDATOR.validate(simple(2400, 2000), SPINAL), "unit-plausibility", Finding.Severity.HARD);
    assertThat(f.field()).isEqualTo("dose");
    assertThat(f.reason()).contains("2400 mcg/day is 100 mcg every hour");
  }

  @Test
  void basalRatesMustBeProgrammable() {
    // 30 mcg/day at 2000 mcg/mL = 0.015 mL/day, below 0.048.
    ValidationContext child = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 30, Etiology.PAEDIATRIC);
    Finding low = only(VALIDATOR.validate(simple(30, 2000), child), "device-rate", Finding.Severity.HARD);
    assertThat(low.message()).isEqualTo("dose: below the pump's lowest programmable rate; use a lower concentration or a higher dose"
        + " (got '0.015 mL/day (30 mcg/day at 2000 mcg/mL)'; allowed: 0 or 0.048-24.000 mL/day (ITB-20))");
    // 1400 mcg/day at 50 mcg/mL = 28 mL/day, above 24.
    Finding high = only(VALIDATOR.validate(flex("00:00=1400,12:00=300", 50), SPINAL), "device-rate", Finding.Severity.HARD);
    assertThat(high.field()).isEqualTo("flex step 00:00 rate");
    assertThat(high.value()).startsWith("28.000 mL/day");
    // A zero-rate flex step is allowed.
    assertThat(VALIDATOR.validate(flex("00:00=0,06:00=500", 500), SPINAL).findings())
        .noneMatch(x -> x.step().equals("device-rate"));
  }

  @Test
  void limitsThemselvesAreAllowed() {
    // Exactly the spinal hard maximum is allowed; one nanogram per day more is not.
    assertThat(VALIDATOR.validate(simple(2000, 2000), SPINAL).isRefused()).isFalse();
    Prescription justOver = Prescription.simple(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(2000), new DoseRate(2_000_001));
    assertThat(VALIDATOR.validate(justOver, SPINAL).refusals()).extracting(Finding::step).contains("unit-plausibility", "daily-dose");
    // 24 mcg/day at 500 mcg/mL is exactly the 0.048 mL/day minimum; 23.999 mcg/day is below it.
    ValidationContext child = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 30, Etiology.PAEDIATRIC);
    assertThat(VALIDATOR.validate(simple(24, 500), child).isRefused()).isFalse();
    Prescription justUnder = Prescription.simple(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(500), new DoseRate(23_999));
    assertThat(VALIDATOR.validate(justUnder, child).refusals()).extracting(Finding::step).containsExactly("device-rate");
  }

  @Test
  void bolusRatesMustBeDeliverable() {
    // 100 mcg at 500 mcg/mL = 0.2 mL in 1 min = 288 mL/day.
    Prescription p = simple(350, 500).withScheduledBoluses(
        List.of(new ScheduledBolus(LocalTime.of(8, 0), Mass.ofMicrograms(100), Duration.ofMinutes(1))));
    Finding f = only(VALIDATOR.validate(p, SPINAL), "device-rate", Finding.Severity.HARD);
    assertThat(f.message()).isEqualTo("scheduled bolus 08:00: the bolus would run faster than the pump can deliver; lengthen its duration"
        + " (got '0.200 mL over 1 min = 288.000 mL/day'; allowed: <= 24.000 mL/day delivery rate (ITB-20))");
    // 1 ng at 2000 mcg/mL is 0.0005 nL: undeliverable.
    Prescription tiny = simple(350, 2000).withPatientBolus(
        new PatientBolusAllowance(Mass.ofNanograms(1), Duration.ofMinutes(5), Duration.ofHours(1), 4));
    Finding t = only(VALIDATOR.validate(tiny, SPINAL), "device-rate", Finding.Severity.HARD);
    assertThat(t.message()).contains("patient bolus").contains("'0.001 mcg at 2000 mcg/mL = 0 nL'").contains("at least 1 nL");
  }

  @Test
  void flexStepCountIsTheModels() {
    String eleven = "00:00=300,01:00=300,02:00=300,03:00=300,04:00=300,05:00=300,06:00=300,07:00=300,08:00=300,09:00=300,10:00=300";
    Finding f = only(VALIDATOR.validate(flex(eleven, 500), SPINAL), "flex-steps", Finding.Severity.HARD);
    assertThat(f.message()).isEqualTo("flex steps: more flex steps than the pump can hold; merge steps (got '11'; allowed: 1-10 (ITB-20))");
    assertThat(VALIDATOR.validate(flex(eleven.substring(0, eleven.lastIndexOf(',')), 500), SPINAL).isRefused()).isFalse();
  }

  @Test
  void patientBolusWorstCaseMustStayWithinTheHardMaximum() {
    Prescription p = simple(700, 2000).withPatientBolus(
        new PatientBolusAllowance(Mass.ofMicrograms(400), Duration.ofMinutes(10), Duration.ofHours(3), 4));
    Finding f = only(VALIDATOR.validate(p, SPINAL), "patient-bolus", Finding.Severity.HARD);
    assertThat(f.value()).isEqualTo("worst case 2300 mcg/day (basal 700 mcg/day + scheduled 0 mcg + 4 x 400 mcg)");
    assertThat(f.allowed()).isEqualTo("<= 2000 mcg/day (hard maximum, spinal)");
    Prescription ok = simple(700, 2000).withPatientBolus(
        new PatientBolusAllowance(Mass.ofMicrograms(50), Duration.ofMinutes(10), Duration.ofHours(8), 4));
    ValidationReport r = VALIDATOR.validate(ok, SPINAL);
    assertThat(r.isRefused()).isFalse();
    // An 8 h lockout lets only 3 boluses start in 24 h.
    assertThat(r.findings()).anyMatch(x -> x.field().equals("patient bolus max per day") && x.allowed().equals("<= 3 with a lockout of 480 min"));
  }

  @Test
  void lowReservoirAlarmMustBeSettable() {
    Finding f = only(VALIDATOR.validate(simple(350, 500), SPINAL.withLowReservoirAlarm(Volume.ofMicrolitres(500))),
        "low-reservoir-alarm", Finding.Severity.HARD);
    assertThat(f.message()).isEqualTo("low-reservoir alarm: not a settable low-reservoir alarm volume on this pump"
        + " (got '0.500 mL'; allowed: 1.000-5.000 mL (ITB-20))");
    assertThat(VALIDATOR.validate(simple(350, 500), SPINAL.withLowReservoirAlarm(Volume.ofMillilitres(2))).isRefused()).isFalse();
  }

  @Test
  void catheterLengthMustBeOneTheModelComesIn() {
    ValidationContext ctx = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 200, Etiology.SPINAL);
    Finding f = only(VALIDATOR.validate(simple(350, 500), ctx), "catheter", Finding.Severity.HARD);
    assertThat(f.message()).contains("catheter length").contains("'200 cm'").contains("5-150 cm (generic intrathecal)");
  }

  @Test
  void everyStepRunsEvenAfterARefusal() {
    Prescription bad = new Prescription(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(3000),
        FlexSchedule.parse("06:00=3000,07:00=200", "flex", "mcg/day"), List.of(), Optional.empty());
    ValidationReport r = VALIDATOR.validate(bad, SPINAL.withLowReservoirAlarm(Volume.ofMillilitres(10)));
    assertThat(r.refusals()).extracting(Finding::step).containsExactly("drug", "unit-plausibility", "low-reservoir-alarm");
  }
}
