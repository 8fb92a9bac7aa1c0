// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;

class FractionTest {

  @Test
  void isKeptInLowestTermsSoEqualValuesAreEqual() {
    assertThat(Fraction.of(2, 4)).isEqualTo(Fraction.of(1, 2));
    assertThat(Fraction.of(3, -6)).isEqualTo(Fraction.of(-1, 2));
    assertThat(Fraction.of(0, -7)).isEqualTo(Fraction.ZERO);
    assertThat(Fraction.of(1, 3).plus(Fraction.of(1, 6))).isEqualTo(Fraction.of(1, 2));
    assertThatThrownBy(() -> Fraction.of(1, 0)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void roundsInTheStatedDirection() {
    assertThat(Fraction.of(7, 2).floor()).isEqualTo(BigInteger.valueOf(3));
    assertThat(Fraction.of(7, 2).ceil()).isEqualTo(BigInteger.valueOf(4));
    assertThat(Fraction.of(-7, 2).floor()).isEqualTo(BigInteger.valueOf(-4));
    assertThat(Fraction.of(-7, 2).ceil()).isEqualTo(BigInteger.valueOf(-3));
    assertThat(Fraction.of(6, 2).round(Rounding.EXACT)).isEqualTo(BigInteger.valueOf(3));
    assertThatThrownBy(() -> Fraction.of(7, 2).round(Rounding.EXACT)).isInstanceOf(ArithmeticException.class);
    assertThat(Fraction.percent(500, 1500).toPlainString(1, RoundingMode.HALF_UP)).isEqualTo("33.3");
    assertThat(Fraction.percent(2000, 1500).toPlainString(1, RoundingMode.HALF_UP)).isEqualTo("133.3");
  }

  @Test
  void floorAndCeilBracketTheValue() {
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(longs().all(), longs().between(1, Long.MAX_VALUE))
        .checkAssert((n, d) -> {
          Fraction f = Fraction.of(n, d);
          assertThat(Fraction.of(f.floor())).isLessThanOrEqualTo(f);
          assertThat(Fraction.of(f.ceil())).isGreaterThanOrEqualTo(f);
          assertThat(f.ceil().subtract(f.floor())).isEqualTo(f.isInteger() ? BigInteger.ZERO : BigInteger.ONE);
          assertThat(f.times(Fraction.of(d))).isEqualTo(Fraction.of(n));
        });
  }
}
