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
}
