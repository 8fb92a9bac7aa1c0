// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The quantity types' own arithmetic and rounded conversions, each with an exact expected integer. */
class QuantityArithmeticTest {
  /** 3 ng/mL: every conversion at it leaves a remainder, so the rounding direction shows. */
  private static final Concentration THREE_NG_PER_ML = new Concentration(3);
  private static final Concentration FIVE_HUNDRED = Concentration.ofMicrogramsPerMillilitre(500);

  @Test
  void massConvertsToVolumeInTheStatedDirectionOnBothSidesOfZero() {
    // 1 ng at 3 ng/mL = 333 333.33... nL
    assertThat(new Mass(1).volumeAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(Volume.ofNanolitres(333_333));
    assertThat(new Mass(1).volumeAt(THREE_NG_PER_ML, Rounding.UP)).isEqualTo(Volume.ofNanolitres(333_334));
    assertThat(new Mass(-1).volumeAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(Volume.ofNanolitres(-333_334));
    assertThat(new Mass(-1).volumeAt(THREE_NG_PER_ML, Rounding.UP)).isEqualTo(Volume.ofNanolitres(-333_333));
    assertThat(new Mass(3).volumeAt(THREE_NG_PER_ML, Rounding.EXACT)).isEqualTo(Volume.ofMillilitres(1));
    assertThat(new Mass(-3).volumeAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(Volume.ofMillilitres(-1));
    assertThat(Mass.ofMicrograms(350).volumeAt(FIVE_HUNDRED, Rounding.EXACT)).isEqualTo(Volume.ofMicrolitres(700));
    assertThatThrownBy(() -> new Mass(1).volumeAt(THREE_NG_PER_ML, Rounding.EXACT))
        .isInstanceOf(ArithmeticException.class).hasMessage("1 * 1000000 / 3 is not exact");
  }

  @Test
  void volumeConvertsToMassInTheStatedDirection() {
    // 1 nL at 3 ng/mL = 0.000003 ng
    assertThat(Volume.ofNanolitres(1).massAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(Mass.ZERO);
    assertThat(Volume.ofNanolitres(1).massAt(THREE_NG_PER_ML, Rounding.UP)).isEqualTo(new Mass(1));
    assertThat(Volume.ofNanolitres(-1).massAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(new Mass(-1));
    assertThat(Volume.ofNanolitres(-1).massAt(THREE_NG_PER_ML, Rounding.UP)).isEqualTo(Mass.ZERO);
    assertThat(Volume.ofMicrolitres(700).massAt(FIVE_HUNDRED, Rounding.EXACT)).isEqualTo(Mass.ofMicrograms(350));
  }

  @Test
  void ratesConvertBothWaysInTheStatedDirection() {
    assertThat(new DoseRate(1).volumeRateAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(new VolumeRate(333_333));
    assertThat(new DoseRate(1).volumeRateAt(THREE_NG_PER_ML, Rounding.UP)).isEqualTo(new VolumeRate(333_334));
    assertThat(DoseRate.ofMicrogramsPerDay(350).volumeRateAt(FIVE_HUNDRED, Rounding.EXACT)).isEqualTo(VolumeRate.ofMicrolitresPerDay(700));
    assertThat(new VolumeRate(1).doseRateAt(THREE_NG_PER_ML, Rounding.DOWN)).isEqualTo(DoseRate.ZERO);
    assertThat(new VolumeRate(1).doseRateAt(THREE_NG_PER_ML, Rounding.UP)).isEqualTo(new DoseRate(1));
    assertThat(VolumeRate.ofMicrolitresPerDay(700).doseRateAt(FIVE_HUNDRED, Rounding.EXACT)).isEqualTo(DoseRate.ofMicrogramsPerDay(350));
    assertThat(VolumeRate.ofMicrolitresPerDay(48)).isEqualTo(new VolumeRate(48_000));
  }

  @Test
  void sumsDifferencesAndPerDayViewsAreExact() {
    assertThat(new Mass(1_500).plus(new Mass(250))).isEqualTo(new Mass(1_750));
    assertThat(new Mass(1_500).minus(new Mass(1_750))).isEqualTo(new Mass(-250));
    assertThat(new Mass(-1).isNegative()).isTrue();
    assertThat(Mass.ZERO.isNegative()).isFalse();
    assertThat(new Mass(1).isNegative()).isFalse();
    assertThat(new DoseRate(350_000).plus(new DoseRate(1))).isEqualTo(new DoseRate(350_001));
    assertThat(new DoseRate(350_000).perDay()).isEqualTo(Mass.ofMicrograms(350));
    assertThat(new VolumeRate(700_000).plus(new VolumeRate(1))).isEqualTo(new VolumeRate(700_001));
    assertThat(new VolumeRate(700_000).perDay()).isEqualTo(Volume.ofMicrolitres(700));
    assertThatThrownBy(() -> new Mass(Long.MAX_VALUE).plus(new Mass(1))).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void minAndMaxPickTheSmallerAndTheLargerValue() {
    Volume a = Volume.ofNanolitres(5);
    Volume b = Volume.ofNanolitres(6);
    Volume a2 = Volume.ofNanolitres(5);
    assertThat(a.min(b)).isSameAs(a);
    assertThat(b.min(a)).isSameAs(a);
    assertThat(a.min(a2)).isSameAs(a);
    assertThat(a.max(b)).isSameAs(b);
    assertThat(b.max(a)).isSameAs(b);
    assertThat(a.max(a2)).isSameAs(a);
    Fraction third = Fraction.of(1, 3);
    Fraction half = Fraction.of(1, 2);
    assertThat(third.min(half)).isSameAs(third);
    assertThat(half.min(third)).isSameAs(third);
    Fraction otherThird = Fraction.of(2, 6);
    assertThat(third.min(otherThird)).isSameAs(third);
  }

  @Test
  void volumeRatesParseCompareAndRefuseNegativeValues() {
    assertThat(VolumeRate.parse("0.7 mL/day", "rate", null)).isEqualTo(new VolumeRate(700_000));
    assertThat(VolumeRate.parse("1 mL/h", "rate", null)).isEqualTo(new VolumeRate(24_000_000));
    assertThat(VolumeRate.parse("0", "rate", "mL/day")).isEqualTo(VolumeRate.ZERO);
    assertThatThrownBy(() -> VolumeRate.parse("-0.001 mL/day", "rate", null)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("rate");
      assertThat(e.value()).isEqualTo("-0.001 mL/day");
      assertThat(e.allowed()).isEqualTo(">= 0 mL/day");
    });
    assertThat(new VolumeRate(1).compareTo(new VolumeRate(2))).isNegative();
    assertThat(new VolumeRate(2).compareTo(new VolumeRate(1))).isPositive();
    assertThat(new VolumeRate(2).compareTo(new VolumeRate(2))).isZero();
  }

  @Test
  void aFractionPrintsAsAnIntegerOrNumeratorOverDenominator() {
    assertThat(Fraction.of(6, 3)).hasToString("2");
    assertThat(Fraction.of(-2, 6)).hasToString("-1/3");
  }

  @Test
  void roundingDividesInItsDirectionOnBothSidesOfZero() {
    assertThat(Rounding.DOWN.divide(7, 2)).isEqualTo(3);
    assertThat(Rounding.UP.divide(7, 2)).isEqualTo(4);
    assertThat(Rounding.DOWN.divide(-7, 2)).isEqualTo(-4);
    assertThat(Rounding.UP.divide(-7, 2)).isEqualTo(-3);
    assertThat(Rounding.EXACT.divide(8, 2)).isEqualTo(4);
    assertThat(Rounding.EXACT.divide(-8, 2)).isEqualTo(-4);
    assertThat(Rounding.UP.divide(8, 2)).isEqualTo(4);
    assertThat(Rounding.DOWN.divide(5, 1)).isEqualTo(5);
    assertThatThrownBy(() -> Rounding.EXACT.divide(7, 2)).isInstanceOf(ArithmeticException.class).hasMessage("7 / 2 is not exact");
    assertThatThrownBy(() -> Rounding.DOWN.divide(7, 0)).isInstanceOf(ArithmeticException.class)
        .hasMessage("denominator must be positive: 0");
    assertThatThrownBy(() -> Rounding.UP.divide(7, -1)).isInstanceOf(ArithmeticException.class)
        .hasMessage("denominator must be positive: -1");
  }

  @Test
  void aConcentrationOfOneNanogramPerMillilitreIsTheSmallest() {
    assertThat(new Concentration(1).nanogramsPerMillilitre()).isEqualTo(1);
    assertThatThrownBy(() -> new Concentration(0)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("concentration");
      assertThat(e.value()).isEqualTo("0 ng/mL");
      assertThat(e.allowed()).isEqualTo("> 0");
    });
  }
}
