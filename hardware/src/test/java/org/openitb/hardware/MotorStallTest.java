// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Volume;

class MotorStallTest {
  private static final long STALL_FIELD = HardwareParameters.Motor.TYPICAL.stallFieldMilliTesla();

  @Test
  void aFieldAboveTheThresholdStallsTheRotorAndDeliveryResumesAfterIt() {
    Recorder recorder = new Recorder();
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE));
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, recorder);
    // strokes at minutes 1..10; the field covers minutes 3, 4 and 5 (ends just before minute 6)
    pump.magneticField(3 * MINUTE - 1, 3 * MINUTE, STALL_FIELD + 1);

    pump.runUntil(10 * MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        3 * MINUTE + " stall MAGNETIC_FIELD",
        4 * MINUTE + " stall MAGNETIC_FIELD",
        5 * MINUTE + " stall MAGNETIC_FIELD");
    assertThat(pump.stalls()).isEqualTo(3);
    assertThat(firmware.current().failedStrokes).isEqualTo(3); // the rotation sensor told the firmware
    assertThat(firmware.current().strokes).isEqualTo(7);
    assertThat(pump.rotations()).isEqualTo(7);
    assertThat(pump.trueDeliveredVolume()).isEqualTo(Volume.ofNanolitres(7 * 250));
  }

  @Test
  void aFieldAtTheThresholdDoesNotStall() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(recorder);
    pump.magneticField(0, HOUR, STALL_FIELD);

    pump.runUntil(10 * MINUTE);

    assertThat(pump.stalls()).isZero();
    assertThat(pump.rotations()).isEqualTo(10);
  }

  @Test
  void theMagnetSensorInterruptsTheFirmwareWhenTheFieldComesAndGoes() {
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(HOUR));
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, new Recorder());
    long weak = HardwareParameters.DEFAULT_MAGNET_SENSOR_MILLITESLA; // not above the sensor threshold
    pump.magneticField(MINUTE, MINUTE, weak);
    pump.magneticField(10 * MINUTE, 20 * MINUTE, 1_500);

    pump.runUntil(15 * MINUTE);
    assertThat(firmware.current().magnetChanges).containsExactly(true);
    assertThat(pump.hal().magnet().fieldPresent()).isTrue();
    assertThat(pump.magneticFieldMilliTesla()).isEqualTo(1_500);

    pump.runUntil(31 * MINUTE);
    assertThat(firmware.current().magnetChanges).containsExactly(true, false);
    assertThat(pump.hal().magnet().fieldPresent()).isFalse();
  }

  @Test
  void anInjectedJamStallsForItsDuration() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(recorder);
    pump.inject(new Fault.MotorStall(2 * MINUTE, 2 * MINUTE));

    pump.runUntil(5 * MINUTE);

    assertThat(recorder.events).containsExactly(
        "0 reset POWER_ON",
        2 * MINUTE + " fault MotorStall",
        2 * MINUTE + " stall JAMMED",
        3 * MINUTE + " stall JAMMED");
    assertThat(pump.rotations()).isEqualTo(3);
  }

  @Test
  void anOcclusionThatStallsTheRotorIsSensedOneThatDoesNotMovesNothingSilently() {
    Recorder stalling = new Recorder();
    SimulatedPump blocked = Pumps.idealStrokingEveryMinute(stalling);
    blocked.inject(new Fault.CatheterOcclusion(0, Fault.PERMANENT, true));
    Recorder silent = new Recorder();
    SimulatedPump kinked = Pumps.idealStrokingEveryMinute(silent);
    kinked.inject(new Fault.CatheterOcclusion(0, Fault.PERMANENT, false));

    blocked.runUntil(5 * MINUTE);
    kinked.runUntil(5 * MINUTE);

    assertThat(blocked.stalls()).isEqualTo(5);
    assertThat(stalling.events).contains(MINUTE + " stall OCCLUSION");
    assertThat(kinked.stalls()).isZero();
    assertThat(kinked.rotations()).isEqualTo(5);
    assertThat(kinked.trueDeliveredVolume()).isEqualTo(Volume.ZERO);
    assertThat(kinked.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(20));
  }

  @Test
  void anOcclusionEndsExactlyAfterItsDuration() {
    Recorder recorder = new Recorder();
    recorder.recordStrokes = true;
    SimulatedPump kinked = Pumps.idealStrokingEveryMinute(recorder);
    kinked.inject(new Fault.CatheterOcclusion(2 * MINUTE, 2 * MINUTE, false));
    Recorder stalled = new Recorder();
    SimulatedPump blocked = Pumps.idealStrokingEveryMinute(stalled);
    blocked.inject(new Fault.CatheterOcclusion(2 * MINUTE, 2 * MINUTE, true));

    kinked.runUntil(5 * MINUTE);
    blocked.runUntil(5 * MINUTE);

    assertThat(recorder.strokeVolumes).containsExactly(250L, 0L, 0L, 250L, 250L);
    assertThat(recorder.events).contains(2 * MINUTE + " stroke 0 nL 0 ng");
    assertThat(blocked.stalls()).isEqualTo(2);
    assertThat(blocked.rotations()).isEqualTo(3);
  }

  @Test
  void wearStallsMoreOftenAsRotationsAccumulateAndNeverWhenOff() {
    HardwareParameters worn = HardwareParameters.ideal()
        .withMotor(new HardwareParameters.Motor(STALL_FIELD, 500_000_000)); // +0.5 % stall chance per 10 000 rotations
    SimulatedPump pump = Pumps.filled(worn, 5, new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), new Recorder());
    SimulatedPump fresh = Pumps.filled(HardwareParameters.ideal(), 5,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), new Recorder());

    pump.runUntil(20_000 * MINUTE);
    long early = pump.stalls();
    pump.runUntil(40_000 * MINUTE);
    long late = pump.stalls() - early;
    fresh.runUntil(40_000 * MINUTE);

    // chance grows from 0 to ~1 % over the first 20 000 strokes (mean ~0.5 %: ~100 stalls) and
    // from ~1 % to ~2 % over the next (~300 stalls)
    assertThat(early).isBetween(50L, 160L);
    assertThat(late).isGreaterThan(2 * early);
    assertThat(fresh.stalls()).isZero();
  }
}
