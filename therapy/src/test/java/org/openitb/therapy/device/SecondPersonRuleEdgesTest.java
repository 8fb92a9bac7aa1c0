// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/** The two-person rule's thresholds at zero, a stop from and to Stopped, and the rounded-up daily total. */
class SecondPersonRuleEdgesTest {
  private static final SecondPersonRule RULE = PumpModels.ITB_20.secondPerson();
  private static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);

  private static Prescription stopped() {
    return new Prescription(DrugLibrary.baclofen(), C500, new Stopped(), List.of(), Optional.empty());
  }

  private static Prescription simple(long ngPerDay) {
    return Prescription.simple(DrugLibrary.baclofen(), C500, new DoseRate(ngPerDay));
  }

  @Test
  void zeroThresholdsAreAcceptedNegativeOnesAreNot() {
    SecondPersonRule zero = new SecondPersonRule(0, 0, true, true, 0);
    assertThat(zero.maxIncreasePercent()).isZero();
    // with 0 % any increase of the daily total or any step above it needs a second person, the same dose does not
    assertThat(zero.reasons(Optional.of(simple(300_000)), simple(300_000))).isEmpty();
    assertThat(zero.reasons(Optional.of(simple(300_000)), simple(300_001))).containsExactly(
        "daily dose: 300000 -> 300001 ng/day, more than +0 %; needs a second clinician's co-signature",
        "basal step at 00:00: 300001 ng/day, more than +0 % over the running daily dose of 300000 ng/day;"
            + " needs a second clinician's co-signature");
    for (int[] bad : new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}}) {
      assertThatThrownBy(() -> new SecondPersonRule(bad[0], bad[1], true, true, bad[2]))
          .isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo("secondPersonRule");
            assertThat(e.value()).isEqualTo(bad[0] + " %, " + bad[1] + " %, " + bad[2] + " min");
            assertThat(e.allowed()).isEqualTo(">= 0");
          });
    }
  }

  @Test
  void stoppingARunningTherapyNeedsASecondPersonStayingStoppedOrRestartingDoesNot() {
    assertThat(RULE.reasons(Optional.of(simple(300_000)), stopped()))
        .containsExactly("basal program: Stopped; a stop needs a second clinician's co-signature");
    assertThat(new SecondPersonRule(30, 100, false, true, 720).reasons(Optional.of(simple(300_000)), stopped())).isEmpty();
    assertThat(RULE.reasons(Optional.of(stopped()), stopped())).isEmpty();
    // from a stopped pump (daily total 0) no increase or step percentage applies
    assertThat(RULE.reasons(Optional.of(stopped()), simple(1_000_000))).isEmpty();
    assertThat(RULE.stepRateReason(Optional.of(stopped()), simple(1_000_000))).isEmpty();
    assertThat(RULE.stepRateReason(Optional.empty(), simple(1_000_000))).isEmpty();
  }

  @Test
  void theDailyTotalIsTimeWeightedAndRoundedUpToTheNanogram() {
    assertThat(SecondPersonRule.dailyTotalCeil(simple(300_000))).isEqualTo(BigInteger.valueOf(300_000));
    // 1 min at 100 mcg/day and 1439 min at 200 mcg/day = 287 900 000 / 1440 = 199 930.55... -> 199 931 ng
    Prescription flex = new Prescription(DrugLibrary.baclofen(), C500, new FlexSchedule(List.of(
        new FlexStep(LocalTime.of(0, 0), DoseRate.ofMicrogramsPerDay(100)),
        new FlexStep(LocalTime.of(0, 1), DoseRate.ofMicrogramsPerDay(200)))), List.of(), Optional.empty());
    assertThat(SecondPersonRule.dailyTotalCeil(flex)).isEqualTo(BigInteger.valueOf(199_931));
  }
}
