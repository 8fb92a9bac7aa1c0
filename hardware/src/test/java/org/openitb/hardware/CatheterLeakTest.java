// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Volume;

/**
 * A leaking or disconnected catheter: the rotor turns and the reservoir empties as usual (nothing
 * the firmware can sense), but part or all of the drug ends in the tissue instead of the spinal
 * fluid. The tip totals and the leak totals add up to what left the pump.
 */
class CatheterLeakTest {
  static final class LeakRecorder implements PhysicalListener {
    final List<Long> leaked = new ArrayList<>();
    final List<Long> tip = new ArrayList<>();

    @Override
    public void onCatheterLeak(long atMillis, long volumeNanolitres, long massNanograms) {
      leaked.add(massNanograms);
    }

    @Override
    public void onStroke(long atMillis, long volumeNanolitres, long massNanograms, boolean commanded) {
      tip.add(massNanograms);
    }
  }

  @Test
  void aLeakSendsItsShareOfEachStrokeIntoTheTissueForItsDuration() {
    LeakRecorder recorder = new LeakRecorder();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), recorder);
    pump.inject(new Fault.CatheterLeak(10 * MINUTE + 1, HOUR, 400_000));
    pump.runUntil(2 * HOUR);

    assertThat(recorder.tip).hasSize(120);
    assertThat(recorder.tip.subList(0, 10)).containsOnly(125L);
    assertThat(recorder.tip.subList(10, 70)).containsOnly(75L); // 60 % of 125 ng reaches the tip
    assertThat(recorder.tip.subList(70, 120)).containsOnly(125L);
    assertThat(recorder.leaked).hasSize(60).containsOnly(50L);
    assertThat(pump.trueLeakedMass().nanograms()).isEqualTo(60 * 50);
    assertThat(pump.trueDeliveredMass().nanograms() + pump.trueLeakedMass().nanograms() + pump.trueFluidPathMass().nanograms())
        .isEqualTo(pump.truePumpedMass().nanograms());
    assertThat(pump.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(20).minus(Volume.ofNanolitres(120 * 250)));
    assertThat(pump.stalls()).isZero();
  }

  @Test
  void aDisconnectedCatheterDeliversNothingToTheTipUntilTheEnd() {
    LeakRecorder recorder = new LeakRecorder();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), recorder);
    pump.inject(new Fault.CatheterDisconnection(30 * MINUTE + 1));
    pump.runUntil(3 * HOUR);

    assertThat(recorder.tip.subList(30, 180)).containsOnly(0L);
    assertThat(pump.trueDeliveredMass().nanograms()).isEqualTo(30 * 125);
    assertThat(pump.trueLeakedMass().nanograms()).isEqualTo(150 * 125);
    assertThat(pump.trueLeakedVolume()).isEqualTo(Volume.ofNanolitres(150 * 250));
    assertThat(pump.stalls()).isZero();
  }
}
