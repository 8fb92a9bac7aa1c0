// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;

class TitrationGuardrailTest {
  private static final LocalDateTime AT = t("2026-03-10T10:00");

  private static TitrationCheck spinal(long current, long proposed) {
    return TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(current), mcgPerDay(proposed), Optional.empty(), AT);
  }

  @Test
  void spinalTenToThirtyPercent() {
    TitrationCheck within = spinal(300, 360);
    assertThat(within.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    assertThat(within.allowedMin()).isEqualTo(mcgPerDay(330));
    assertThat(within.allowedMax()).isEqualTo(mcgPerDay(390));
    assertThat(within.changePercent()).isEqualTo(Fraction.of(20));
    assertThat(within.changePercentDisplay()).isEqualTo("+20.0");
    assertThat(spinal(300, 330).verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    assertThat(spinal(300, 390).verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
    assertThat(spinal(300, 320).verdict()).isEqualTo(TitrationCheck.Verdict.BELOW_MINIMUM_STEP);
    TitrationCheck above = spinal(300, 400);
    assertThat(above.verdict()).isEqualTo(TitrationCheck.Verdict.ABOVE_MAXIMUM_STEP);
    assertThat(above.changePercentDisplay()).isEqualTo("+33.3");
    assertThat(above.reason()).contains("+10 to +30 % = 330-390 mcg/day");
  }

  @Test
  void cerebralAndPaediatricFiveToFifteenPercent() {
    TitrationCheck c = TitrationGuardrail.check(BACLOFEN, Etiology.CEREBRAL, mcgPerDay(200), mcgPerDay(240), Optional.empty(), AT);
    assertThat(c.allowedMin()).isEqualTo(mcgPerDay(210));
    assertThat(c.allowedMax()).isEqualTo(mcgPerDay(230));
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.ABOVE_MAXIMUM_STEP);
    TitrationCheck p = TitrationGuardrail.check(BACLOFEN, Etiology.PAEDIATRIC, mcgPerDay(200), mcgPerDay(220), Optional.empty(), AT);
    assertThat(p.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
  }

  @Test
  void boundsRoundInward() {
    // 333.333 mcg/day: +10 % = 366.6663 -> up to 366.667; +30 % = 433.3329 -> down to 433.332.
    TitrationCheck c = TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, new DoseRate(333_333), new DoseRate(366_666), Optional.empty(), AT);
    assertThat(c.allowedMin()).isEqualTo(new DoseRate(366_667));
    assertThat(c.allowedMax()).isEqualTo(new DoseRate(433_332));
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.BELOW_MINIMUM_STEP);
  }

  @Test
  void atMostOneIncreasePer24h() {
    TitrationCheck soon = TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(300), mcgPerDay(360),
        Optional.of(t("2026-03-09T22:00")), AT);
    assertThat(soon.verdict()).isEqualTo(TitrationCheck.Verdict.TOO_SOON_AFTER_LAST_INCREASE);
    assertThat(soon.nextIncreaseAllowedAt()).contains(t("2026-03-10T22:00"));
    assertThat(soon.reason()).contains("2026-03-10T22:00");
    TitrationCheck later = TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(300), mcgPerDay(360),
        Optional.of(t("2026-03-09T10:00")), AT);
    assertThat(later.verdict()).isEqualTo(TitrationCheck.Verdict.WITHIN_GUARDRAIL);
  }

  @Test
  void decreasesAndNoChange() {
    TitrationCheck down = spinal(300, 250);
    assertThat(down.verdict()).isEqualTo(TitrationCheck.Verdict.DECREASE);
    assertThat(down.changePercentDisplay()).isEqualTo("-16.7");
    assertThat(spinal(300, 300).verdict()).isEqualTo(TitrationCheck.Verdict.NO_CHANGE);
    assertThat(spinal(300, 300).changePercentDisplay()).isEqualTo("0.0");
    // A decrease soon after an increase is not held back.
    assertThat(TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(300), mcgPerDay(250),
        Optional.of(t("2026-03-10T09:00")), AT).verdict()).isEqualTo(TitrationCheck.Verdict.DECREASE);
  }

  @Test
  void refusals() {
    assertThatThrownBy(() -> spinal(0, 50))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("current dose").hasMessageContaining("> 0 mcg/day");
    assertThatThrownBy(() -> TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, mcgPerDay(300), mcgPerDay(330),
        Optional.of(t("2026-03-11T10:00")), AT))
        .hasMessageContaining("last increase").hasMessageContaining("2026-03-11T10:00").hasMessageContaining("not after 2026-03-10T10:00");
  }

  @Test
  void verdictAgreesWithTheExactPercentage() {
    qt().withFixedSeed(TestGens.SEED).withExamples(1000)
        .forAll(longs().between(1, 10_000_000_000L), longs().between(0, 20_000_000_000L))
        .checkAssert((cur, prop) -> {
          TitrationCheck c = TitrationGuardrail.check(BACLOFEN.titration(Etiology.SPINAL), new DoseRate(cur), new DoseRate(prop), Optional.empty(), AT);
          Fraction pct = c.changePercent();
          assertThat(pct).isEqualTo(Fraction.percent(prop - cur, cur));
          TitrationCheck.Verdict expected = prop.longValue() == cur.longValue() ? TitrationCheck.Verdict.NO_CHANGE
              : prop < cur ? TitrationCheck.Verdict.DECREASE
              : pct.compareTo(Fraction.of(10)) < 0 ? TitrationCheck.Verdict.BELOW_MINIMUM_STEP
              : pct.compareTo(Fraction.of(30)) > 0 ? TitrationCheck.Verdict.ABOVE_MAXIMUM_STEP
              : TitrationCheck.Verdict.WITHIN_GUARDRAIL;
          assertThat(c.verdict()).isEqualTo(expected);
        });
  }

  @Test
  void theHardDailyMaximumBoundsEveryAnswer() {
    DoseRate hardMax = BACLOFEN.limits(Etiology.SPINAL).hardMax();
    qt().withFixedSeed(TestGens.SEED).withExamples(1000)
        .forAll(longs().between(1, 4_000_000L), longs().between(0, 4_000_000L))
        .checkAssert((curNg, propNg) -> {
          DoseRate cur = new DoseRate(curNg * 1000);
          DoseRate prop = new DoseRate(propNg * 1000);
          TitrationCheck c = TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, cur, prop, Optional.empty(), AT);
          assertThat(c.allowedMax()).isLessThanOrEqualTo(hardMax);
          assertThat(c.allowedMin()).isLessThanOrEqualTo(c.allowedMax());
          assertThat(c.verdict() == TitrationCheck.Verdict.ABOVE_HARD_MAXIMUM).isEqualTo(prop.compareTo(hardMax) > 0);
        });
  }

  @Test
  void theIssueCaseSpinal1800To2100IsAboveTheHardMaximum() {
    TitrationCheck c = TitrationGuardrail.check(BACLOFEN, Etiology.SPINAL, DoseRate.ofMicrogramsPerDay(1800), DoseRate.ofMicrogramsPerDay(2100),
        Optional.empty(), AT);
    assertThat(c.verdict()).isEqualTo(TitrationCheck.Verdict.ABOVE_HARD_MAXIMUM);
    assertThat(c.allowedMax()).isEqualTo(DoseRate.ofMicrogramsPerDay(2000));
    assertThat(c.reason()).contains("hard daily maximum");
  }
}
