// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.RoundingMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

class BridgeBolusTest {

  @Test
  void theWorkedExampleOfClinicalMd36() {
    // 0.25 mL dead volume (0.140 tubing + 50 cm x 2.2 uL), 300 mcg/day, 500 -> 2000 mcg/mL.
    Volume dead = BridgeBolus.deadVolume(PumpModels.ITB_20.pumpTubing(), CatheterModel.GENERIC, 50);
    assertThat(dead).isEqualTo(ml("0.25"));
    BridgeBolus b = BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(2000), dead);
    assertThat(b.bridgeRate()).isEqualTo(new VolumeRate(600_000)); // 0.6 mL/day
    assertThat(b.bridgeHours()).isEqualTo(Fraction.of(10)); // 0.25 / 0.6 day = 0.4167 day
    assertThat(b.bridgeDuration()).isEqualTo(Duration.ofHours(10));
    assertThat(b.bridgeDose()).isEqualTo(Mass.ofMicrograms(125));
    assertThat(b.newRate()).isEqualTo(new VolumeRate(150_000)); // 0.15 mL/day
    assertThat(b.doseWithoutBridgePercent()).isEqualTo(Fraction.of(25));
    assertThat(b.doseRateWithoutBridge()).isEqualTo(mcgPerDay(75));
    assertThat(b.hoursAffectedWithoutBridge()).isEqualTo(Fraction.of(40)); // 0.25 / 0.15 day = 1.67 day
    assertThat(b.affectedWithoutBridge()).isEqualTo(Duration.ofHours(40));
    assertThat(b.effectWithoutBridge()).isEqualTo(BridgeBolus.Effect.UNDER_DOSE);
    assertThat(b.required()).isTrue();
  }

  @Test
  void aDecreaseOverDosesWithoutTheBridge() {
    BridgeBolus b = BridgeBolus.of(mcgPerDay(300), mcgPerMl(2000), mcgPerMl(500), ml("0.25"));
    assertThat(b.bridgeHours()).isEqualTo(Fraction.of(40));
    assertThat(b.doseWithoutBridgePercent()).isEqualTo(Fraction.of(400));
    assertThat(b.doseRateWithoutBridge()).isEqualTo(mcgPerDay(1200));
    assertThat(b.hoursAffectedWithoutBridge()).isEqualTo(Fraction.of(10));
    assertThat(b.effectWithoutBridge()).isEqualTo(BridgeBolus.Effect.OVER_DOSE);
  }

  @Test
  void inexactValuesAreExactFractionsAndDurationsRoundUp() {
    // 350 mcg/day at 500 = 0.7 mL/day: 0.25/0.7 day = 60/7 h = 514.29 min -> 515 min.
    BridgeBolus b = BridgeBolus.of(mcgPerDay(350), mcgPerMl(500), mcgPerMl(1500), ml("0.25"));
    assertThat(b.bridgeHours()).isEqualTo(Fraction.of(60, 7));
    assertThat(b.bridgeDuration()).isEqualTo(Duration.ofMinutes(515));
    assertThat(b.doseWithoutBridgePercent().toPlainString(1, RoundingMode.HALF_UP)).isEqualTo("33.3");
    // 350 x 500/1500 = 116.667 mcg/day, rounded away from the prescribed dose (down for an under-dose).
    assertThat(b.doseRateWithoutBridge().microgramsPerDay()).isEqualTo("116.666");
    BridgeBolus over = BridgeBolus.of(mcgPerDay(350), mcgPerMl(1500), mcgPerMl(500), ml("0.25"));
    assertThat(over.doseRateWithoutBridge().microgramsPerDay()).isEqualTo("1050");
    BridgeBolus overInexact = BridgeBolus.of(mcgPerDay(100), mcgPerMl(1000), mcgPerMl(3), ml("0.25"));
    assertThat(overInexact.doseRateWithoutBridge().microgramsPerDay()).isEqualTo("33333.334"); // up for an over-dose
  }

  @Test
  void sameConcentrationNeedsNoBridge() {
    BridgeBolus b = BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(500), ml("0.25"));
    assertThat(b.required()).isFalse();
    assertThat(b.doseWithoutBridgePercent()).isEqualTo(Fraction.of(100));
  }

  @Test
  void refusalsNameFieldValueAndRange() {
    assertThatThrownBy(() -> BridgeBolus.of(mcgPerDay(0), mcgPerMl(500), mcgPerMl(2000), ml("0.25")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("dose").hasMessageContaining("> 0 mcg/day");
    assertThatThrownBy(() -> BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(2000), ml("0")))
        .hasMessageContaining("dead volume").hasMessageContaining("0.000 mL").hasMessageContaining("0.001-10.000 mL");
    assertThatThrownBy(() -> BridgeBolus.of(new org.openitb.therapy.units.DoseRate(1), mcgPerMl(500), mcgPerMl(2000), ml("0.25")))
        .hasMessageContaining("dose").hasMessageContaining("at least 1 nL/day");
    assertThatThrownBy(() -> BridgeBolus.deadVolume(PumpModels.ITB_20.pumpTubing(), CatheterModel.GENERIC, 200))
        .hasMessageContaining("catheterLengthCm").hasMessageContaining("5-150 cm");
  }

  @Test
  void dosesAreContinuousThroughTheBridgeOverTheWholeRange() {
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(TestGens.positiveDoses(), TestGens.concentrations(), TestGens.concentrations(), longs().between(1, 10_000_000))
        .checkAssert((dose, c1, c2, deadNl) -> {
          BridgeBolus b;
          try {
            b = BridgeBolus.of(dose, c1, c2, Volume.ofNanolitres(deadNl));
          } catch (InvalidValueException e) {
            assertThat(e.getMessage()).contains(e.field()).contains(e.allowed());
            return;
          }
          // The bridge's duration at its rate delivers at least the dead volume, and less than one minute more.
          Fraction delivered = Fraction.of(b.bridgeRate().nanolitresPerDay()).times(b.bridgeDuration().toMinutes()).dividedBy(1440);
          assertThat(delivered).isGreaterThanOrEqualTo(Fraction.of(deadNl));
          assertThat(delivered.minus(Fraction.of(b.bridgeRate().nanolitresPerDay()).dividedBy(1440))).isLessThan(Fraction.of(deadNl));
          // Skipping it changes the dose by exactly C_old/C_new.
          assertThat(b.doseWithoutBridgePercent()).isEqualTo(Fraction.percent(c1.nanogramsPerMillilitre(), c2.nanogramsPerMillilitre()));
          assertThat(b.required()).isEqualTo(!c1.equals(c2));
        });
  }

  @Test
  void aRiseStopsTheBridgeShortOfTheDeadVolumeByTheModelsMargin() {
    // 3 % of 0.25 mL: a pump that over-delivers by up to 3 % still never pushes 2000 mcg/mL at the old rate
    BridgeBolus b = BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(2000), ml("0.25"), PumpModels.ITB_20);
    assertThat(PumpModels.ITB_20.bridgeMarginPpm()).isEqualTo(30_000);
    assertThat(b.deadVolume()).isEqualTo(ml("0.25"));
    assertThat(b.bridgeVolume()).isEqualTo(Volume.ofMicrolitres(242)); // 242.5 down to the microlitre
    assertThat(b.bridgeHours()).isEqualTo(Fraction.of(242, 25)); // 0.242 / 0.6 day = 9.68 h
    assertThat(b.bridgeDuration()).isEqualTo(Duration.ofMinutes(581)); // 580.8 up
    assertThat(b.bridgeDose()).isEqualTo(Mass.ofMicrograms(121));
    // what skipping the bridge does is still about the whole dead volume
    assertThat(b.hoursAffectedWithoutBridge()).isEqualTo(Fraction.of(40));
  }

  @Test
  void aFallOrNoChangeKeepsTheDeadVolumeBecauseABridgeMayNotExceedTheFluidPath() {
    BridgeBolus fall = BridgeBolus.of(mcgPerDay(300), mcgPerMl(2000), mcgPerMl(500), Volume.ofNanolitres(250_001), 30_000);
    assertThat(fall.bridgeVolume()).isEqualTo(Volume.ofNanolitres(250_001));
    BridgeBolus same = BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(500), ml("0.25"), 30_000);
    assertThat(same.bridgeVolume()).isEqualTo(ml("0.25"));
    BridgeBolus rise = BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(2000), Volume.ofNanolitres(250_001), 30_000);
    assertThat(rise.bridgeVolume()).isEqualTo(Volume.ofMicrolitres(242)); // 242.500 97 down
    assertThatThrownBy(() -> BridgeBolus.of(mcgPerDay(300), mcgPerMl(500), mcgPerMl(2000), ml("0.25"), 200_001))
        .hasMessageContaining("bridge margin").hasMessageContaining("0-200000 ppm");
  }

  @Test
  void aRisingBridgeStopsShortByAtMostTheMarginAndOneMicrolitreAndNoOtherEverExceedsTheDeadVolume() {
    qt().withFixedSeed(TestGens.SEED).withExamples(500)
        .forAll(TestGens.concentrations(), TestGens.concentrations(), longs().between(1_000, 10_000_000), longs().between(0, 200_000))
        .checkAssert((c1, c2, deadNl, margin) -> {
          Volume v = BridgeBolus.volume(Volume.ofNanolitres(deadNl), c1, c2, margin);
          long bound = deadNl * margin / 1_000_000 + 1_000;
          int cmp = c1.compareTo(c2);
          if (cmp < 0) {
            assertThat(v.nanolitres()).isLessThanOrEqualTo(deadNl).isGreaterThanOrEqualTo(deadNl - bound);
          } else {
            assertThat(v.nanolitres()).isEqualTo(deadNl);
          }
        });
  }
}
