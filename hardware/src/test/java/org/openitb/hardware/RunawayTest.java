// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Volume;

class RunawayTest {
  private static SimulatedPump idlePump(Recorder recorder, FakeFirmware.Behaviour behaviour) {
    return Pumps.filled(HardwareParameters.ideal(), 1, new FakeFirmware.Factory(behaviour), recorder);
  }

  @Test
  void aRunawayMotorTurnsAndDeliversWithoutCommandUntilPowerIsCut() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = idlePump(recorder, FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE));
    pump.inject(new Fault.MotorRunaway(HOUR, 60));

    assertThat(pump.nextWakeMillis()).isEqualTo(HOUR);
    pump.runUntil(3 * HOUR);
    assertThat(pump.rotations()).isEqualTo(120);
    assertThat(recorder.uncommandedStrokes).isEqualTo(120);
    assertThat(pump.commandedStrokes()).isZero();
    assertThat(pump.trueDeliveredVolume()).isEqualTo(Volume.ofNanolitres(120 * 250));
    assertThat(pump.nextWakeMillis()).isEqualTo(3 * HOUR + MINUTE);

    pump.hal().motor().cutPower();
    pump.runUntil(10 * HOUR);

    assertThat(pump.rotations()).isEqualTo(120);
    assertThat(pump.hal().motor().powerCut()).isTrue();
    assertThat(pump.nextWakeMillis()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aResetRestoresPowerAndTheShortedMotorRunsAwayAgain() {
    SimulatedPump pump = idlePump(new Recorder(), FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE));
    pump.inject(new Fault.MotorRunaway(0, 60));
    pump.runUntil(HOUR);
    pump.hal().motor().cutPower();
    pump.inject(new Fault.BrownOutReset(2 * HOUR));

    pump.runUntil(3 * HOUR);

    assertThat(pump.hal().motor().powerCut()).isFalse();
    assertThat(pump.rotations()).isEqualTo(120);
  }

  @Test
  void firmwareThatWatchesTheRotationCounterCutsARunawayAtTheFirstUncommandedRotation() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = idlePump(recorder, FakeFirmware.Behaviour.strokeEvery(MINUTE).guardingRunaway());
    pump.inject(new Fault.MotorRunaway(10 * MINUTE + 1, 3_600)); // one rotation a second

    pump.runUntil(HOUR);

    // The rotation sensor interrupts the firmware at 10:01, which cuts the power at once.
    assertThat(recorder.uncommandedStrokes).isEqualTo(1);
    assertThat(pump.hal().motor().powerCut()).isTrue();
    assertThat(pump.rotations()).isEqualTo(10 + 1);
  }
}
