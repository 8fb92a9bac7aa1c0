// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.DeliveryWrittenOff;
import org.openitb.firmware.PumpEvent.RunawayDetected;
import org.openitb.firmware.PumpEvent.SafeStateEntered;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.OwedDelivery;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Volume;

class SafetyMonitorTest {
  @Test
  void aDriverThatRunsOnIsCutAtTheStrokeItOverdelivered() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    long n = pump.lastEvent();
    long strokes = pump.strokes();
    pump.hw.motor.runsOnEveryStroke = true;
    pump.runUntil(2 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new RunawayDetected(1),
        new SafeStateEntered(AlarmKind.MOTOR_RUNAWAY),
        new AlarmRaised(AlarmKind.MOTOR_RUNAWAY, CRITICAL_TWO_TONE));
    assertThat(pump.hw.motor.cut).isTrue();
    assertThat(pump.strokes() - strokes).isEqualTo(2); // the commanded stroke and the one it ran on
    assertThat(pump.status().reservoirBelief()).isEqualTo(Volume.ofNanolitres(20_000_000 - pump.strokes() * 250));
    assertEveryRotationCounted(pump);
  }

  @Test
  void aRotorTurningOnItsOwnIsCaughtAtTheNextWake() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR + 1_000);
    long n = pump.lastEvent();
    pump.hw.motor.spontaneous(1);
    pump.runUntil(2 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new RunawayDetected(1),
        new SafeStateEntered(AlarmKind.MOTOR_RUNAWAY),
        new AlarmRaised(AlarmKind.MOTOR_RUNAWAY, CRITICAL_TWO_TONE));
    assertThat(pump.events.stream().filter(e -> e.event() instanceof RunawayDetected).findFirst().orElseThrow().rtcMillis())
        .isEqualTo(167 * 21_600); // the next wake: the stroke that was due, never issued
    assertThat(pump.strokes()).isEqualTo(166 + 1);
    assertThat(pump.status().reservoirBelief()).isEqualTo(Volume.ofNanolitres(20_000_000 - 167 * 250));
    assertEveryRotationCounted(pump);
  }

  /** Rotations the firmware did not command pumped drug all the same: the counters and the log's stroke batches count each one. */
  private static void assertEveryRotationCounted(TestPump pump) {
    assertThat(pump.status().strokesDelivered()).isEqualTo(pump.strokes());
    List<PumpEvent.StrokesDelivered> batches = pump.all(PumpEvent.StrokesDelivered.class);
    assertThat(batches.stream().mapToLong(PumpEvent.StrokesDelivered::strokes).sum()).isEqualTo(pump.strokes());
    assertThat(batches.get(batches.size() - 1).totalStrokes()).isEqualTo(pump.strokes());
  }

  @Test
  void aRunawayMotorStaysCutAfterAResetAndCannotBeReprogrammed() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    pump.hw.motor.runsOnEveryStroke = true;
    pump.runUntil(2 * HOUR);
    pump.hw.motor.cut = false; // a reset restores motor power in hardware
    pump.replaceFirmwareAndReset();

    assertThat(pump.hw.motor.cut).isTrue();
    assertThat(pump.status().mode()).isEqualTo(Mode.SAFE_STATE);
    pump.refuse(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)), CLINIC, Code.NOT_NOW);
    pump.accept(new Command.ClearAlarms());
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.MOTOR_RUNAWAY);
  }

  @Test
  void theMonitorRefusesAStrokeTheProfileDoesNotOwe() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR + 1_000);
    long n = pump.lastEvent();
    long strokes = pump.strokes();
    OwedDelivery engine = pump.fw.runtime().engine;
    engine.corrupt(engine.strokeUnits() * 10); // a single-event upset: the engine believes ten strokes are owed
    pump.runUntil(2 * HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new DeliveryWrittenOff(9), // the engine's own no-catch-up rule keeps one
        new SafeStateEntered(AlarmKind.DELIVERY_FAULT),
        new AlarmRaised(AlarmKind.DELIVERY_FAULT, CRITICAL_TWO_TONE));
    // the stroke really due at 1:00:07.2 turns; the engine's next, early one is refused
    assertThat(pump.strokes()).isEqualTo(strokes + 1);
    assertThat(pump.events.stream().filter(e -> e.event() instanceof SafeStateEntered).findFirst().orElseThrow().rtcMillis())
        .isLessThan(168 * 21_600);
    // a clinician reprograms: both accumulators start afresh and delivery resumes
    pump.accept(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)));
    pump.runUntil(3 * HOUR);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    assertThat(pump.strokes() - strokes).isBetween(1 + 166L, 1 + 167L);
  }
}
