// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/** Each validation limit at its last accepted and first refused value, with the exact finding. */
class ValidationEdgesTest {
  private static final Drug BACLOFEN = DrugLibrary.baclofen();
  private static final PrescriptionValidator VALIDATOR = PrescriptionValidator.standard();
  private static final ValidationContext SPINAL = ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 50, Etiology.SPINAL);
  private static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);

  private static Prescription simple(DoseRate dose) {
    return Prescription.simple(BACLOFEN, C500, dose);
  }

  private static List<Finding> step(Prescription p, String step) {
    return VALIDATOR.validate(p, SPINAL).findings().stream().filter(f -> f.step().equals(step)).toList();
  }

  @Test
  void theUsualRangeIncludesBothEnds() {
    assertThat(step(simple(DoseRate.ofMicrogramsPerDay(300)), "daily-dose")).extracting(Finding::severity)
        .containsExactly(Finding.Severity.INFO);
    assertThat(step(simple(DoseRate.ofMicrogramsPerDay(800)), "daily-dose")).extracting(Finding::severity)
        .containsExactly(Finding.Severity.INFO);
    List<Finding> below = step(simple(new DoseRate(299_999)), "daily-dose");
    assertThat(below).extracting(Finding::severity).containsExactly(Finding.Severity.SOFT);
    assertThat(below.get(0).value()).isEqualTo("299.999 mcg/day");
    assertThat(below.get(0).allowed()).isEqualTo("300 mcg/day - 800 mcg/day usual for spinal");
    List<Finding> above = step(simple(new DoseRate(800_001)), "daily-dose");
    assertThat(above).extracting(Finding::severity).containsExactly(Finding.Severity.SOFT);
    assertThat(above.get(0).value()).isEqualTo("800.001 mcg/day");
  }

  @Test
  void theHighestProgrammableBasalRateIsAcceptedOneNanogramMoreIsNot() {
    // 12 000 mcg/day at 500 mcg/mL = 24 mL/day, the ITB-20's highest rate
    assertThat(step(simple(new DoseRate(12_000_000)), "device-rate")).isEmpty();
    List<Finding> over = step(simple(new DoseRate(12_000_001)), "device-rate");
    assertThat(over).hasSize(1);
    assertThat(over.get(0).severity()).isEqualTo(Finding.Severity.HARD);
    assertThat(over.get(0).field()).isEqualTo("dose");
    assertThat(over.get(0).value()).isEqualTo("24.000 mL/day (12000.001 mcg/day at 500 mcg/mL)");
    assertThat(over.get(0).allowed()).isEqualTo("0 or 0.048-24.000 mL/day (ITB-20)");
    // 24 mcg/day at 500 mcg/mL = 0.048 mL/day, the lowest
    assertThat(step(simple(DoseRate.ofMicrogramsPerDay(24)), "device-rate")).isEmpty();
    assertThat(step(simple(new DoseRate(23_999)), "device-rate")).extracting(Finding::field).containsExactly("dose");
  }

  @Test
  void aBolusAtExactlyTheHighestRateIsAcceptedOneNanogramMoreIsNot() {
    // 500 mcg at 500 mcg/mL = 1 mL over 60 min = 24 mL/day exactly
    Prescription atMax = simple(DoseRate.ofMicrogramsPerDay(300))
        .withScheduledBoluses(List.of(new ScheduledBolus(LocalTime.of(8, 0), Mass.ofMicrograms(500), Duration.ofMinutes(60))));
    assertThat(step(atMax, "device-rate")).isEmpty();
    Prescription over = simple(DoseRate.ofMicrogramsPerDay(300))
        .withScheduledBoluses(List.of(new ScheduledBolus(LocalTime.of(8, 0), new Mass(500_001), Duration.ofMinutes(60))));
    List<Finding> f = step(over, "device-rate");
    assertThat(f).hasSize(1);
    assertThat(f.get(0).field()).isEqualTo("scheduled bolus 08:00");
    assertThat(f.get(0).value()).isEqualTo("1.000 mL over 60 min = 24.000 mL/day");
    assertThat(f.get(0).allowed()).isEqualTo("<= 24.000 mL/day delivery rate (ITB-20)");
  }

  @Test
  void aFlexScheduleIsKeptInTimeOrderAndAnUnorderedEntryIsRefused() {
    FlexStep night = new FlexStep(LocalTime.of(22, 0), DoseRate.ofMicrogramsPerDay(300));
    FlexStep day = new FlexStep(LocalTime.of(6, 0), DoseRate.ofMicrogramsPerDay(400));
    FlexSchedule s = new FlexSchedule(List.of(night, day));
    assertThat(s.steps()).containsExactly(day, night);
    assertThat(s.stepMinutes()).containsExactly(960, 480);
    assertThat(s.rateAt(LocalTime.of(5, 59))).isEqualTo(DoseRate.ofMicrogramsPerDay(300));
    assertThat(s.rateAt(LocalTime.of(6, 0))).isEqualTo(DoseRate.ofMicrogramsPerDay(400));
    assertThatThrownBy(() -> FlexSchedule.parse("06:00=400,22:00=300,12:00=350", "flex", "mcg/day"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("flex");
          assertThat(e.value()).isEqualTo("06:00=400,22:00=300,12:00=350");
          assertThat(e.allowed()).isEqualTo("steps in time order, each after the one before (e.g. 06:00=400,22:00=300)");
          assertThat(e.getMessage()).startsWith("flex: step 12:00 is not after 22:00 (");
        });
  }

  @Test
  void theStandardChainIsBuiltFreshWithEveryStep() {
    assertThat(PrescriptionValidator.standard().stepNames()).containsExactly(
        "drug", "daily-dose", "unit-plausibility", "device-rate", "flex-steps", "patient-bolus", "low-reservoir-alarm", "catheter");
  }

  @Test
  void theCatheterLengthRangeIncludesBothEnds() {
    for (int ok : new int[] {5, 150}) {
      List<Finding> f = VALIDATOR.validate(simple(DoseRate.ofMicrogramsPerDay(350)),
          ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, ok, Etiology.SPINAL)).findings().stream()
          .filter(x -> x.step().equals("catheter")).toList();
      assertThat(f).extracting(Finding::severity).containsExactly(Finding.Severity.INFO);
    }
    List<Finding> at150 = VALIDATOR.validate(simple(DoseRate.ofMicrogramsPerDay(350)),
        ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, 150, Etiology.SPINAL)).findings().stream()
        .filter(x -> x.step().equals("catheter")).toList();
    assertThat(at150.get(0).value()).isEqualTo("0.470 mL");
    for (int bad : new int[] {4, 151}) {
      List<Finding> f = VALIDATOR.validate(simple(DoseRate.ofMicrogramsPerDay(350)),
          ValidationContext.of(PumpModels.ITB_20, CatheterModel.GENERIC, bad, Etiology.SPINAL)).findings().stream()
          .filter(x -> x.step().equals("catheter")).toList();
      assertThat(f).hasSize(1);
      assertThat(f.get(0).severity()).isEqualTo(Finding.Severity.HARD);
      assertThat(f.get(0).value()).isEqualTo(bad + " cm");
      assertThat(f.get(0).allowed()).isEqualTo("5-150 cm (generic intrathecal)");
    }
  }

  private static PatientBolusAllowance allowance(long ng, int lockoutMinutes, int maxPerDay) {
    return new PatientBolusAllowance(new Mass(ng), Duration.ofMinutes(10), Duration.ofMinutes(lockoutMinutes), maxPerDay);
  }

  @Test
  void aWorstCaseOfExactlyTheHardMaximumIsAcceptedOneNanogramMoreIsNot() {
    // 1000 mcg/day basal + 10 x 100 mcg = 2000 mcg/day, the spinal hard maximum
    Prescription at = simple(DoseRate.ofMicrogramsPerDay(1000)).withPatientBolus(allowance(100_000, 120, 10));
    assertThat(step(at, "patient-bolus")).containsExactly(Finding.info("patient-bolus", "patient bolus",
        "worst case 2000 mcg/day (basal 1000 mcg/day + scheduled 0 mcg + 10 x 100 mcg)", "<= 2000 mcg/day (hard maximum, spinal)",
        "the worst case stays within the hard maximum"));
    Prescription over = simple(DoseRate.ofMicrogramsPerDay(1000)).withPatientBolus(allowance(100_001, 120, 10));
    List<Finding> f = step(over, "patient-bolus");
    assertThat(f).extracting(Finding::severity).containsExactly(Finding.Severity.HARD);
    assertThat(f.get(0).value()).isEqualTo("worst case 2000.01 mcg/day (basal 1000 mcg/day + scheduled 0 mcg + 10 x 100.001 mcg)");
  }

  @Test
  void aMaximumPerDayTheLockoutCannotReachIsReportedOnlyAboveWhatFits() {
    // a 120 min lockout lets 12 boluses start in 24 h
    assertThat(step(simple(DoseRate.ofMicrogramsPerDay(300)).withPatientBolus(allowance(50_000, 120, 12)), "patient-bolus"))
        .extracting(Finding::field).containsExactly("patient bolus");
    List<Finding> f = step(simple(DoseRate.ofMicrogramsPerDay(300)).withPatientBolus(allowance(50_000, 120, 13)), "patient-bolus");
    assertThat(f).extracting(Finding::field).containsExactly("patient bolus", "patient bolus max per day");
    assertThat(f.get(1).severity()).isEqualTo(Finding.Severity.INFO);
    assertThat(f.get(1).value()).isEqualTo("13");
    assertThat(f.get(1).allowed()).isEqualTo("<= 12 with a lockout of 120 min");
  }

  @Test
  void bolusRecordsRefuseAZeroDoseAndAScheduledBolusOfADay() {
    assertThatThrownBy(() -> new ScheduledBolus(LocalTime.of(8, 0), Mass.ZERO, Duration.ofMinutes(10)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("scheduled bolus dose"));
    assertThat(new ScheduledBolus(LocalTime.of(8, 0), new Mass(1), Duration.ofMinutes(1439)).duration()).isEqualTo(Duration.ofMinutes(1439));
    assertThatThrownBy(() -> new ScheduledBolus(LocalTime.of(8, 0), new Mass(1), Duration.ofHours(24)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("scheduled bolus duration");
          assertThat(e.allowed()).isEqualTo("1 minute to 23:59, whole minutes");
        });
    assertThatThrownBy(() -> new PatientBolusAllowance(Mass.ZERO, Duration.ofMinutes(10), Duration.ofHours(3), 4))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("patient bolus dose");
          assertThat(e.allowed()).isEqualTo("> 0 mcg");
        });
    PatientBolusAllowance one = new PatientBolusAllowance(new Mass(1), Duration.ofMinutes(10), Duration.ofMinutes(10), 24);
    assertThat(one.maxDailyMass()).isEqualTo(new Mass(24));
    assertThat(allowance(50_000, 180, 4).maxDailyMass()).isEqualTo(Mass.ofMicrograms(200));
  }

  @Test
  void aReportPrintsOneFindingPerLineInChainOrder() {
    ValidationReport r = VALIDATOR.validate(simple(new DoseRate(299_999)), SPINAL);
    assertThat(r.toString()).isEqualTo(
        "SOFT [daily-dose] daily dose: outside the usual daily range; confirm the dose is intended"
            + " (got '299.999 mcg/day'; allowed: 300 mcg/day - 800 mcg/day usual for spinal)\n"
            + "INFO [catheter] dead volume: volume a bridge bolus must clear after a concentration change"
            + " (got '0.250 mL'; allowed: pump tubing 0.140 mL + catheter 0.110 mL)");
    assertThat(r.requiresConfirmation()).isTrue();
    assertThat(r.isRefused()).isFalse();
  }
}
