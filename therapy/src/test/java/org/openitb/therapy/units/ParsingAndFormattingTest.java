// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;

class ParsingAndFormattingTest {

  @Test
  void parsesWhatCliniciansType() {
    assertThat(Concentration.parse("500 mcg/mL", "concentration", null)).isEqualTo(new Concentration(500_000));
    assertThat(Concentration.parse("2 mg/mL", "concentration", null)).isEqualTo(new Concentration(2_000_000));
    assertThat(Volume.parse("0.6 mL", "volume", null)).isEqualTo(Volume.ofNanolitres(600_000));
    assertThat(Volume.parse("140 uL", "volume", null)).isEqualTo(Volume.ofNanolitres(140_000));
    assertThat(DoseRate.parse("350 mcg/day", "dose", null)).isEqualTo(new DoseRate(350_000));
    assertThat(DoseRate.parse("1.5 mg/day", "dose", null)).isEqualTo(new DoseRate(1_500_000));
    assertThat(DoseRate.parse("1.5mg/day", "dose", null)).isEqualTo(new DoseRate(1_500_000));
    assertThat(Mass.parse("50 mcg", "bolus", null)).isEqualTo(Mass.ofMicrograms(50));
  }

  @Test
  void perHourEntryBecomesItsExactDailyTotalAndIsMarked() {
    assertThat(DoseRate.parse("60 mcg/h", "dose", null)).isEqualTo(DoseRate.ofMicrogramsPerDay(1440));
    assertThat(DoseRate.isPerHour("60 mcg/h")).isTrue();
    assertThat(DoseRate.isPerHour("60 mcg/day")).isFalse();
  }

  @Test
  void bareNumberTakesTheDocumentedUnitOrIsRefusedAsAmbiguous() {
    assertThat(DoseRate.parse("350", "--dose", "mcg/day")).isEqualTo(DoseRate.ofMicrogramsPerDay(350));
    assertThatThrownBy(() -> DoseRate.parse("60", "dose", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("dose")
        .hasMessageContaining("'60'")
        .hasMessageContaining("ambiguous")
        .hasMessageContaining("mcg/day");
  }

  @Test
  void wrongOrUnknownUnitIsRefusedNamingTheAcceptedUnits() {
    assertThatThrownBy(() -> Concentration.parse("500 mcg/h", "--concentration", "mcg/mL"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("--concentration")
        .hasMessageContaining("'500 mcg/h'")
        .hasMessageContaining("mcg/ml");
    assertThatThrownBy(() -> Volume.parse("0.6 mg", "--volume-ml", "mL"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("unknown or wrong unit 'mg'");
    assertThatThrownBy(() -> DoseRate.parse("1,5 mg/day", "--dose", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("--dose");
  }

  @Test
  void missingOrNonNumericValueIsRefused() {
    assertThatThrownBy(() -> Volume.parse("", "--volume-ml", "mL")).hasMessageContaining("missing value");
    assertThatThrownBy(() -> Volume.parse(null, "--volume-ml", "mL")).hasMessageContaining("missing value");
    assertThatThrownBy(() -> Volume.parse("mL", "--volume-ml", "mL")).hasMessageContaining("not a number");
  }

  @Test
  void tooPreciseOrZeroConcentrationIsRefused() {
    assertThatThrownBy(() -> Volume.parse("0.0000001 mL", "v", null)).hasMessageContaining("too precise");
    assertThatThrownBy(() -> Concentration.parse("0 mcg/mL", "c", null)).hasMessageContaining("> 0 mcg/mL");
    assertThatThrownBy(() -> DoseRate.parse("-5 mcg/day", "dose", null)).hasMessageContaining(">= 0 mcg/day");
  }

  @Test
  void aDefaultUnitOutsideTheTableIsAProgrammingError() {
    assertThatThrownBy(() -> Volume.parse("5", "v", "furlongs"))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(InvalidValueException.class)
        .hasMessageContaining("furlongs");
  }

  @Test
  void formatsWithStatedRounding() {
    assertThat(Volume.ofNanolitres(1_500).millilitres()).isEqualTo("0.002"); // half-up
    assertThat(Volume.ofNanolitres(1_499).millilitres()).isEqualTo("0.001");
    assertThat(Volume.ofNanolitres(1_500).millilitres(RoundingMode.DOWN)).isEqualTo("0.001");
    assertThat(Volume.ofMillilitres(20).toString()).isEqualTo("20.000 mL");
    assertThat(new VolumeRate(700_000).toString()).isEqualTo("0.700 mL/day");
    assertThat(DoseRate.ofMicrogramsPerDay(350).toString()).isEqualTo("350 mcg/day");
    assertThat(new DoseRate(12_500).toString()).isEqualTo("12.5 mcg/day");
    assertThat(new Concentration(500_000).toString()).isEqualTo("500 mcg/mL");
    assertThat(Mass.ofNanograms(1_250).micrograms(1)).isEqualTo("1.3");
  }

  @Test
  void formattedQuantitiesParseBackExactly() {
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(longs().between(0, Long.MAX_VALUE / 2))
        .checkAssert(n -> {
          assertThat(Mass.parse(Mass.ofNanograms(n).micrograms() + " mcg", "m", null)).isEqualTo(Mass.ofNanograms(n));
          assertThat(DoseRate.parse(new DoseRate(n).microgramsPerDay() + " mcg/day", "d", null)).isEqualTo(new DoseRate(n));
          assertThat(DoseRate.parse(BigDecimal.valueOf(n).movePointLeft(6).toPlainString() + " mg/day", "d", null))
              .isEqualTo(new DoseRate(n));
          assertThat(Volume.parse(BigDecimal.valueOf(n).movePointLeft(6).toPlainString() + " mL", "v", null))
              .isEqualTo(Volume.ofNanolitres(n));
          if (n > 0) {
            assertThat(Concentration.parse(new Concentration(n).microgramsPerMillilitre() + " mcg/mL", "c", null))
                .isEqualTo(new Concentration(n));
          }
        });
  }

  @Test
  void displayedMillilitresAreWithinHalfTheLastDigit() {
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(longs().between(-50_000_000_000L, 50_000_000_000L))
        .checkAssert(n -> {
          BigDecimal shown = new BigDecimal(Volume.ofNanolitres(n).millilitres());
          BigDecimal exact = BigDecimal.valueOf(n).movePointLeft(6);
          assertThat(shown.subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.0005"));
          // DOWN is towards zero: never shows more volume than there is.
          assertThat(new BigDecimal(Volume.ofNanolitres(n).millilitres(RoundingMode.DOWN)).abs()).isLessThanOrEqualTo(exact.abs());
        });
  }

  @Test
  void aVolumeThatIsNotZeroNeverReadsAsZeroAndKeepsItsSign() {
    // A withdrawal 0.1 µL short of the expectation: "0.000 mL" would hide that it was short at all.
    assertThat(Volume.ofNanolitres(-100).toString()).isEqualTo("-0.0001 mL");
    assertThat(Volume.ofNanolitres(-499).toString()).isEqualTo("-0.000499 mL");
    assertThat(Volume.ofNanolitres(1).millilitres(RoundingMode.DOWN)).isEqualTo("0.000001");
    assertThat(Volume.ofNanolitres(-500).toString()).isEqualTo("-0.001 mL"); // half-up reaches a digit: 3 decimals as usual
    assertThat(Volume.ofNanolitres(0).toString()).isEqualTo("0.000 mL");
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(longs().between(-2_000L, 2_000L))
        .checkAssert(n -> {
          BigDecimal shown = new BigDecimal(Volume.ofNanolitres(n).millilitres());
          assertThat(shown.signum()).as("sign of %d nL shown as %s", n, shown).isEqualTo(Long.signum(n));
        });
  }
}
