// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.MINUTE;
import static org.openitb.hardware.Pumps.STROKE_NL;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class DeliveryAccuracyTest {
  private static final int STROKES = 1_000;

  private static SimulatedPump runStrokes(HardwareParameters.Accuracy accuracy, long seed, Recorder recorder) {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal().withAccuracy(accuracy), seed,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), recorder);
    pump.runUntil(STROKES * MINUTE);
    return pump;
  }

  @Test
  void anIdealPumpDeliversExactlyItsStrokeVolume() {
    SimulatedPump pump = runStrokes(HardwareParameters.Accuracy.EXACT, 1, new Recorder());

    assertThat(pump.commandedStrokes()).isEqualTo(STROKES);
    assertThat(pump.trueDeliveredVolume()).isEqualTo(Volume.ofNanolitres(STROKES * STROKE_NL));
    assertThat(pump.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(20).minus(Volume.ofNanolitres(STROKES * STROKE_NL)));
    // 250 nL at 500 mcg/mL = 125 ng per stroke
    assertThat(pump.trueDeliveredMass()).isEqualTo(Mass.ofNanograms(STROKES * 125L));
  }

  @Test
  void aBiasIsCarriedExactlyAcrossStrokes() {
    // +5 %: 262.5 nL a stroke; the half nanolitre is carried, so 1000 strokes are exactly 262 500 nL
    SimulatedPump over = runStrokes(new HardwareParameters.Accuracy(50_000, 0, 0), 1, new Recorder());
    SimulatedPump under = runStrokes(new HardwareParameters.Accuracy(-50_000, 0, 0), 1, new Recorder());

    assertThat(over.trueDeliveredVolume().nanolitres()).isEqualTo(262_500);
    assertThat(under.trueDeliveredVolume().nanolitres()).isEqualTo(237_500);
    assertThat(over.biasPpm()).isEqualTo(50_000);
  }

  @Test
  void noiseIsReproducibleFromTheSeedAndDiffersBetweenSeeds() {
    HardwareParameters.Accuracy noisy = new HardwareParameters.Accuracy(0, 0, 100_000);
    Recorder first = new Recorder();
    first.recordStrokes = true;
    Recorder again = new Recorder();
    again.recordStrokes = true;
    Recorder other = new Recorder();
    other.recordStrokes = true;

    runStrokes(noisy, 42, first);
    runStrokes(noisy, 42, again);
    runStrokes(noisy, 43, other);

    assertThat(first.strokeVolumes).hasSize(STROKES).isEqualTo(again.strokeVolumes);
    assertThat(other.strokeVolumes).isNotEqualTo(first.strokeVolumes);
    assertThat(first.strokeVolumes).allSatisfy(v -> assertThat(v).isBetween(224L, 276L));
    assertThat(first.strokeVolumes.stream().distinct().count()).isGreaterThan(20);
  }

  @Test
  void noiseAveragesOutAroundTheBias() {
    SimulatedPump pump = runStrokes(new HardwareParameters.Accuracy(20_000, 0, 100_000), 7, new Recorder());

    // +2 % bias, +-10 % uniform noise: the mean of 1000 strokes lies well within +-1 % of 255 nL
    assertThat(pump.trueDeliveredVolume().nanolitres()).isBetween(252_450L, 257_550L);
  }

  @Test
  void eachPumpDrawsItsBiasFromTheSeedWithinTheSpread() {
    HardwareParameters.Accuracy spread = new HardwareParameters.Accuracy(10_000, 20_000, 0);
    List<Long> biases = new ArrayList<>();
    for (int seed = 0; seed < 50; seed++) {
      biases.add(runStrokes(spread, seed, new Recorder()).biasPpm());
    }

    assertThat(biases).allSatisfy(b -> assertThat(b).isBetween(-10_000L, 30_000L));
    assertThat(biases.stream().distinct().count()).isGreaterThan(40);
    assertThat(runStrokes(spread, 3, new Recorder()).biasPpm()).isEqualTo(biases.get(3));
  }

  @Test
  void aBiasChangeFaultRaisesDeliveryFromItsInstant() {
    Recorder recorder = new Recorder();
    recorder.recordStrokes = true;
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(recorder);
    pump.inject(new Fault.DeliveryBiasChange(3 * MINUTE, 200_000));

    pump.runUntil(5 * MINUTE);

    assertThat(recorder.strokeVolumes).containsExactly(250L, 250L, 300L, 300L, 300L);
  }
}
