// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.PumpEvent.MagnetField;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.PumpEvent.StallRecovered;
import org.openitb.firmware.PumpEvent.StallStarted;
import org.openitb.firmware.alarms.AlarmKind;

/**
 * Issue 11 item 6: a watchdog reset during a stall (a worn motor, or the rotor held by an MRI
 * field) keeps the stall episode: the same mode and alarms, no second StallStarted, the same
 * retry instants and attempt count (so the critical alarm still comes at the third failed
 * attempt), and at recovery the same StallRecovered (duration and strokes written off) as a pump
 * that was never reset. Each test runs a pump that is never reset beside one reset at the named
 * moments, on the same clock, and compares them event by event.
 */
class StallAcrossResetTest {
  private static final long STROKE = 21_600; // 1 mL/day at 500 mcg/day: one stroke every 21.6 s
  /** The first stroke attempt after 1:00 at 500 mcg/day (stroke 167). */
  private static final long FIRST_FAILED = 167 * STROKE;

  /** A running pump whose motor command instants are recorded (at every wake and at every reset). */
  private static final class Recorded {
    final TestPump pump = new TestPump().running(TestPump.simple(500));
    final List<Long> attempts = new ArrayList<>();
    long commands;

    Recorded() {
      pump.afterWake = t -> note(t);
    }

    void note(long t) {
      while (commands < pump.hw.motor.commands) {
        attempts.add(t);
        commands++;
      }
    }

    void reset() {
      pump.replaceFirmwareAndReset();
      note(pump.now());
    }

    /** Wakes one wake at a time until an event matching {@code logged} appears, then stops right after that wake. */
    void wakeUntil(Predicate<PumpEvent> logged, long limit) {
      long n = pump.lastEvent();
      while (pump.eventsAfter(n).stream().noneMatch(logged)) {
        wakeOnce(limit);
      }
    }

    /** The next wake, no later than {@code limit}. */
    void wakeOnce(long limit) {
      assertThat(pump.hw.rtc.armed).isLessThanOrEqualTo(limit);
      long at = Math.max(pump.now(), pump.hw.rtc.armed);
      pump.hw.rtc.now = at;
      pump.wakes++;
      pump.fw.onWake();
      note(at);
    }

    List<PumpEvent> eventsWithoutBoots(long after) {
      return pump.eventsAfter(after).stream().filter(e -> !(e instanceof Booted)).toList();
    }
  }

  private static void field(Recorded r, long at, boolean present) {
    r.pump.runUntil(at);
    r.pump.hw.magnet.present = present;
    r.pump.fw.onMagnetChange(present);
  }

  @Test
  void aResetRightAfterTheStallStartsKeepsTheEpisodeItsAlarmAndItsRetrySchedule() {
    Recorded never = new Recorded();
    Recorded reset = new Recorded();
    for (Recorded r : List.of(never, reset)) {
      r.pump.runUntil(HOUR);
      r.pump.hw.motor.worn = true;
    }
    long n = never.pump.lastEvent();
    assertThat(reset.pump.lastEvent()).isEqualTo(n);

    reset.wakeUntil(e -> e instanceof StallStarted, 2 * HOUR);
    assertThat(reset.pump.now()).isEqualTo(FIRST_FAILED);
    reset.reset();
    // the reset finds the episode: no stroke is retried at once, the first retry stays one minute after the failure
    assertThat(reset.pump.hw.motor.commands).isEqualTo(reset.commands);
    assertThat(reset.pump.status().stalled()).isTrue();
    assertThat(reset.pump.status().failedStrokeAttempts()).isEqualTo(1);
    assertThat(reset.pump.eventsAfter(n)).containsExactly(new StallStarted(), new Booted(BootKind.RESTORED, SettingsSource.BOTH, 0, 2));

    never.pump.runUntil(4 * HOUR);
    reset.pump.runUntil(4 * HOUR);

    // 1:00:07.2 fails, then retries after 1, 2, 4, 8 minutes, then every 15 minutes; the third failure sounds the alarm
    List<Long> expected = new ArrayList<>(List.of(FIRST_FAILED, FIRST_FAILED + MINUTE, FIRST_FAILED + 3 * MINUTE,
        FIRST_FAILED + 7 * MINUTE, FIRST_FAILED + 15 * MINUTE));
    for (long t = FIRST_FAILED + 30 * MINUTE; t <= 4 * HOUR; t += 15 * MINUTE) {
      expected.add(t);
    }
    assertThat(attemptsFrom(never, HOUR)).containsExactlyElementsOf(expected);
    assertThat(attemptsFrom(reset, HOUR)).containsExactlyElementsOf(expected);
    assertThat(never.eventsWithoutBoots(n)).containsExactly(new StallStarted(), new AlarmRaised(AlarmKind.MOTOR_STALL, CRITICAL_TWO_TONE));
    assertThat(reset.eventsWithoutBoots(n)).containsExactlyElementsOf(never.eventsWithoutBoots(n));
    assertThat(reset.pump.all(StallStarted.class)).hasSize(1);
    assertSameStall(never, reset);
  }

  @Test
  void aResetAfterEveryFailedAttemptChangesNothingButTheBootEntries() {
    Recorded never = new Recorded();
    Recorded reset = new Recorded();
    for (Recorded r : List.of(never, reset)) {
      r.pump.runUntil(HOUR);
      r.pump.hw.motor.worn = true;
    }
    long n = never.pump.lastEvent();
    // a reset loop of six resets within the first 30 minutes of the stall, each right after a failed attempt
    for (int i = 0; i < 6; i++) {
      long before = reset.commands;
      while (reset.commands == before) {
        reset.wakeOnce(2 * HOUR);
      }
      reset.reset();
    }
    never.pump.runUntil(3 * HOUR);
    reset.pump.runUntil(3 * HOUR);

    assertThat(attemptsFrom(reset, HOUR)).containsExactlyElementsOf(attemptsFrom(never, HOUR));
    assertThat(reset.pump.all(Booted.class)).hasSize(1 + 6);
    // the alarm at the third attempt, once; the reset loop's own alarm (more than 5 boots in 24 h) after the sixth reset
    assertThat(reset.eventsWithoutBoots(n)).containsExactly(new StallStarted(), new AlarmRaised(AlarmKind.MOTOR_STALL, CRITICAL_TWO_TONE),
        new AlarmRaised(AlarmKind.RESET_LOOP, CRITICAL_TWO_TONE));
    assertThat(never.eventsWithoutBoots(n)).containsExactly(new StallStarted(), new AlarmRaised(AlarmKind.MOTOR_STALL, CRITICAL_TWO_TONE));
    assertThat(reset.pump.status().failedStrokeAttempts()).isEqualTo(never.pump.status().failedStrokeAttempts());
    assertThat(reset.pump.status().stalled()).isTrue();
    assertThat(reset.pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void aResetDuringAnMriStallRecoversWithTheSameDurationAndWriteOffWhenTheFieldGoes() {
    Recorded never = new Recorded();
    Recorded reset = new Recorded();
    long n = never.pump.lastEvent();
    for (Recorded r : List.of(never, reset)) {
      field(r, HOUR + 5_000, true);
      if (r == reset) {
        r.pump.runUntil(FIRST_FAILED + 2 * MINUTE); // two failed attempts, the alarm not yet
        assertThat(r.pump.status().alarms()).isEmpty();
        r.reset();
        assertThat(r.pump.status().stalled()).isTrue();
        assertThat(r.pump.status().failedStrokeAttempts()).isEqualTo(2);
      }
      field(r, HOUR + 30 * MINUTE, false);
      r.pump.runUntil(2 * HOUR);
    }

    StallRecovered recovered = new StallRecovered(Duration.ofMillis(HOUR + 30 * MINUTE - FIRST_FAILED), 83);
    assertThat(never.eventsWithoutBoots(n)).containsExactly(new MagnetField(true), new StallStarted(),
        new AlarmRaised(AlarmKind.MOTOR_STALL, CRITICAL_TWO_TONE), new MagnetField(false), recovered);
    assertThat(reset.eventsWithoutBoots(n)).containsExactlyElementsOf(never.eventsWithoutBoots(n));
    assertThat(attemptsFrom(reset, HOUR)).containsExactlyElementsOf(attemptsFrom(never, HOUR));
    assertThat(reset.pump.strokes()).isEqualTo(never.pump.strokes()).isEqualTo(167 + 83);
    assertSameStall(never, reset);
    assertThat(reset.pump.status().stalled()).isFalse();
    assertThat(reset.pump.status().interrogationRequired()).isTrue();
  }

  /**
   * One more interrupt at {@code t} for both pumps, so both report what they believe at the same
   * instant (a reset moves the hourly checkpoint wake, so their last wakes before {@code t} differ).
   */
  private static void wakeBothAt(long t, Recorded... pumps) {
    for (Recorded r : pumps) {
      r.pump.runUntil(t);
      r.pump.fw.onWake();
      r.note(t);
    }
  }

  private static List<Long> attemptsFrom(Recorded r, long from) {
    return r.attempts.stream().filter(t -> t >= from).toList();
  }

  private static void assertSameStall(Recorded never, Recorded reset) {
    wakeBothAt(never.pump.now(), never, reset);
    FirmwareStatus a = never.pump.status();
    FirmwareStatus b = reset.pump.status();
    assertThat(b.mode()).isEqualTo(a.mode());
    assertThat(b.alarms()).isEqualTo(a.alarms());
    assertThat(b.stalled()).isEqualTo(a.stalled());
    assertThat(b.interrogationRequired()).isEqualTo(a.interrogationRequired());
    assertThat(b.failedStrokeAttempts()).isEqualTo(a.failedStrokeAttempts());
    assertThat(b.strokesWrittenOff()).isEqualTo(a.strokesWrittenOff());
    assertThat(b.strokesDelivered()).isEqualTo(a.strokesDelivered());
  }
}
