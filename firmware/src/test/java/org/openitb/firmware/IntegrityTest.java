// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;
import static org.openitb.firmware.hal.Tone.NON_CRITICAL_SINGLE_TONE;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.DeliveryInvariantTest.Scenario;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.PumpEvent.SafeStateEntered;
import org.openitb.firmware.PumpEvent.SettingsCopyCorrupted;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.PumpEvent.StrokesDelivered;
import org.openitb.firmware.PumpEvent.Unreadable;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.storage.EventLog;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Volume;

class IntegrityTest {
  private static final int PAYLOAD_BYTE = 100;

  /** A pump 24:59 into 1 mL/day therapy: 4 163 strokes, 164 of them since the last checkpoint. */
  private static TestPump dayIntoTherapy() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(DAY + 59 * 60_000);
    return pump;
  }

  @Test
  void aCorruptedCopyAFallsBackToBAndIsRepaired() {
    TestPump pump = dayIntoTherapy();
    pump.hw.memory.flipBit(PAYLOAD_BYTE, 3);
    long n = pump.lastEvent();
    pump.replaceFirmwareAndReset();

    assertThat(pump.eventsAfter(n)).containsExactly(
        new Booted(BootKind.RESTORED, SettingsSource.ONLY_B, 164, 1),
        new SettingsCopyCorrupted('A'),
        new AlarmRaised(AlarmKind.SETTINGS_COPY_CORRUPTED, NON_CRITICAL_SINGLE_TONE));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    pump.runUntil(2 * DAY);
    assertThat(pump.strokes()).isEqualTo(8_000); // not one stroke lost or doubled
    pump.replaceFirmwareAndReset(); // the repaired copy verifies again
    assertThat(pump.all(Booted.class).get(pump.all(Booted.class).size() - 1).settings()).isEqualTo(SettingsSource.BOTH);
  }

  @Test
  void aCorruptedCopyBFallsBackToA() {
    TestPump pump = dayIntoTherapy();
    pump.hw.memory.flipBit(SettingsStore.COPY_BYTES + PAYLOAD_BYTE, 0);
    long n = pump.lastEvent();
    pump.fw.onReset();

    assertThat(pump.eventsAfter(n)).containsExactly(
        new Booted(BootKind.RESTORED, SettingsSource.ONLY_A, 164, 1),
        new SettingsCopyCorrupted('B'),
        new AlarmRaised(AlarmKind.SETTINGS_COPY_CORRUPTED, NON_CRITICAL_SINGLE_TONE));
    pump.runUntil(2 * DAY);
    assertThat(pump.strokes()).isEqualTo(8_000);
  }

  @Test
  void bothCopiesCorruptedMeansASafeStopUntilRefilledAndReprogrammed() {
    TestPump pump = dayIntoTherapy();
    pump.hw.memory.flipBit(PAYLOAD_BYTE, 3);
    pump.hw.memory.flipBit(SettingsStore.COPY_BYTES + PAYLOAD_BYTE + 7, 5);
    long n = pump.lastEvent();
    pump.replaceFirmwareAndReset();
    long strokes = pump.strokes();
    pump.runUntil(2 * DAY);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new Booted(BootKind.SETTINGS_LOST, SettingsSource.NONE, 0, 1),
        new SafeStateEntered(AlarmKind.SETTINGS_LOST),
        new AlarmRaised(AlarmKind.SETTINGS_LOST, CRITICAL_TWO_TONE));
    assertThat(pump.strokes()).isEqualTo(strokes);
    assertThat(pump.status().mode()).isEqualTo(Mode.SAFE_STATE);
    // the lost reservoir must be filled again before any prescription runs
    pump.refuse(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)), CLINIC, Code.MISMATCH);
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    pump.accept(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)));
    pump.runUntil(3 * DAY);
    assertThat(pump.strokes() - strokes).isEqualTo(4_000);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    // a reset now restores the new verified settings, not the safe state
    pump.replaceFirmwareAndReset();
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void aWatchdogResetRestoresTherapyExactly() {
    TestPump twin = new TestPump().running(TestPump.simple(500));
    TestPump pump = dayIntoTherapy();
    pump.fw.onReset();
    pump.runUntil(2 * DAY + 12_345);
    pump.replaceFirmwareAndReset(); // and again, losing every RAM object
    pump.runUntil(3 * DAY);
    twin.runUntil(3 * DAY);

    assertThat(pump.strokes()).isEqualTo(twin.strokes()).isEqualTo(12_000);
    assertThat(pump.status().reservoirBelief()).isEqualTo(twin.status().reservoirBelief());
    assertThat(pump.all(Booted.class)).extracting(Booted::resetsInLastDay).containsExactly(1, 1, 2);
  }

  @Test
  void resetsAtRandomInstantsNeverChangeWhenAStrokeTurns() {
    qt().withFixedSeed(4_242L).withExamples(25).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      Scenario twin = new Scenario(seed);
      twin.run();
      Scenario reset = new Scenario(seed);
      Random r = new Random(~seed);
      reset.faultAt = r.nextLong(1, 6 * HOUR);
      reset.fault = () -> {
        if (r.nextBoolean()) {
          reset.pump.fw.onReset();
        } else {
          reset.pump.replaceFirmwareAndReset();
        }
        reset.faultAt = reset.pump.now() + r.nextLong(1, 6 * HOUR);
      };
      reset.run();
      assertThat(reset.pump.all(Booted.class)).as("seed " + seed).hasSizeGreaterThan(5);
      assertThat(reset.strokeLog).as("seed " + seed).usingElementComparator(IntegrityTest::compare)
          .containsExactlyElementsOf(twin.strokeLog);
    });
  }

  private static int compare(long[] a, long[] b) {
    return a[0] == b[0] && a[1] == b[1] ? 0 : 1;
  }

  @Test
  void manyResetsInADaySoundTheResetLoopAlarm() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    for (int i = 0; i < PumpRuntime.MAX_BOOTS_PER_DAY; i++) {
      pump.runUntil(pump.now() + HOUR);
      pump.fw.onReset();
    }

    assertThat(pump.status().alarms()).containsExactly(AlarmKind.RESET_LOOP);
    assertThat(pump.all(Booted.class)).extracting(Booted::resetsInLastDay).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING); // therapy continues: abrupt withdrawal is the greater harm
  }

  @Test
  void theLogIsReadIncrementallyAndMatchesWhatTheListenerSaw() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(DAY);
    List<LogEntry> first = pump.fw.eventsSince(0);
    pump.accept(new Command.AlarmTest());
    pump.runUntil(2 * DAY);
    List<LogEntry> more = pump.fw.eventsSince(first.get(first.size() - 1).number());

    assertThat(first.get(0).number()).isEqualTo(1);
    assertThat(first.size() + more.size()).isEqualTo(pump.events.size());
    assertThat(java.util.stream.Stream.concat(first.stream(), more.stream()).toList()).isEqualTo(pump.events);
    assertThat(more.get(0).number()).isEqualTo(first.size() + 1);
  }

  @Test
  void theLogIsABoundedRingThatKeepsNumbering() {
    TestPump pump = new TestPump(org.openitb.therapy.device.PumpModels.ITB_20, Firmware.MIN_MEMORY_BYTES).running(TestPump.simple(500));
    pump.runUntil(5 * DAY); // about 125 entries for a ring of 64

    List<LogEntry> kept = pump.fw.eventsSince(0);
    assertThat(kept).hasSize(Firmware.MIN_LOG_SLOTS);
    assertThat(kept).isEqualTo(pump.events.subList(pump.events.size() - Firmware.MIN_LOG_SLOTS, pump.events.size()));
    assertThat(kept.get(kept.size() - 1).number()).isEqualTo(pump.events.size());
  }

  @Test
  void aCorruptedLogSlotReadsAsUnreadableAndTheRestSurvive() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(DAY);
    // entry 3 lives in slot 2
    pump.hw.memory.flipBit(SettingsStore.TOTAL_BYTES + 2 * EventLog.SLOT_BYTES + 30, 1);

    List<LogEntry> entries = pump.fw.eventsSince(0);
    assertThat(entries.get(2)).isEqualTo(new LogEntry(3, -1, new Unreadable()));
    assertThat(entries).hasSize(pump.events.size());
    assertThat(entries.subList(3, entries.size())).isEqualTo(pump.events.subList(3, pump.events.size()));
  }

  @Test
  void numbersContinueAfterAResetAndStrokesSinceTheCheckpointAreAccounted() {
    TestPump pump = dayIntoTherapy();
    long last = pump.lastEvent();
    pump.replaceFirmwareAndReset();

    List<LogEntry> after = pump.fw.eventsSince(last);
    assertThat(after.get(0).number()).isEqualTo(last + 1);
    // the last checkpoint was at 24:00, just before the stroke due then: 4 163 - 3 999 strokes turned since
    assertThat(after.get(0).event()).isEqualTo(new StrokesDelivered(164, Volume.ofNanolitres(164 * 250), 4_163));
    // the first boot was more than 24 h ago
    assertThat(after.get(1).event()).isEqualTo(new Booted(BootKind.RESTORED, SettingsSource.BOTH, 164, 1));
  }

  @Test
  void aFailingMemoryRaisesTheLoggingAlarmAndTherapyContinues() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.hw.memory.failWrites = true;
    pump.runUntil(DAY);

    assertThat(pump.status().alarms()).containsExactly(AlarmKind.LOG_FAILURE);
    assertThat(pump.strokes()).isEqualTo(4_000);
    assertThat(pump.hw.buzzer.count(NON_CRITICAL_SINGLE_TONE)).isGreaterThanOrEqualTo(23);
  }
}
