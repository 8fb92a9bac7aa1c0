// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.drug.TitrationLimits;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/** The guardrail range cut by the hard daily maximum, and each boundary of the verdict, with exact values. */
class TitrationGuardrailEdgesTest {
  private static final LocalDateTime AT = t("2026-03-10T10:00");

  private static TitrationCheck spinal(long current, long proposed) {
    return TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(current), mcgPerDay(proposed), Optional.empty(), AT);
  }

  @Test
  void theHardMaximumItselfIsWithinTheCutRange() {
    // 1600 mcg/day: +10 to +30 % = 1760-2080, cut by the 2000 mcg/day hard maximum to 1760-2000
    TitrationCheck c = spinal(1600, 2000);
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    assertThat(c.allowedMin()).isEqualTo(mcgPerDay(1760));
    assertThat(c.allowedMax()).isEqualTo(mcgPerDay(2000));
    assertThat(c.reason()).isEqualTo("2000 mcg/day is within the guardrail, which the hard maximum of 2000 mcg/day cuts to 1760-2000 mcg/day");
    TitrationCheck over = spinal(1600, 2001);
    assertThat(over.verdict()).isEqualTo(TitrationCheck.Verdict.ABOVE_HARD_MAXIMUM);
    assertThat(over.allowedMax()).isEqualTo(mcgPerDay(2000));
  }

  @Test
  void aRangeCutBelowItsMinimumCollapsesToTheHardMaximum() {
    // 1900 mcg/day: +10 % = 2090 > 2000, so the cut range is 2000-2000 and 2000 (5.3 %) is within it
    TitrationCheck c = spinal(1900, 2000);
    assertThat(c.allowedMin()).isEqualTo(mcgPerDay(2000));
    assertThat(c.allowedMax()).isEqualTo(mcgPerDay(2000));
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    assertThat(c.reason()).isEqualTo("2000 mcg/day is within the guardrail, which the hard maximum of 2000 mcg/day cuts to 2000-2000 mcg/day");
    TitrationCheck small = spinal(1900, 1999);
    assertThat(small.verdict()).isEqualTo(TitrationCheck.Verdict.BELOW_MINIMUM_STEP);
    assertThat(small.allowedMin()).isEqualTo(mcgPerDay(2000));
  }

  @Test
  void aStepBelowTheCutRangeKeepsItsVerdictAndReason() {
    TitrationCheck c = spinal(1600, 1700);
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.BELOW_MINIMUM_STEP);
    assertThat(c.allowedMin()).isEqualTo(mcgPerDay(1760));
    assertThat(c.allowedMax()).isEqualTo(mcgPerDay(2000));
    assertThat(c.reason()).isEqualTo("1700 mcg/day is a smaller step than the guardrail's +10 to +30 % = 1760-2080 mcg/day;"
        + " confirm a smaller step is intended");
  }

  @Test
  void anUncutRangeIsReturnedWithItsOwnReason() {
    TitrationCheck c = spinal(1000, 1200);
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    assertThat(c.allowedMax()).isEqualTo(mcgPerDay(1300));
    assertThat(c.reason()).isEqualTo("1200 mcg/day is within the guardrail's +10 to +30 % = 1100-1300 mcg/day");
    // the range ends exactly at the hard maximum: nothing is cut
    TitrationCheck atMax = TitrationGuardrail.check(BACLOFEN, Etiology.CEREBRAL, mcgPerDay(1400), mcgPerDay(1400), Optional.empty(), AT);
    assertThat(atMax.verdict()).isEqualTo(TitrationCheck.Verdict.NO_CHANGE);
    assertThat(atMax.allowedMin()).isEqualTo(mcgPerDay(1400));
    assertThat(atMax.allowedMax()).isEqualTo(mcgPerDay(1400));
  }

  @Test
  void tooSoonDecreaseAndNoChangeAreNotRejudgedByTheCutRange() {
    TitrationCheck soon = TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(1600), mcgPerDay(1800),
        Optional.of(t("2026-03-10T09:00")), AT);
    assertThat(soon.verdict()).isEqualTo(TitrationCheck.Verdict.TOO_SOON_AFTER_LAST_INCREASE);
    assertThat(soon.allowedMax()).isEqualTo(mcgPerDay(2000));
    assertThat(soon.nextIncreaseAllowedAt()).contains(t("2026-03-11T09:00"));
    TitrationCheck down = spinal(1900, 1000);
    assertThat(down.verdict()).isEqualTo(TitrationCheck.Verdict.DECREASE);
    assertThat(down.allowedMin()).isEqualTo(mcgPerDay(2000));
    TitrationCheck same = spinal(1900, 1900);
    assertThat(same.verdict()).isEqualTo(TitrationCheck.Verdict.NO_CHANGE);
    assertThat(same.reason()).isEqualTo("the proposed dose equals the current one");
  }

  @Test
  void theNextIncreaseIsAllowedExactlyAtTheEndOfTheInterval() {
    TitrationLimits limits = BACLOFEN.titration(Etiology.SPINAL);
    TitrationCheck exactly = TitrationGuardrail.check(limits, mcgPerDay(300), mcgPerDay(360), Optional.of(t("2026-03-09T10:00")), AT);
    assertThat(exactly.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    TitrationCheck sameTime = TitrationGuardrail.check(limits, mcgPerDay(300), mcgPerDay(360), Optional.of(AT), AT);
    assertThat(sameTime.verdict()).isEqualTo(TitrationCheck.Verdict.TOO_SOON_AFTER_LAST_INCREASE);
    assertThatThrownBy(() -> TitrationGuardrail.check(limits, mcgPerDay(300), mcgPerDay(360), Optional.of(AT.plusSeconds(1)), AT))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("last increase");
          assertThat(e.allowed()).isEqualTo("not after 2026-03-10T10:00");
        });
    assertThatThrownBy(() -> TitrationGuardrail.check(limits, DoseRate.ZERO, mcgPerDay(360), Optional.empty(), AT))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("current dose");
          assertThat(e.allowed()).isEqualTo("> 0 mcg/day");
        });
  }
}
