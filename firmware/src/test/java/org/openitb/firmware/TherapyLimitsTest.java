// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.CommandResult.Refused;
import org.openitb.firmware.engine.BolusShape;
import org.openitb.firmware.engine.DailyProfile;
import org.openitb.firmware.engine.DeliveryUnits;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * Every hard limit of {@link TherapyLimits} at its exact edge: the last accepted value and the
 * first refused one, with the refusal's code, field, value and allowed range (ITB-20: 20 mL, 48
 * µL/day to 24 mL/day, 10 flex steps, low-reservoir alarm 1-5 mL, 140 µL tubing; baclofen at most
 * 2000 mcg/mL, hard maximum 2000 mcg/day spinal and 1400 cerebral).
 */
class TherapyLimitsTest {
  private static final TherapyLimits LIMITS = new TherapyLimits(PumpModels.ITB_20, DrugLibrary.standard());
  private static final Drug BACLOFEN = DrugLibrary.baclofen();
  private static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);
  private static final Concentration C2000 = Concentration.ofMicrogramsPerMillilitre(2000);

  interface Check {
    void run() throws Refusal;
  }

  private static Refused refused(Check check) {
    try {
      check.run();
    } catch (Refusal e) {
      return e.refused();
    }
    return fail("accepted, expected a refusal");
  }

  private static void accepted(Check check) {
    assertThatCode(check::run).doesNotThrowAnyException();
  }

  private static Prescription simple(long mcgPerDay) {
    return Prescription.simple(BACLOFEN, C500, DoseRate.ofMicrogramsPerDay(mcgPerDay));
  }

  @Test
  void aDrugIsTheLibrarysOwnRecordFoundByNameAndAnyOtherIsRefused() throws Refusal {
    Drug claimed = new Drug("BACLOFEN", List.of(C500), Concentration.ofMicrogramsPerMillilitre(9_000), BACLOFEN.doseLimits(),
        BACLOFEN.titration(), 1_000);
    Drug found = LIMITS.libraryDrug(claimed, "drug");
    assertThat(found).isEqualTo(BACLOFEN);
    assertThat(found.maxConcentration()).isEqualTo(C2000); // the library's, not the claimed 9000 mcg/mL
    Drug stranger = new Drug("morphine", List.of(C500), C500, BACLOFEN.doseLimits(), BACLOFEN.titration(), 90);
    assertThat(refused(() -> LIMITS.libraryDrug(stranger, "newDrug"))).isEqualTo(new Refused(Code.OUT_OF_RANGE, "newDrug", "morphine",
        "baclofen", "drug not in the pump's drug library"));
  }

  @Test
  void theDrugsMaximumConcentrationIsAcceptedAndOneNanogramMoreIsNot() {
    accepted(() -> LIMITS.checkConcentration(C2000, BACLOFEN, "concentration"));
    Concentration above = new Concentration(C2000.nanogramsPerMillilitre() + 1);
    Refused r = refused(() -> LIMITS.checkConcentration(above, BACLOFEN, "newConcentration"));
    assertThat(r.code()).isEqualTo(Code.OUT_OF_RANGE);
    assertThat(r.field()).isEqualTo("newConcentration");
    assertThat(r.value()).isEqualTo(above.toString());
    assertThat(r.allowed()).isEqualTo("<= " + C2000 + " for baclofen");
  }

  @Test
  void aFillIsMoreThanNothingAndAtMostTheReservoir() {
    accepted(() -> LIMITS.checkFill(Volume.ofNanolitres(1), Optional.empty()));
    accepted(() -> LIMITS.checkFill(Volume.ofMillilitres(20), Optional.of(Volume.ZERO)));
    for (Volume bad : List.of(Volume.ZERO, Volume.ofNanolitres(-1), new Volume(Volume.ofMillilitres(20).nanolitres() + 1))) {
      Refused r = refused(() -> LIMITS.checkFill(bad, Optional.empty()));
      assertThat(r.field()).as(bad.toString()).isEqualTo("newVolume");
      assertThat(r.allowed()).isEqualTo("> 0 and <= " + Volume.ofMillilitres(20) + " (ITB-20)");
    }
    Refused r = refused(() -> LIMITS.checkFill(Volume.ofMillilitres(20), Optional.of(Volume.ofNanolitres(-1))));
    assertThat(r).isEqualTo(new Refused(Code.OUT_OF_RANGE, "withdrawn", Volume.ofNanolitres(-1).toString(), ">= 0 mL",
        "a withdrawn volume cannot be negative"));
  }

  @Test
  void theLowReservoirAlarmIsWithinTheModelsRange() {
    accepted(() -> LIMITS.checkLowReservoirAlarm(Volume.ofMillilitres(1)));
    accepted(() -> LIMITS.checkLowReservoirAlarm(Volume.ofMillilitres(5)));
    Refused r = refused(() -> LIMITS.checkLowReservoirAlarm(Volume.ofMicrolitres(999)));
    assertThat(r.field()).isEqualTo("lowReservoirAlarm");
    assertThat(r.allowed()).isEqualTo(Volume.ofMillilitres(1) + " to " + Volume.ofMillilitres(5));
    assertThat(refused(() -> LIMITS.checkLowReservoirAlarm(Volume.ofMicrolitres(5_001))).field()).isEqualTo("lowReservoirAlarm");
  }

  @Test
  void theModelsFlexStepCountIsAcceptedAndOneMoreIsNot() {
    accepted(() -> LIMITS.checkPrescription(flex(10), Etiology.SPINAL, BACLOFEN));
    Refused r = refused(() -> LIMITS.checkPrescription(flex(11), Etiology.SPINAL, BACLOFEN));
    assertThat(r).isEqualTo(new Refused(Code.OUT_OF_RANGE, "flex steps", "11", "1-10", "more flex steps than ITB-20 allows"));
  }

  private static Prescription flex(int steps) {
    List<FlexStep> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      list.add(new FlexStep(LocalTime.of(i, 0), DoseRate.ofMicrogramsPerDay(100 + i)));
    }
    return new Prescription(BACLOFEN, C500, new FlexSchedule(list), List.of(), Optional.empty());
  }

  @Test
  void eightScheduledBolusesAreStoredAndANinthIsRefused() {
    accepted(() -> LIMITS.checkPrescription(withScheduled(8), Etiology.SPINAL, BACLOFEN));
    Refused r = refused(() -> LIMITS.checkPrescription(withScheduled(9), Etiology.SPINAL, BACLOFEN));
    assertThat(r).isEqualTo(new Refused(Code.OUT_OF_RANGE, "scheduled boluses", "9", "0-8", "more scheduled boluses than the pump stores"));
  }

  private static Prescription withScheduled(int n) {
    List<ScheduledBolus> boluses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boluses.add(new ScheduledBolus(LocalTime.of(2 * i, 30), Mass.ofMicrograms(5), Duration.ofMinutes(10)));
    }
    return new Prescription(BACLOFEN, C500, simple(200).basal(), boluses, Optional.empty());
  }

  @Test
  void theLowestProgrammableRateIsAcceptedExactlyAndAnythingBelowIsRefused() {
    // 48 µL/day at 500 mcg/mL is exactly 24 mcg/day; at 2000 mcg/mL 96 mcg/day, and 95 mcg/day is 47.5 µL/day
    accepted(() -> LIMITS.checkPrescription(simple(24), Etiology.SPINAL, BACLOFEN));
    accepted(() -> LIMITS.checkPrescription(Prescription.simple(BACLOFEN, C2000, DoseRate.ofMicrogramsPerDay(96)), Etiology.SPINAL, BACLOFEN));
    Prescription below = Prescription.simple(BACLOFEN, C2000, DoseRate.ofMicrogramsPerDay(95));
    Refused r = refused(() -> LIMITS.checkPrescription(below, Etiology.SPINAL, BACLOFEN));
    assertThat(r.code()).as(r.toString()).isEqualTo(Code.OUT_OF_RANGE);
    assertThat(r.field()).as(r.toString()).isEqualTo("basal rate");
    assertThat(r.reason()).isEqualTo("below the pump's lowest programmable rate");
    assertThat(r.allowed()).startsWith("0 or >= " + VolumeRate.ofMicrolitresPerDay(48));
    // a flex step at zero is a pause, not a rate below the minimum
    Prescription withPause = new Prescription(BACLOFEN, C500, new FlexSchedule(List.of(
        new FlexStep(LocalTime.MIDNIGHT, DoseRate.ZERO), new FlexStep(LocalTime.NOON, DoseRate.ofMicrogramsPerDay(300)))),
        List.of(), Optional.empty());
    accepted(() -> LIMITS.checkPrescription(withPause, Etiology.SPINAL, BACLOFEN));
  }

  @Test
  void aProgramThatNeverDeliversIsRefusedUnlessThePatientCanBolus() {
    Prescription nothing = new Prescription(BACLOFEN, C500, new FlexSchedule(List.of(new FlexStep(LocalTime.MIDNIGHT, DoseRate.ZERO))),
        List.of(), Optional.empty());
    Refused r = refused(() -> LIMITS.checkPrescription(nothing, Etiology.SPINAL, BACLOFEN));
    assertThat(r.field()).isEqualTo("basal");
    assertThat(r.value()).isEqualTo("stopped, no boluses");
    Prescription bolusOnly = new Prescription(BACLOFEN, C500, nothing.basal(), List.of(), Optional.of(allowance(Duration.ofMinutes(10))));
    accepted(() -> LIMITS.checkPrescription(bolusOnly, Etiology.SPINAL, BACLOFEN));
  }

  private static PatientBolusAllowance allowance(Duration duration) {
    return new PatientBolusAllowance(Mass.ofMicrograms(20), duration, duration.compareTo(Duration.ofHours(2)) > 0 ? duration
        : Duration.ofHours(2), 4);
  }

  @Test
  void thePatientBolusDurationIsCheckedLikeEveryBolus() {
    Prescription odd = new Prescription(BACLOFEN, C500, simple(200).basal(), List.of(), Optional.of(allowance(Duration.ofHours(24).plusMinutes(1))));
    assertThat(refused(() -> LIMITS.checkPrescription(odd, Etiology.SPINAL, BACLOFEN)).field()).isEqualTo("patient bolus duration");
  }

  @Test
  void exactlyTheHardDailyMaximumIsAcceptedAndOneMicrogramMoreIsNot() {
    accepted(() -> LIMITS.checkPrescription(simple(2000), Etiology.SPINAL, BACLOFEN));
    Refused r = refused(() -> LIMITS.checkPrescription(simple(2001), Etiology.SPINAL, BACLOFEN));
    assertThat(r.code()).isEqualTo(Code.HARD_DOSE_LIMIT);
    assertThat(r.field()).isEqualTo("daily dose");
    assertThat(r.value()).isEqualTo(Mass.ofMicrograms(2001) + "/24 h worst case");
    assertThat(r.allowed()).isEqualTo("<= " + DoseRate.ofMicrogramsPerDay(2000) + " (baclofen, SPINAL hard maximum)");
    // the etiology's own maximum: 1400 mcg/day cerebral
    accepted(() -> LIMITS.checkPrescription(simple(1400), Etiology.CEREBRAL, BACLOFEN));
    assertThat(refused(() -> LIMITS.checkPrescription(simple(1401), Etiology.CEREBRAL, BACLOFEN)).code()).isEqualTo(Code.HARD_DOSE_LIMIT);
    // every allowed patient bolus counts: 1920 + 4 x 20 = 2000 is the edge
    Prescription withPatient = new Prescription(BACLOFEN, C500, simple(1920).basal(), List.of(), Optional.of(allowance(Duration.ofMinutes(10))));
    accepted(() -> LIMITS.checkPrescription(withPatient, Etiology.SPINAL, BACLOFEN));
    Prescription over = new Prescription(BACLOFEN, C500, simple(1921).basal(), List.of(), Optional.of(allowance(Duration.ofMinutes(10))));
    assertThat(refused(() -> LIMITS.checkPrescription(over, Etiology.SPINAL, BACLOFEN)).code()).isEqualTo(Code.HARD_DOSE_LIMIT);
  }

  @Test
  void theHighestRateIsAcceptedAtItsEdgeWithBolusesIncluded() {
    // 24 mL/day at 2000 mcg/mL is 48 000 mcg/day: far above the hard maximum, so the rate check is reached only with a bolus
    DailyProfile daily = DailyProfile.of(simple(500));
    long units = DeliveryUnits.ofMass(Mass.ofMicrograms(300));
    // 300 mcg in 30 min at 500 mcg/mL = 0.6 mL in 30 min = 28.8 mL/day: above the 24 mL/day maximum
    Refused r = refused(() -> LIMITS.checkOneOff("clinician bolus", units, Duration.ofMinutes(30), daily, Optional.empty(), C500, 0,
        BACLOFEN, Etiology.SPINAL));
    assertThat(r.field()).isEqualTo("clinician bolus rate");
    assertThat(r.allowed()).isEqualTo("<= " + VolumeRate.ofMicrolitresPerDay(24_000) + " (ITB-20, boluses included)");
    assertThat(r.reason()).isEqualTo("above the pump's highest rate");
    // the same bolus over 60 min is 14.4 mL/day + 1 mL/day basal: accepted, and its shape is the bolus's
    accepted(() -> {
      BolusShape shape = LIMITS.checkOneOff("clinician bolus", units, Duration.ofMinutes(60), daily, Optional.empty(), C500, 0, BACLOFEN,
          Etiology.SPINAL);
      assertThat(shape).isEqualTo(new BolusShape(units, 3_600_000));
    });
  }

  @Test
  void aOneOffBolusCountsTheRecentOnesAgainstTheHardMaximum() {
    DailyProfile daily = DailyProfile.of(simple(1500));
    long recent = DeliveryUnits.ofMass(Mass.ofMicrograms(300));
    long edge = DeliveryUnits.ofMass(Mass.ofMicrograms(200));
    accepted(() -> LIMITS.checkOneOff("bolus", edge, Duration.ofHours(2), daily, Optional.empty(), C500, recent, BACLOFEN, Etiology.SPINAL));
    Refused r = refused(() -> LIMITS.checkOneOff("bolus", edge + 1, Duration.ofHours(2), daily, Optional.empty(), C500, recent, BACLOFEN,
        Etiology.SPINAL));
    assertThat(r.code()).isEqualTo(Code.HARD_DOSE_LIMIT);
    assertThat(r.field()).isEqualTo("bolus");
    // the patient allowance's daily maximum counts too
    Optional<PatientBolusAllowance> patient = Optional.of(allowance(Duration.ofMinutes(10)));
    long lessByPatient = edge - DeliveryUnits.ofMass(Mass.ofMicrograms(80));
    accepted(() -> LIMITS.checkOneOff("bolus", lessByPatient, Duration.ofHours(2), daily, patient, C500, recent, BACLOFEN, Etiology.SPINAL));
    assertThat(refused(() -> LIMITS.checkOneOff("bolus", lessByPatient + 1, Duration.ofHours(2), daily, patient, C500, recent, BACLOFEN,
        Etiology.SPINAL)).code()).isEqualTo(Code.HARD_DOSE_LIMIT);
  }

  @Test
  void aPrescriptionAboveTheDrugsMaximumConcentrationIsRefused() {
    // the prescription itself carries no concentration check: the pump's limits are the only guard
    accepted(() -> LIMITS.checkPrescription(Prescription.simple(BACLOFEN, C2000, DoseRate.ofMicrogramsPerDay(200)), Etiology.SPINAL,
        BACLOFEN));
    Concentration above = new Concentration(C2000.nanogramsPerMillilitre() + 1);
    Prescription p = Prescription.simple(BACLOFEN, above, DoseRate.ofMicrogramsPerDay(200));
    assertThat(refused(() -> LIMITS.checkPrescription(p, Etiology.SPINAL, BACLOFEN))).isEqualTo(new Refused(Code.OUT_OF_RANGE,
        "concentration", above.toString(), "<= " + C2000 + " for baclofen", "above the drug's maximum concentration"));
  }

  private static final VolumeRate MAX_RATE = VolumeRate.ofMicrolitresPerDay(24_000);
  private static final String MAX_RATE_ALLOWED = "<= " + MAX_RATE + " (ITB-20, boluses included)";

  @Test
  void thePatientBolusPeakAddsToTheProgramsPeakRate() {
    // 20 mcg over 1 min at 500 mcg/mL is 57.6 mL/day; with 200 mcg/day basal (0.4 mL/day) 58 mL/day at peak
    Prescription fast = new Prescription(BACLOFEN, C500, simple(200).basal(), List.of(),
        Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(20), Duration.ofMinutes(1), Duration.ofHours(2), 4)));
    assertThat(refused(() -> LIMITS.checkPrescription(fast, Etiology.SPINAL, BACLOFEN))).isEqualTo(new Refused(Code.OUT_OF_RANGE,
        "rate", VolumeRate.ofMicrolitresPerDay(58_000) + " at peak", MAX_RATE_ALLOWED, "above the pump's highest rate"));
  }

  @Test
  void aPatientBolusReachingExactlyTheHighestRateIsAcceptedAndOneNanogramMoreIsNot() {
    // 24 mL/day at 500 mcg/mL is 60 000 000 units/ms; 200 mcg/day basal is 1 000 000, so the patient bolus may peak at
    // 59 000 000 units/ms: 73.75 mcg over 9 min (73 750 ng x 800 units/ms per ng over 540 000 ms)
    accepted(() -> LIMITS.checkPrescription(withPatient(73_750), Etiology.SPINAL, BACLOFEN));
    // one nanogram more: 59 000 800 units/ms, 24 000 320 nL/day at the peak
    assertThat(refused(() -> LIMITS.checkPrescription(withPatient(73_751), Etiology.SPINAL, BACLOFEN))).isEqualTo(new Refused(
        Code.OUT_OF_RANGE, "rate", new VolumeRate(24_000_320) + " at peak", MAX_RATE_ALLOWED, "above the pump's highest rate"));
  }

  private static Prescription withPatient(long doseNanograms) {
    return new Prescription(BACLOFEN, C500, simple(200).basal(), List.of(),
        Optional.of(new PatientBolusAllowance(new Mass(doseNanograms), Duration.ofMinutes(9), Duration.ofHours(2), 4)));
  }

  @Test
  void aOneOffBolusReachingExactlyTheHighestRateOnTopOfBasalAndPatientBolusIsAcceptedAndOneUnitMoreIsNot() {
    // basal 200 mcg/day = 1 000 000 units/ms; the patient bolus 20 mcg over 10 min peaks at 14 400 000: the one-off bolus
    // may add 44 600 000 units/ms, over 60 min 160 560 000 000 000 units (371.7 mcg)
    DailyProfile daily = DailyProfile.of(simple(200));
    Optional<PatientBolusAllowance> patient = Optional.of(allowance(Duration.ofMinutes(10)));
    long edge = 44_600_000L * 3_600_000L;
    accepted(() -> assertThat(LIMITS.checkOneOff("clinician bolus", edge, Duration.ofHours(1), daily, patient, C500, 0, BACLOFEN,
        Etiology.SPINAL)).isEqualTo(new BolusShape(edge, 3_600_000)));
    // one unit more peaks at 60 000 001 units/ms, 24 000 000.4 nL/day rounded up
    assertThat(refused(() -> LIMITS.checkOneOff("clinician bolus", edge + 1, Duration.ofHours(1), daily, patient, C500, 0, BACLOFEN,
        Etiology.SPINAL))).isEqualTo(new Refused(Code.OUT_OF_RANGE, "clinician bolus rate", new VolumeRate(24_000_001) + " at peak",
        MAX_RATE_ALLOWED, "above the pump's highest rate"));
  }

  @Test
  void bolusDurationsAreWholeMinutesFromOneMinuteTo24Hours() {
    DailyProfile daily = DailyProfile.of(simple(100));
    long units = DeliveryUnits.ofMass(Mass.ofMicrograms(1));
    for (Duration ok : List.of(Duration.ofMinutes(1), Duration.ofHours(24))) {
      accepted(() -> LIMITS.checkOneOff("bolus", units, ok, daily, Optional.empty(), C500, 0, BACLOFEN, Etiology.SPINAL));
    }
    for (Duration bad : List.of(Duration.ofSeconds(59), Duration.ofHours(24).plusMinutes(1), Duration.ofMinutes(5).plusSeconds(1),
        Duration.ofMinutes(5).plusMillis(1))) {
      Refused r = refused(() -> LIMITS.checkOneOff("bolus", units, bad, daily, Optional.empty(), C500, 0, BACLOFEN, Etiology.SPINAL));
      assertThat(r.field()).as(bad.toString()).isEqualTo("bolus duration");
      assertThat(r.allowed()).isEqualTo("whole minutes, PT1M to PT24H");
    }
  }

  @Test
  void aDeadSpaceBolusFillsAtMostThePumpTubingAndTheLongestCatheter() {
    accepted(() -> LIMITS.checkDeadSpaceVolume(Volume.ofNanolitres(1), "volume"));
    accepted(() -> LIMITS.checkDeadSpaceVolume(Volume.ofMicrolitres(540), "volume"));
    for (Volume bad : List.of(Volume.ZERO, Volume.ofNanolitres(540_001))) {
      Refused r = refused(() -> LIMITS.checkDeadSpaceVolume(bad, "priming volume"));
      assertThat(r.field()).isEqualTo("priming volume");
      assertThat(r.allowed()).isEqualTo("> 0 and <= " + Volume.ofMicrolitres(540) + " (pump tubing + longest catheter)");
    }
  }

  @Test
  void aStopExpiresWithinOneMinuteTo48Hours() {
    accepted(() -> LIMITS.checkStop(Duration.ofMinutes(1)));
    accepted(() -> LIMITS.checkStop(Duration.ofHours(48)));
    for (Duration bad : List.of(Duration.ofSeconds(59), Duration.ofHours(48).plusMillis(1))) {
      assertThat(refused(() -> LIMITS.checkStop(bad))).isEqualTo(new Refused(Code.OUT_OF_RANGE, "expiry", bad.toString(), "PT1M to PT48H",
          "a stop must expire within 48 hours"));
    }
  }

  @Test
  void theClockIsSetWithinTheYears2000To2199() {
    accepted(() -> LIMITS.checkClock(LocalDateTime.of(2000, 1, 1, 0, 0)));
    accepted(() -> LIMITS.checkClock(LocalDateTime.of(2199, 12, 31, 23, 59)));
    for (LocalDateTime bad : List.of(LocalDateTime.of(1999, 12, 31, 23, 59), LocalDateTime.of(2200, 1, 1, 0, 0))) {
      assertThat(refused(() -> LIMITS.checkClock(bad))).isEqualTo(new Refused(Code.OUT_OF_RANGE, "localTime", bad.toString(),
          "years 2000-2199", "implausible date"));
    }
  }

  @Test
  void aRateInUnitsPerMillisecondReadsAsAVolumeRateRoundedUp() {
    long perMilli = DeliveryUnits.maxPerMilli(VolumeRate.ofMicrolitresPerDay(48), C500);
    assertThat(TherapyLimits.volumeRate(perMilli, C500)).isEqualTo(VolumeRate.ofMicrolitresPerDay(48));
    // one unit per millisecond more is a fraction of a nanolitre per day more: rounded up to the next whole one
    assertThat(TherapyLimits.volumeRate(perMilli + 1, C500).nanolitresPerDay()).isEqualTo(48_001);
    assertThat(TherapyLimits.massOf(Volume.ofMillilitres(2), C500)).isEqualTo(Mass.ofMicrograms(1000));
    assertThat(TherapyLimits.patientDailyUnits(Optional.empty())).isZero();
    assertThat(TherapyLimits.patientDailyUnits(Optional.of(allowance(Duration.ofMinutes(10))))).isEqualTo(DeliveryUnits.ofMass(Mass.ofMicrograms(80)));
  }
}
