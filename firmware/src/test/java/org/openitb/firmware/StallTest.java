// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.AlarmCleared;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.Interrogated;
import org.openitb.firmware.PumpEvent.MagnetField;
import org.openitb.firmware.PumpEvent.StallRecovered;
import org.openitb.firmware.PumpEvent.StallStarted;
import org.openitb.firmware.alarms.AlarmKind;

class StallTest {
  private static final long STROKE = 21_600; // 1 mL/day

  private static void field(TestPump pump, long at, boolean present) {
    pump.runUntil(at);
    pump.hw.magnet.present = present;
    pump.fw.onMagnetChange(present);
  }

  @Test
  void anMriScanStallsTheRotorAndDeliveryResumesByItselfWithoutCatchUp() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    long n = pump.lastEvent();
    List<Long> attempts = new ArrayList<>();
    long[] commands = {0};
    pump.afterWake = t -> {
      if (pump.hw.motor.commands > commands[0]) {
        attempts.add(t);
        commands[0] = pump.hw.motor.commands;
      }
    };
    field(pump, HOUR + 5_000, true);
    field(pump, HOUR + 30 * MINUTE, false);
    long recoveredWith = pump.strokes();
    pump.runUntil(2 * HOUR);

    long stallStart = 167 * STROKE;
    assertThat(pump.eventsAfter(n)).containsExactly(
        new MagnetField(true),
        new StallStarted(),
        new AlarmRaised(AlarmKind.MOTOR_STALL, CRITICAL_TWO_TONE),
        new MagnetField(false),
        // 250 strokes were due by 1:30; 166 turned before, 1 turns now, 83 are written off
        new StallRecovered(Duration.ofMillis(HOUR + 30 * MINUTE - stallStart), 83));
    // retries back off 1, 2, 4, 8 minutes; the third failure sounds the alarm
    assertThat(attempts).containsSubsequence(stallStart, stallStart + MINUTE, stallStart + 3 * MINUTE,
        stallStart + 7 * MINUTE, stallStart + 15 * MINUTE);
    assertThat(recoveredWith).isEqualTo(167);
    // after recovery the schedule simply continues: 250 strokes due at 1:30 + 30 min at 1 mL/day
    assertThat(pump.strokes()).isEqualTo(167 + 83);
    assertThat(pump.status().strokesWrittenOff()).isEqualTo(83);
    assertThat(pump.status().failedStrokeAttempts()).isEqualTo(5);
    assertThat(pump.status().interrogationRequired()).isTrue();
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.MOTOR_STALL);
  }

  @Test
  void theInterrogationRequiredFlagStaysUntilAProgrammerReadsThePump() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    field(pump, HOUR, true);
    field(pump, HOUR + 20 * MINUTE, false);
    pump.runUntil(5 * HOUR);
    pump.replaceFirmwareAndReset(); // the flag survives a reset
    assertThat(pump.status().interrogationRequired()).isTrue();
    long n = pump.lastEvent();

    pump.accept(new Command.Interrogate());
    pump.accept(new Command.ClearAlarms());

    assertThat(pump.eventsAfter(n)).containsExactly(new Interrogated(CLINIC), new AlarmCleared(AlarmKind.MOTOR_STALL));
    assertThat(pump.status().interrogationRequired()).isFalse();
    assertThat(pump.status().alarms()).isEmpty();
  }

  @Test
  void aWornMotorKeepsRetryingAtMostEveryFifteenMinutesWithTheAlarmOn() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    pump.hw.motor.worn = true;
    long commands = pump.hw.motor.commands;
    pump.runUntil(HOUR + 10 * HOUR);

    // first at 1:00:07.2, then after 1, 2, 4, 8 minutes, then every 15 until 11:00: 4 + 39 attempts
    assertThat(pump.hw.motor.commands - commands).isEqualTo(43);
    assertThat(pump.status().stalled()).isTrue();
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.MOTOR_STALL);
    pump.accept(new Command.ClearAlarms()); // still stalled: raised again at once
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.MOTOR_STALL);
  }
}
