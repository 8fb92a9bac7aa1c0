// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;

class ResetTest {
  private static final long WATCHDOG = HardwareParameters.DEFAULT_WATCHDOG_PERIOD_MILLIS;

  @Test
  void aHangLosesTheNextWakeAndTheWatchdogRecreatesTheFirmwareWithMemoryAndClockIntact() {
    Recorder recorder = new Recorder();
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE).persisting());
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, recorder);
    pump.inject(new Fault.FirmwareHang(5 * MINUTE - 10));

    pump.runUntil(5 * MINUTE);
    assertThat(pump.firmwareHung()).isTrue();
    assertThat(pump.nextWakeMillis()).isEqualTo(5 * MINUTE + WATCHDOG);
    pump.runUntil(10 * MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        (5 * MINUTE - 10) + " fault FirmwareHang",
        (5 * MINUTE + WATCHDOG) + " reset WATCHDOG");
    assertThat(firmware.created).hasSize(2);
    FakeFirmware first = firmware.created.get(0);
    FakeFirmware second = firmware.current();
    assertThat(first.strokes).isEqualTo(4);
    assertThat(second.hal).isSameAs(first.hal);
    assertThat(second.strokesAtBoot).isEqualTo(4); // read back from NV memory
    assertThat(pump.rtcMillis()).isEqualTo(10 * MINUTE);
    // the rebooted firmware strokes a minute after its boot: at 6:02, 7:02, 8:02, 9:02
    assertThat(second.strokes).isEqualTo(8);
    assertThat(pump.rotations()).isEqualTo(8);
    assertThat(pump.wakes()).isEqualTo(9);
    assertThat(pump.watchdogKicks()).isEqualTo(8);
    assertThat(pump.firmwareHung()).isFalse();
  }

  @Test
  void framesAndMagnetChangesDuringAHangAreLost() {
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE));
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, new Recorder());
    pump.inject(new Fault.FirmwareHang(0));
    pump.magneticField(1, 10, 1_000);
    pump.runUntil(5);

    assertThat(pump.receive(new byte[] {1, 2})).isFalse();
    pump.runUntil(MINUTE);

    assertThat(firmware.created).hasSize(2);
    assertThat(firmware.created.get(0).magnetChanges).isEmpty();
    assertThat(firmware.created.get(0).framesReceived).isEmpty();
    assertThat(firmware.current().magnetChanges).isEmpty();
    assertThat(pump.receive(new byte[] {3})).isTrue();
    assertThat(firmware.current().framesReceived).hasSize(1);
  }

  @Test
  void aBrownOutResetsAtOnceAndRestoresMotorPower() {
    Recorder recorder = new Recorder();
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE).persisting());
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, recorder);
    pump.runUntil(3 * MINUTE);
    pump.hal().motor().cutPower();
    pump.inject(new Fault.BrownOutReset(3 * MINUTE + 30_000));

    pump.runUntil(5 * MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        (3 * MINUTE + 30_000) + " fault BrownOutReset",
        (3 * MINUTE + 30_000) + " reset BROWN_OUT");
    assertThat(pump.hal().motor().powerCut()).isFalse();
    assertThat(firmware.current().strokesAtBoot).isEqualTo(3);
    assertThat(pump.resets()).isEqualTo(2);
    assertThat(pump.rotations()).isEqualTo(4); // 1, 2, 3 min, then 4:30 after the reboot
  }

  @Test
  void aResetDisarmsTheAlarmTheOldFirmwareArmed() {
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE));
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, new Recorder());
    pump.hal().rtc().wakeAt(10 * MINUTE);
    pump.inject(new Fault.BrownOutReset(MINUTE));

    pump.runUntil(MINUTE);

    assertThat(pump.nextWakeMillis()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aSecondResetDuringAHangCancelsTheWatchdogBite() {
    Recorder recorder = new Recorder();
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE));
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, recorder);
    pump.inject(new Fault.FirmwareHang(MINUTE));
    pump.inject(new Fault.BrownOutReset(MINUTE + 1));

    pump.runUntil(3 * MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        MINUTE + " fault FirmwareHang",
        (MINUTE + 1) + " fault BrownOutReset",
        (MINUTE + 1) + " reset BROWN_OUT");
    assertThat(firmware.created).hasSize(2);
  }
}
