// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;

/** The pump model's two-person rule at its exact boundaries (link/PROTOCOL.md 8.10). */
class SecondPersonRuleTest {
  static final SecondPersonRule RULE = PumpModels.ITB_20.secondPerson();
  static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);

  static Prescription simple(long ngPerDay) {
    return Prescription.simple(DrugLibrary.baclofen(), C500, new DoseRate(ngPerDay));
  }

  static Prescription withStep(long mcgPerDay) {
    return new Prescription(DrugLibrary.baclofen(), C500, new FlexSchedule(List.of(
        new FlexStep(LocalTime.of(0, 0), DoseRate.ofMicrogramsPerDay(300)),
        new FlexStep(LocalTime.of(12, 0), DoseRate.ofMicrogramsPerDay(mcgPerDay)),
        new FlexStep(LocalTime.of(13, 0), DoseRate.ofMicrogramsPerDay(300)))), List.of(), Optional.empty());
  }

  @Test
  void anIncreaseUpToTheModelsStepNeedsNoSecondPersonOneNanogramMoreDoes() {
    assertThat(RULE.reasons(Optional.of(simple(300_000)), simple(390_000))).isEmpty();
    assertThat(RULE.reasons(Optional.of(simple(300_000)), simple(390_001))).singleElement().asString().contains("+30 %");
    assertThat(RULE.reasons(Optional.of(simple(300_000)), simple(100_000))).as("a decrease").isEmpty();
    assertThat(RULE.reasons(Optional.empty(), simple(1_000_000))).as("first programming at implant").isEmpty();
  }

  @Test
  void aPerHourLikeStepNeedsASecondPersonThoughTheDailyTotalBarelyMoves() {
    assertThat(RULE.reasons(Optional.of(simple(300_000)), withStep(1_900))).singleElement().asString().contains("basal step at 12:00");
    assertThat(RULE.reasons(Optional.of(simple(300_000)), withStep(600))).as("exactly twice the daily dose").isEmpty();
  }

  @Test
  void aConcentrationChangeNeedsASecondPersonAndNoneIsTheAbsentRule() {
    Prescription c1000 = Prescription.simple(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(1000), DoseRate.ofMicrogramsPerDay(300));
    assertThat(RULE.reasons(Optional.of(simple(300_000)), c1000)).singleElement().asString().contains("concentration");
    assertThat(SecondPersonRule.NONE.reasons(Optional.of(simple(300_000)), c1000)).isEmpty();
    assertThat(SecondPersonRule.NONE.reasons(Optional.of(simple(300_000)), simple(3_000_000))).isEmpty();
  }

  @Test
  void oneClinicianMayStopForTheModelsEmergencyWindowOnceADayLongerOrAgainNeedsASecondPerson() {
    assertThat(RULE.singleClinicianStopMaxMinutes()).isEqualTo(720);
    assertThat(RULE.stopReason(1, false)).isEmpty();
    assertThat(RULE.stopReason(720, false)).as("12 h alone: ending an overdose never waits").isEmpty();
    assertThat(RULE.stopReason(721, false)).hasValueSatisfying(r -> assertThat(r).contains("at most 720 min"));
    assertThat(RULE.stopReason(60, true)).hasValueSatisfying(r -> assertThat(r).contains("already made"));
    assertThat(new SecondPersonRule(30, 100, true, true).stopReason(1, false)).as("0 min: every stop").isPresent();
    assertThat(SecondPersonRule.NONE.stopReason(4_320, true)).isEmpty();
  }

  @Test
  void aRefillChangingTheDrugOrConcentrationOfTheProgrammedTherapyNeedsASecondPerson() {
    Concentration c2000 = Concentration.ofMicrogramsPerMillilitre(2000);
    assertThat(RULE.refillReason(Optional.of(simple(300_000)), "Baclofen", C500)).as("same drug, same concentration").isEmpty();
    assertThat(RULE.refillReason(Optional.of(simple(300_000)), "baclofen", C500)).as("names match case-insensitively").isEmpty();
    assertThat(RULE.refillReason(Optional.of(simple(300_000)), "Baclofen", c2000)).hasValueSatisfying(r -> assertThat(r).contains("2000"));
    assertThat(RULE.refillReason(Optional.of(simple(300_000)), "Morphine", C500)).isPresent();
    assertThat(RULE.refillReason(Optional.empty(), "Baclofen", c2000)).as("first fill at implant").isEmpty();
    assertThat(SecondPersonRule.NONE.refillReason(Optional.of(simple(300_000)), "Baclofen", c2000)).isEmpty();
  }
}
