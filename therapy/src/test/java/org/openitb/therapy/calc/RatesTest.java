// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

class RatesTest {

  @Test
  void handChecked() {
    assertThat(Rates.volumeRate(mcgPerDay(350), mcgPerMl(500))).isEqualTo(new VolumeRate(700_000));
    assertThat(Rates.doseRate(new VolumeRate(700_000), mcgPerMl(500))).isEqualTo(mcgPerDay(350));
    assertThat(Rates.volume(Mass.ofMicrograms(50), mcgPerMl(50))).isEqualTo(ml("1"));
    assertThat(Rates.mass(ml("20"), mcgPerMl(2000))).isEqualTo(Mass.ofMilligrams(40));
    // 100 mcg/day at 3 mcg/mL... use 300 ng/mL: 100 000 ng x 10^6 / 300 000 = 333 333.33 nL -> down 333 333, up 333 334.
    assertThat(Rates.volume(Mass.ofMicrograms(100), new Concentration(300_000))).isEqualTo(Volume.ofNanolitres(333_333));
    assertThat(Rates.volumeToHold(Mass.ofMicrograms(100), new Concentration(300_000))).isEqualTo(Volume.ofNanolitres(333_334));
    assertThat(Rates.volumeRate(mcgPerDay(350), mcgPerMl(2000))).isEqualTo(new VolumeRate(175_000));
  }

  @Test
  void refusesNegativeAndUnrepresentable() {
    assertThatThrownBy(() -> Rates.mass(ml("-1"), mcgPerMl(500)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("volume").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Rates.volumeRate(new DoseRate(Long.MAX_VALUE), new Concentration(1)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("dose").hasMessageContaining("too large");
  }

  @Test
  void wholeMicrolitresAtWholeMcgPerMlRoundTripExactly() {
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(longs().between(0, 40_000_000), longs().between(1, 100_000))
        .checkAssert((ul, mcgPerMl) -> {
          Volume v = Volume.ofMicrolitres(ul);
          Concentration c = Concentration.ofMicrogramsPerMillilitre(mcgPerMl);
          assertThat(Rates.volume(Rates.mass(v, c), c)).isEqualTo(v);
          assertThat(Rates.volumeToHold(Rates.mass(v, c), c)).isEqualTo(v);
        });
  }

  @Test
  void roundingIsDownAndTheLossIsBelowOneUnitOfTheOtherSide() {
    qt().withFixedSeed(TestGens.SEED).withExamples(1000)
        .forAll(longs().between(0, 1_000_000_000_000L), TestGens.concentrations())
        .checkAssert((n, c) -> {
          long conc = c.nanogramsPerMillilitre();
          // mass -> volume -> mass never gains and loses less than one nL worth of drug (+1 ng for the floor).
          Mass m = Mass.ofNanograms(n);
          Mass back = Rates.mass(Rates.volume(m, c), c);
          assertThat(back).isLessThanOrEqualTo(m);
          assertThat(BigInteger.valueOf(m.nanograms() - back.nanograms()).multiply(BigInteger.valueOf(1_000_000)))
              .isLessThan(BigInteger.valueOf(conc).add(BigInteger.valueOf(1_000_000)));
          // dose -> volume rate: never more than prescribed, short by less than 1 nL/day.
          DoseRate d = new DoseRate(n);
          VolumeRate r = Rates.volumeRate(d, c);
          assertThat(r.exactDoseRateAt(c)).isLessThanOrEqualTo(org.openitb.therapy.units.Fraction.of(n));
          assertThat(new VolumeRate(r.nanolitresPerDay() + 1).exactDoseRateAt(c)).isGreaterThan(org.openitb.therapy.units.Fraction.of(n));
          // volume -> mass -> volume -> mass is stable (the rounding pair is a Galois connection).
          Volume v = Volume.ofNanolitres(n);
          Mass f = Rates.mass(v, c);
          assertThat(Rates.mass(Rates.volumeToHold(f, c), c)).isEqualTo(f);
        });
  }
}
