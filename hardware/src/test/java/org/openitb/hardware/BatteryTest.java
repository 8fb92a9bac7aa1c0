// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.DAY;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;
import org.openitb.firmware.hal.BatteryGauge;

class BatteryTest {
  private static final HardwareParameters.Battery TYPICAL = HardwareParameters.Battery.TYPICAL;
  private static final long YEAR = 365 * DAY;

  private static SimulatedPump idle(Recorder recorder) {
    return Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE)), recorder);
  }

  @Test
  void idleDrainIsExactWhateverTheStepSize() {
    SimulatedPump coarse = idle(new Recorder());
    SimulatedPump fine = idle(new Recorder());

    coarse.runUntil(10 * HOUR);
    for (long t = 7; t <= 10 * HOUR; t += 7_777) {
      fine.runUntil(t);
    }
    fine.runUntil(10 * HOUR);

    long expected = TYPICAL.capacityNanoampHours() - 10 * TYPICAL.idleNanoampHoursPerHour();
    assertThat(coarse.batteryRemainingNanoampHours()).isEqualTo(expected);
    assertThat(fine.batteryRemainingNanoampHours()).isEqualTo(expected);
  }

  @Test
  void strokesDrainTheirCostAndTheChargeNeverRises() {
    SimulatedPump pump = Pumps.idealStrokingEveryMinute(new Recorder());
    long previous = pump.batteryRemainingNanoampHours();
    for (long t = HOUR; t <= 24 * HOUR; t += HOUR) {
      pump.runUntil(t);
      assertThat(pump.batteryRemainingNanoampHours()).isLessThan(previous);
      previous = pump.batteryRemainingNanoampHours();
    }

    long used = TYPICAL.capacityNanoampHours() - pump.batteryRemainingNanoampHours();
    assertThat(used).isEqualTo(24 * TYPICAL.idleNanoampHoursPerHour() + 24 * 60 * TYPICAL.strokeNanoampHours());
  }

  @Test
  void theGaugeReportsWholeMicroampHoursAndTheRatedCapacity() {
    SimulatedPump pump = idle(new Recorder());
    pump.runUntil(HOUR / 2); // 4000 nAh used
    BatteryGauge gauge = pump.hal().battery();

    assertThat(gauge.capacityMicroampHours()).isEqualTo(650_000);
    assertThat(gauge.remainingMicroampHours()).isEqualTo(649_996);
    assertThat(gauge.voltageMillivolts()).isEqualTo(3199);
  }

  @Test
  void theVoltageCurveFallsThroughItsPointsAndNeverRises() {
    assertThat(VoltageCurve.millivolts(1000, 1000)).isEqualTo(3200);
    assertThat(VoltageCurve.millivolts(900, 1000)).isEqualTo(3050);
    assertThat(VoltageCurve.millivolts(550, 1000)).isEqualTo(3000);
    assertThat(VoltageCurve.millivolts(200, 1000)).isEqualTo(2950);
    assertThat(VoltageCurve.millivolts(75, 1000)).isEqualTo(2775);
    assertThat(VoltageCurve.millivolts(20, 1000)).isEqualTo(2500);
    assertThat(VoltageCurve.millivolts(0, 1000)).isEqualTo(2000);
    int previous = Integer.MAX_VALUE;
    for (long remaining = 100_000; remaining >= 0; remaining -= 37) {
      int mv = VoltageCurve.millivolts(remaining, 100_000);
      assertThat(mv).isLessThanOrEqualTo(previous);
      previous = mv;
    }
  }

  @Test
  void aSuddenCapacityLossTakesItsShareOfTheRemainingChargeAtItsInstant() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = idle(recorder);
    pump.inject(new Fault.BatteryCapacityLoss(HOUR, 900_000));

    pump.runUntil(HOUR - 1);
    long before = pump.batteryRemainingNanoampHours();
    pump.runUntil(HOUR);

    long atFault = TYPICAL.capacityNanoampHours() - TYPICAL.idleNanoampHoursPerHour();
    assertThat(before).isGreaterThan(atFault);
    assertThat(pump.batteryRemainingNanoampHours()).isEqualTo(atFault / 10);
    assertThat(pump.batteryVoltageMillivolts()).isEqualTo(2849); // just under 10 %: past the plateau's knee
    assertThat(recorder.events).containsExactly("0 reset POWER_ON", HOUR + " fault BatteryCapacityLoss");
  }

  @Test
  void aFeedthroughShortAddsItsDrainFromItsInstant() {
    SimulatedPump pump = idle(new Recorder());
    pump.inject(new Fault.FeedthroughShort(HOUR, 92_000)); // 12x the idle drain

    pump.runUntil(2 * HOUR);

    assertThat(TYPICAL.capacityNanoampHours() - pump.batteryRemainingNanoampHours())
        .isEqualTo(2 * 8_000 + 92_000);
  }

  @Test
  void anExhaustedCellKillsThePumpForGood() {
    Recorder recorder = new Recorder();
    FakeFirmware.Factory firmware = new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE));
    HardwareParameters tiny = HardwareParameters.ideal().withBattery(TYPICAL.withCapacityNanoampHours(10_000));
    SimulatedPump pump = Pumps.filled(tiny, 1, firmware, recorder);
    pump.runUntil(HOUR);
    assertThat(pump.batteryDepleted()).isFalse();

    // 8000 nAh/h idle + 24 nAh per stroke each minute: 9440 nAh in the first hour, leaving 560;
    // three more minutes take 3 x (133.3 + 24) = 472, and the idle drain up to minute 64 takes the rest
    pump.runUntil(2 * HOUR);

    assertThat(pump.batteryDepleted()).isTrue();
    assertThat(pump.batteryRemainingNanoampHours()).isZero();
    assertThat(recorder.depletedAtMillis).isEqualTo(HOUR + 4 * MINUTE);
    assertThat(firmware.current().strokes).isEqualTo(63);
    assertThat(pump.nextWakeMillis()).isEqualTo(Long.MAX_VALUE);
    assertThat(pump.receive(new byte[] {1})).isFalse();
    pump.inject(new Fault.BrownOutReset(3 * HOUR));
    pump.runUntil(4 * HOUR);
    assertThat(pump.resets()).isEqualTo(1);
  }

  @Test
  void theTypicalCellLastsAbout7YearsAtHalfAMillilitreAndAbout5AtOneAndAHalf() {
    // 0.5 mL/day = 2000 strokes/day (every 43.2 s); 1.5 mL/day = 6000/day (every 14.4 s)
    assertThat(lifeInDays(43_200)).isBetween(2_700L, 2_715L); // 7.4 years
    assertThat(lifeInDays(14_400)).isBetween(1_930L, 1_940L); // 5.3 years
  }

  private static long lifeInDays(long strokeIntervalMillis) {
    Recorder recorder = new Recorder();
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(strokeIntervalMillis)), recorder);
    // the reservoir empties long before the battery, but strokes still cost charge (air)
    pump.runUntil(10 * YEAR);
    assertThat(pump.batteryDepleted()).isTrue();
    return recorder.depletedAtMillis / DAY;
  }
}
