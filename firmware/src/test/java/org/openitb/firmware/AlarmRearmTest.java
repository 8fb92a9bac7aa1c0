// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;
import static org.openitb.firmware.hal.Tone.NON_CRITICAL_SINGLE_TONE;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.FakeHardware.Sound;
import org.openitb.firmware.PumpEvent.AlarmCleared;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.PumpEvent.ReservoirEmpty;
import org.openitb.firmware.PumpEvent.StopExpired;
import org.openitb.firmware.PumpEvent.TherapyResumed;
import org.openitb.firmware.PumpEvent.TherapyStopped;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.therapy.units.Volume;

/**
 * Issue 11 defect 1: a latched alarm whose condition ends (a refill above the alarm volume, a
 * resumed stop) is cleared then, and the next crossing raises it again with its event and tone.
 * At 1 mL/day the 20 mL fill reaches the 2 mL alarm volume 18 days after each refill.
 */
class AlarmRearmTest {
  private static Command.Refill refill(long ml) {
    return new Command.Refill(Volume.ofMillilitres(ml), TestPump.BACLOFEN, TestPump.C500, Optional.empty());
  }

  private static long tones(TestPump pump, long from, long to) {
    return pump.hw.buzzer.sounds.stream().filter(s -> s.at() >= from && s.at() < to).count();
  }

  @Test
  void theLowReservoirAlarmIsRaisedAtEveryCrossingAndClearedByEveryRefillAboveIt() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    long refillAt = 0;
    for (int cycle = 0; cycle < 3; cycle++) {
      long n = pump.lastEvent();
      long crossing = refillAt + 18 * DAY;
      pump.runUntil(crossing + 5 * HOUR);
      assertThat(pump.eventsAfter(n)).as("cycle %d", cycle)
          .containsExactly(new AlarmRaised(AlarmKind.LOW_RESERVOIR, NON_CRITICAL_SINGLE_TONE));
      assertThat(pump.status().alarms()).containsExactly(AlarmKind.LOW_RESERVOIR);
      assertThat(tones(pump, crossing - HOUR, crossing + 5 * HOUR + 1)).isEqualTo(6); // hourly single tone

      refillAt = crossing + 5 * HOUR + HOUR / 2;
      pump.runUntil(refillAt);
      n = pump.lastEvent();
      pump.accept(refill(20));
      assertThat(pump.eventsAfter(n)).containsExactly(
          new Refilled(CLINIC, pump.all(Refilled.class).getLast().believedBefore(), Optional.empty(), Volume.ofMillilitres(20), TestPump.C500, false),
          new AlarmCleared(AlarmKind.LOW_RESERVOIR));
      assertThat(pump.status().alarms()).isEmpty();
      pump.runUntil(refillAt + 17 * DAY);
      assertThat(tones(pump, refillAt, refillAt + 17 * DAY)).as("silent after the refill").isZero();
    }
    assertThat(pump.all(AlarmRaised.class)).hasSize(3);
  }

  @Test
  void aRefillAtOrBelowTheAlarmVolumeKeepsTheAlarmWithoutRaisingItTwice() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(18 * DAY + HOUR);
    long n = pump.lastEvent();
    pump.accept(refill(2));

    assertThat(pump.eventsAfter(n)).hasSize(1).first().isInstanceOf(Refilled.class);
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.LOW_RESERVOIR);
    assertThat(tones(pump, 18 * DAY + HOUR + 1, 18 * DAY + 2 * HOUR + 1)).isZero();
    pump.runUntil(18 * DAY + 2 * HOUR);
    assertThat(tones(pump, 18 * DAY + HOUR + 1, 18 * DAY + 2 * HOUR + 1)).isEqualTo(1);
  }

  @Test
  void anEmptyReservoirAlarmIsClearedByTheRefillAndRaisedAgainAtTheNextEmpty() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(20 * DAY);
    long n = pump.lastEvent();
    pump.accept(refill(20));
    assertThat(pump.eventsAfter(n)).containsExactly(
        new Refilled(CLINIC, Volume.ofMicrolitres(500), Optional.empty(), Volume.ofMillilitres(20), TestPump.C500, false),
        new AlarmCleared(AlarmKind.LOW_RESERVOIR),
        new AlarmCleared(AlarmKind.RESERVOIR_EMPTY));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);

    n = pump.lastEvent();
    pump.runUntil(40 * DAY);
    assertThat(pump.eventsAfter(n)).containsExactly(
        new AlarmRaised(AlarmKind.LOW_RESERVOIR, NON_CRITICAL_SINGLE_TONE),
        new ReservoirEmpty(Volume.ofMicrolitres(500)),
        new AlarmRaised(AlarmKind.RESERVOIR_EMPTY, CRITICAL_TWO_TONE));
  }

  @Test
  void anExpiredStopAlarmEndsWithTheResumeAndSoundsAgainAtTheNextExpiry() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    long n = pump.lastEvent();
    pump.accept(new Command.Stop(Duration.ofHours(1)));
    pump.runUntil(3 * HOUR);
    pump.accept(new Command.Resume());
    long resumed = pump.now();
    pump.runUntil(4 * HOUR);
    assertThat(tones(pump, resumed + 1, 4 * HOUR + 1)).as("silent once resumed").isZero();
    pump.accept(new Command.Stop(Duration.ofHours(1)));
    pump.runUntil(6 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new TherapyStopped(CLINIC, Duration.ofHours(1)),
        new StopExpired(),
        new AlarmRaised(AlarmKind.STOP_EXPIRED, CRITICAL_TWO_TONE),
        new TherapyResumed(CLINIC),
        new AlarmCleared(AlarmKind.STOP_EXPIRED),
        new TherapyStopped(CLINIC, Duration.ofHours(1)),
        new StopExpired(),
        new AlarmRaised(AlarmKind.STOP_EXPIRED, CRITICAL_TWO_TONE));
    assertThat(pump.hw.buzzer.sounds).contains(new Sound(2 * HOUR, CRITICAL_TWO_TONE), new Sound(5 * HOUR, CRITICAL_TWO_TONE));
  }

  @Test
  void theAlarmStateSurvivesAResetAndStillReArms() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(18 * DAY + HOUR);
    pump.replaceFirmwareAndReset();
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.LOW_RESERVOIR);
    long n = pump.lastEvent();
    pump.accept(refill(20));
    pump.replaceFirmwareAndReset();
    assertThat(pump.status().alarms()).isEmpty();
    pump.runUntil(36 * DAY + 2 * HOUR);
    assertThat(pump.eventsAfter(n).stream().filter(e -> e instanceof AlarmRaised))
        .containsExactly(new AlarmRaised(AlarmKind.LOW_RESERVOIR, NON_CRITICAL_SINGLE_TONE));
  }
}
