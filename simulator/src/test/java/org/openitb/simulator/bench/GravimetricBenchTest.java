// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openitb.hardware.HardwareParameters;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.VolumeRate;

/** The gravimetric bench and the IEC 60601-2-24 analysis (safety.md 1.2) on the simulated pump. */
class GravimetricBenchTest {
  static final VolumeRate HALF_ML_PER_DAY = VolumeRate.ofMicrolitresPerDay(500);

  @Test
  void theErrorFormulaIsTheStandardsExactly() {
    // 0.5 mL/day for one hour is 20.8333 uL = 20.79166 mg of water; 20.80 mg read is +0.040 %
    assertThat(TrumpetAnalysis.error(20_800, Duration.ofHours(1).toMillis(), 500_000)).isEqualByComparingTo("0.040");
    assertThat(TrumpetAnalysis.error(0, Duration.ofHours(1).toMillis(), 500_000)).isEqualByComparingTo("-100.000");
  }

  @Test
  void anExactPumpHasNoOverallErrorAndOnlyTheMethodsArtefactInShortWindows() {
    GravimetricBench.Trace t = GravimetricBench.run(PumpModels.ITB_20, HardwareParameters.Accuracy.EXACT, 1, HALF_ML_PER_DAY, Duration.ofHours(24));
    TrumpetAnalysis.Result r = TrumpetAnalysis.analyse(t);
    assertThat(t.massMicrograms()).hasSize(24 * 120 + 1);
    assertThat(r.strokePeriod()).isEqualTo(Duration.ofMillis(43_200)); // 0.25 uL at 0.5 mL/day
    assertThat(r.overallErrorPercent().abs()).isLessThan(new BigDecimal("0.5"));
    TrumpetAnalysis.Window twoMinutes = r.windows().stream().filter(w -> !w.strokeMultiple() && w.length().equals(Duration.ofMinutes(2)))
        .findFirst().orElseThrow();
    assertThat(twoMinutes.positions()).isEqualTo(23 * 120 - 4 + 1);
    // 2 min hold 2 or 3 strokes of an ideal 2.78: -28 % .. +8 %, an artefact of the method (Bissig 2022)
    assertThat(twoMinutes.epMaxPercent()).isGreaterThan(new BigDecimal("5"));
    assertThat(twoMinutes.epMinPercent()).isLessThan(new BigDecimal("-20"));
    // windows of whole stroke periods: the error shrinks as the window grows (the trumpet), within one stroke in the window
    TrumpetAnalysis.Window longest = r.windows().getLast();
    assertThat(longest.strokeMultiple()).isTrue();
    BigDecimal oneStroke = BigDecimal.valueOf(100.0 / longest.strokes() + 0.5);
    assertThat(longest.epMaxPercent().abs()).isLessThan(oneStroke);
    assertThat(longest.epMinPercent().abs()).isLessThan(oneStroke);
    assertThat(r.startup()).hasSize(120);
  }

  @Test
  void aBiasedPumpShowsItsBiasAsTheOverallError() {
    HardwareParameters.Accuracy plus2 = new HardwareParameters.Accuracy(20_000, 0, 0);
    TrumpetAnalysis.Result r = TrumpetAnalysis.analyse(GravimetricBench.run(PumpModels.ITB_20, plus2, 3, HALF_ML_PER_DAY, Duration.ofHours(24)));
    assertThat(r.overallErrorPercent()).isBetween(new BigDecimal("1.5"), new BigDecimal("2.5"));
  }

  @Test
  void theBenchRefusesDurationsAndRatesItCannotRun() {
    assertThatThrownBy(() -> GravimetricBench.run(PumpModels.ITB_20, HardwareParameters.Accuracy.EXACT, 1, HALF_ML_PER_DAY, Duration.ofHours(12)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("--hours");
    assertThatThrownBy(() -> GravimetricBench.run(PumpModels.ITB_20, HardwareParameters.Accuracy.EXACT, 1, VolumeRate.ofMicrolitresPerDay(10_000),
        Duration.ofHours(168))).isInstanceOf(InvalidValueException.class).hasMessageContaining("empty the reservoir");
  }
}
