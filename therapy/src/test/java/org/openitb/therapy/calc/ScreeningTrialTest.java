// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

class ScreeningTrialTest {

  @Test
  void fiftySeventyFiveHundredAtLeastADayApart() {
    TrialPlan plan = ScreeningTrial.plan(t("2026-03-02T08:00"), false);
    assertThat(plan.doses()).extracting(TestDose::dose)
        .containsExactly(Mass.ofMicrograms(50), Mass.ofMicrograms(75), Mass.ofMicrograms(100));
    assertThat(plan.doses()).extracting(TestDose::earliestAt)
        .containsExactly(t("2026-03-02T08:00"), t("2026-03-03T08:00"), t("2026-03-04T08:00"));
    assertThat(plan.doses()).extracting(TestDose::volume).containsExactly(ml("1"), ml("1.5"), ml("2"));
    TestDose first = plan.doses().get(0);
    assertThat(first.observeFrom()).isEqualTo(t("2026-03-02T12:00"));
    assertThat(first.observeUntil()).isEqualTo(t("2026-03-02T16:00"));
    assertThat(plan.doses().get(2).condition()).contains("only if dose 2 (75 mcg) gave no positive response");
  }

  @Test
  void smallPatientsStartAt25() {
    TrialPlan plan = ScreeningTrial.plan(t("2024-02-28T09:15:30"), true);
    assertThat(plan.doses()).extracting(d -> d.dose().micrograms()).containsExactly("25", "50", "75", "100");
    assertThat(plan.doses()).extracting(TestDose::earliestAt)
        .containsExactly(t("2024-02-28T09:15"), t("2024-02-29T09:15"), t("2024-03-01T09:15"), t("2024-03-02T09:15"));
  }

  @Test
  void startingDoseIsTwiceTheEffectiveBolusOrEqualWhenTheEffectLastedOver8h() {
    StartingDose twice = ScreeningTrial.startingDose(Mass.ofMicrograms(50), Duration.ofHours(6));
    assertThat(twice.outcome()).isEqualTo(StartingDose.Outcome.TWICE_EFFECTIVE_BOLUS);
    assertThat(twice.dailyDose()).contains(mcgPerDay(100));
    StartingDose exactly8 = ScreeningTrial.startingDose(Mass.ofMicrograms(75), Duration.ofHours(8));
    assertThat(exactly8.dailyDose()).contains(mcgPerDay(150)); // "over 8 h" is strict
    StartingDose longEffect = ScreeningTrial.startingDose(Mass.ofMicrograms(75), Duration.ofHours(8).plusMinutes(1));
    assertThat(longEffect.outcome()).isEqualTo(StartingDose.Outcome.EQUAL_TO_EFFECTIVE_BOLUS);
    assertThat(longEffect.dailyDose()).contains(mcgPerDay(75));
    StartingDose sideEffects = ScreeningTrial.startingDose(Mass.ofMicrograms(100), Duration.ofHours(4), true);
    assertThat(sideEffects.dailyDose()).contains(mcgPerDay(100));
    assertThat(sideEffects.reason()).contains("side effects");
  }

  @Test
  void nonResponderIsAnExplicitResultWithNoDose() {
    StartingDose none = ScreeningTrial.nonResponder();
    assertThat(none.outcome()).isEqualTo(StartingDose.Outcome.NOT_A_CANDIDATE);
    assertThat(none.dailyDose()).isEmpty();
    assertThat(none.reason()).contains("100 mcg").contains("not a candidate");
  }

  @Test
  void refusals() {
    assertThatThrownBy(() -> ScreeningTrial.startingDose(Mass.ofMicrograms(150), Duration.ofHours(6)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("effective bolus").hasMessageContaining("150 mcg").hasMessageContaining("<= 100 mcg");
    assertThatThrownBy(() -> ScreeningTrial.startingDose(Mass.ofMicrograms(50), Duration.ofHours(-1)))
        .hasMessageContaining("effect duration").hasMessageContaining(">= 0 h");
    assertThatThrownBy(() -> ScreeningTrial.plan(t("1969-12-31T23:59"), false))
        .hasMessageContaining("trial start").hasMessageContaining("1970-01-01T00:00 to 2999-12-31T23:59:59");
    assertThatThrownBy(() -> new StartingDose(StartingDose.Outcome.NOT_A_CANDIDATE, java.util.Optional.of(mcgPerDay(1)),
        java.util.Optional.empty(), "")).isInstanceOf(IllegalArgumentException.class);
  }
}
