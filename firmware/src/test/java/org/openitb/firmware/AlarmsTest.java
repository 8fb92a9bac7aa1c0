// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;
import static org.openitb.firmware.hal.Tone.NON_CRITICAL_SINGLE_TONE;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.FakeHardware.Sound;
import org.openitb.firmware.PumpEvent.AlarmCleared;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.AlarmTested;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.PumpEvent.ReservoirEmpty;
import org.openitb.firmware.PumpEvent.StopExpired;
import org.openitb.firmware.PumpEvent.TherapyResumed;
import org.openitb.firmware.PumpEvent.TherapyStopped;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.therapy.units.Volume;

class AlarmsTest {
  /** 1 mL/day: the 20 mL fill reaches the 2 mL alarm after 18 days and the 0.5 mL stop after 19.5. */
  private static final long STROKE = 21_600;

  @Test
  void lowReservoirSoundsASingleToneHourlyAtTheProgrammedVolume() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(18 * DAY - 1);
    long n = pump.lastEvent();
    int sounds = pump.hw.buzzer.sounds.size();
    pump.runUntil(18 * DAY + 3 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(new AlarmRaised(AlarmKind.LOW_RESERVOIR, NON_CRITICAL_SINGLE_TONE));
    assertThat(pump.events.stream().filter(e -> e.event() instanceof AlarmRaised).findFirst().orElseThrow().rtcMillis())
        .isEqualTo(72_000 * STROKE); // the stroke that took the belief to exactly 2 mL
    assertThat(pump.hw.buzzer.sounds.subList(sounds, pump.hw.buzzer.sounds.size())).containsExactly(
        new Sound(18 * DAY, NON_CRITICAL_SINGLE_TONE),
        new Sound(18 * DAY + HOUR, NON_CRITICAL_SINGLE_TONE),
        new Sound(18 * DAY + 2 * HOUR, NON_CRITICAL_SINGLE_TONE),
        new Sound(18 * DAY + 3 * HOUR, NON_CRITICAL_SINGLE_TONE));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void anEmptyReservoirStopsBeforeRunningDryWithACriticalAlarm() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(19 * DAY);
    long n = pump.lastEvent();
    pump.runUntil(20 * DAY);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new ReservoirEmpty(Volume.ofMicrolitres(500)),
        new AlarmRaised(AlarmKind.RESERVOIR_EMPTY, CRITICAL_TWO_TONE));
    assertThat(pump.strokes()).isEqualTo(78_000); // 19.5 mL: the belief stops at 0.5 mL
    assertThat(pump.status().mode()).isEqualTo(Mode.RESERVOIR_EMPTY);
    long emptyAt = 78_001 * STROKE;
    assertThat(pump.hw.buzzer.sounds).contains(
        new Sound(emptyAt, CRITICAL_TWO_TONE), new Sound(emptyAt + 10 * MINUTE, CRITICAL_TWO_TONE));
    assertThat(pump.hw.buzzer.sounds.stream().filter(s -> s.at() > emptyAt && s.at() <= emptyAt + HOUR && s.tone() == CRITICAL_TWO_TONE))
        .hasSize(6);
  }

  @Test
  void aRefillEndsTheEmptyStopAndClearingThenSilencesTheAlarms() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(20 * DAY);
    long strokes = pump.strokes();
    long n = pump.lastEvent();
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Optional.of(Volume.ofMicrolitres(480))));
    pump.accept(new Command.ClearAlarms());
    int sounds = pump.hw.buzzer.sounds.size();
    pump.runUntil(21 * DAY);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new Refilled(CLINIC, Volume.ofMicrolitres(500), Optional.of(Volume.ofMicrolitres(480)), Volume.ofMillilitres(20), TestPump.C500, false),
        new AlarmCleared(AlarmKind.LOW_RESERVOIR),
        new AlarmCleared(AlarmKind.RESERVOIR_EMPTY));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    // the stroke that was due when it stopped, then a day at 1 mL/day
    assertThat(pump.strokes() - strokes).isEqualTo(1 + 4_000);
    assertThat(pump.hw.buzzer.sounds).hasSize(sounds);
  }

  @Test
  void clearingAnAlarmWhoseConditionPersistsRaisesItAgain() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(18 * DAY + HOUR);
    long n = pump.lastEvent();
    pump.accept(new Command.ClearAlarms());

    assertThat(pump.eventsAfter(n)).containsExactly(
        new AlarmCleared(AlarmKind.LOW_RESERVOIR),
        new AlarmRaised(AlarmKind.LOW_RESERVOIR, NON_CRITICAL_SINGLE_TONE));
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.LOW_RESERVOIR);
  }

  @Test
  void theAlarmTestSoundsBothTonesCriticalFirst() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    long n = pump.lastEvent();
    pump.runUntil(HOUR);
    pump.accept(new Command.AlarmTest());

    assertThat(pump.eventsAfter(n)).containsExactly(new AlarmTested(CLINIC));
    assertThat(pump.hw.buzzer.sounds).containsExactly(new Sound(HOUR, CRITICAL_TWO_TONE), new Sound(HOUR, NON_CRITICAL_SINGLE_TONE));
    assertThat(pump.status().alarms()).isEmpty();
  }

  @Test
  void aDeliberateStopExpiresIntoACriticalAlarmAndStaysStopped() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    long strokes = pump.strokes();
    long n = pump.lastEvent();
    pump.accept(new Command.Stop(Duration.ofHours(2)));
    assertThat(pump.status().stopExpiresAtRtc()).hasValue(3 * HOUR);
    pump.runUntil(5 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new TherapyStopped(CLINIC, Duration.ofHours(2)),
        new StopExpired(),
        new AlarmRaised(AlarmKind.STOP_EXPIRED, CRITICAL_TWO_TONE));
    assertThat(pump.events.stream().filter(e -> e.event() instanceof StopExpired).findFirst().orElseThrow().rtcMillis()).isEqualTo(3 * HOUR);
    assertThat(pump.strokes()).isEqualTo(strokes);
    assertThat(pump.status().mode()).isEqualTo(Mode.STOP_EXPIRED);
    assertThat(pump.hw.buzzer.sounds).extracting(Sound::at).containsExactly(
        3 * HOUR, 3 * HOUR + 10 * MINUTE, 3 * HOUR + 20 * MINUTE, 3 * HOUR + 30 * MINUTE, 3 * HOUR + 40 * MINUTE, 3 * HOUR + 50 * MINUTE,
        4 * HOUR, 4 * HOUR + 10 * MINUTE, 4 * HOUR + 20 * MINUTE, 4 * HOUR + 30 * MINUTE, 4 * HOUR + 40 * MINUTE, 4 * HOUR + 50 * MINUTE,
        5 * HOUR);

    n = pump.lastEvent();
    pump.accept(new Command.Resume());
    pump.accept(new Command.ClearAlarms());
    pump.runUntil(6 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(new TherapyResumed(CLINIC), new AlarmCleared(AlarmKind.STOP_EXPIRED));
    // no catch-up for the two stopped hours: the 14 400 ms-worth owed at the stop plus one hour = 167.3
    assertThat(pump.strokes() - strokes).isEqualTo(167);
  }

  @Test
  void tonesOfBothClassesRepeatIndependently() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(18 * DAY + 30 * MINUTE); // low reservoir latched at 18 d
    pump.accept(new Command.Stop(Duration.ofMinutes(5)));
    int before = pump.hw.buzzer.sounds.size();
    pump.runUntil(18 * DAY + 95 * MINUTE);

    assertThat(pump.hw.buzzer.sounds.subList(before, pump.hw.buzzer.sounds.size())).containsExactly(
        new Sound(18 * DAY + 35 * MINUTE, CRITICAL_TWO_TONE),
        new Sound(18 * DAY + 45 * MINUTE, CRITICAL_TWO_TONE),
        new Sound(18 * DAY + 55 * MINUTE, CRITICAL_TWO_TONE),
        new Sound(18 * DAY + HOUR, NON_CRITICAL_SINGLE_TONE),
        new Sound(18 * DAY + 65 * MINUTE, CRITICAL_TWO_TONE),
        new Sound(18 * DAY + 75 * MINUTE, CRITICAL_TWO_TONE),
        new Sound(18 * DAY + 85 * MINUTE, CRITICAL_TWO_TONE),
        new Sound(18 * DAY + 95 * MINUTE, CRITICAL_TWO_TONE));
  }
}
