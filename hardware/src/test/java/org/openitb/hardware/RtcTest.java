// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;
import static org.openitb.hardware.Pumps.SECOND;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;

class RtcTest {
  @Test
  void theRtcCountsFromItsAgeAtStartOnTheWorldClock() {
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE));
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_40, "SN-T", 1)
        .parameters(HardwareParameters.ideal())
        .firmware(firmware)
        .startMillis(5 * HOUR)
        .rtcAtStartMillis(HOUR)
        .build();
    pump.powerOn();
    firmware.current().recordWakes = true;

    assertThat(pump.nextWakeMillis()).isEqualTo(5 * HOUR + MINUTE);
    pump.runUntil(5 * HOUR + 3 * MINUTE);

    assertThat(pump.nowMillis()).isEqualTo(5 * HOUR + 3 * MINUTE);
    assertThat(pump.rtcMillis()).isEqualTo(HOUR + 3 * MINUTE);
    assertThat(firmware.current().wakeRtcMillis).containsExactly(HOUR + MINUTE, HOUR + 2 * MINUTE, HOUR + 3 * MINUTE);
    pump.hal().rtc().wakeAt(Long.MAX_VALUE); // "no wake-up" must not overflow into the past
    assertThat(pump.nextWakeMillis()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aDriftStartingAfterTheAlarmWasArmedMovesTheAlarm() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE)), new Recorder());
    pump.hal().rtc().wakeAt(MINUTE);
    assertThat(pump.nextWakeMillis()).isEqualTo(MINUTE);
    pump.inject(new Fault.RtcDrift(0, -500_000)); // half speed

    pump.runUntil(0);

    assertThat(pump.nextWakeMillis()).isEqualTo(2 * MINUTE);
  }

  @Test
  void aDriftingRtcRunsFastButItsAlarmsStillFireWhenTheCounterReachesThem() {
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE));
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1, firmware, new Recorder());
    firmware.current().recordWakes = true;
    pump.inject(new Fault.RtcDrift(0, 1_000)); // +0.1 %: a minute of RTC passes in 59.94006 s
    pump.runUntil(0);
    pump.hal().rtc().wakeAt(MINUTE);

    assertThat(pump.nextWakeMillis()).isEqualTo(59_941); // at 59 940 ms the counter reads only 59 999
    pump.runUntil(HOUR);

    assertThat(pump.rtcMillis()).isEqualTo(HOUR + 3_600);
    assertThat(firmware.current().wakeRtcMillis).allSatisfy(rtc -> assertThat(rtc % MINUTE).isZero());
    assertThat(firmware.current().wakeRtcMillis).hasSize(60);
  }

  @Test
  void aSlowRtcNeverGoesBackwards() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE)), new Recorder());
    pump.runUntil(10 * SECOND);
    pump.inject(new Fault.RtcDrift(10 * SECOND, -999_000));

    long previous = pump.rtcMillis();
    for (long t = 10 * SECOND; t < 20 * SECOND; t += 333) {
      pump.runUntil(t);
      assertThat(pump.rtcMillis()).isGreaterThanOrEqualTo(previous);
      previous = pump.rtcMillis();
    }
    assertThat(previous).isBetween(10 * SECOND, 10 * SECOND + 10);
  }

  @Test
  void anAlarmInThePastFiresAtOnceAndAnAlarmCenturiesAwayNever() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE)), new Recorder());
    pump.runUntil(HOUR);

    pump.hal().rtc().wakeAt(0);
    assertThat(pump.nextWakeMillis()).isEqualTo(HOUR);
    pump.hal().rtc().wakeAt(Long.MAX_VALUE);
    assertThat(pump.nextWakeMillis()).isEqualTo(Long.MAX_VALUE);
  }
}
