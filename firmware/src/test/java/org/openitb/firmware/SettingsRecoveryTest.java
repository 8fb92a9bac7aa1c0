// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.PumpEvent.SettingsCopyCorrupted;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.storage.SettingsStore.CopyState;
import org.openitb.firmware.storage.SettingsStore.Valid;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * What a reset finds in the two settings copies and how it rebuilds delivery from them (issue 15
 * item 3): a save torn between copy A and copy B, the newer copy winning wherever it lies, and the
 * reset-recovery arithmetic of {@link Boot} (strokes since the checkpoint, the monitor's budget,
 * a bridge in progress, a clock or counter behind the checkpoint).
 */
class SettingsRecoveryTest {
  private static final int A = 0;
  private static final int B = SettingsStore.COPY_BYTES;
  private static final Prescription SIX_HUNDRED = TestPump.simple(600);

  private static byte[] copy(TestPump pump, int at) {
    return pump.hw.memory.read(at, SettingsStore.COPY_BYTES);
  }

  private static void put(TestPump pump, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, pump.hw.memory.cells, at, bytes.length);
  }

  private static Command.ProgramTherapy program(Prescription rx) {
    return new Command.ProgramTherapy(rx, Etiology.SPINAL, Volume.ofMillilitres(2));
  }

  @Test
  void aResetBetweenWritingCopyAAndCopyBRestoresTheNewSettingsFromA() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runFor(HOUR);
    byte[] oldB = copy(pump, B);
    pump.accept(program(SIX_HUNDRED));
    put(pump, B, oldB); // power lost after A was written, before B
    long n = pump.lastEvent();

    pump.replaceFirmwareAndReset();

    assertThat(pump.status().prescription()).contains(SIX_HUNDRED);
    assertThat(pump.eventsAfter(n)).containsExactly(new Booted(BootKind.RESTORED, SettingsSource.ONLY_A, 0, 2));
    assertThat(pump.status().alarms()).isEmpty(); // a stale copy is no corruption
    // and the first save brings B up to date
    assertThat(copy(pump, B)).isEqualTo(copy(pump, A));
  }

  @Test
  void aResetWhileCopyAIsHalfWrittenRestoresThePreviousSettingsFromB() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runFor(HOUR);
    byte[] oldA = copy(pump, A);
    pump.accept(program(SIX_HUNDRED));
    byte[] newA = copy(pump, A);
    byte[] torn = Arrays.copyOf(newA, newA.length);
    System.arraycopy(oldA, 100, torn, 100, oldA.length - 100); // the first 100 bytes of the new image, the rest old
    put(pump, A, torn);
    put(pump, B, oldA); // B was not reached
    long n = pump.lastEvent();

    pump.replaceFirmwareAndReset();

    assertThat(pump.status().prescription()).contains(TestPump.simple(500));
    assertThat(pump.eventsAfter(n)).containsExactly(
        new Booted(BootKind.RESTORED, SettingsSource.ONLY_B, 0, 2),
        new SettingsCopyCorrupted('A'),
        new PumpEvent.AlarmRaised(AlarmKind.SETTINGS_COPY_CORRUPTED, AlarmKind.SETTINGS_COPY_CORRUPTED.tone()));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void theNewerCopyWinsInEitherPlace() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    byte[] old = copy(pump, A);
    pump.accept(program(SIX_HUNDRED));
    byte[] newer = copy(pump, A);

    put(pump, A, old);
    put(pump, B, newer);
    CopyState[] states = new SettingsStore(pump.hw.memory).readBoth();
    Valid a = (Valid) states[0];
    Valid b = (Valid) states[1];
    assertThat(b.sequence()).isEqualTo(a.sequence() + 1);
    assertThat(SettingsStore.newest(states)).containsSame(b);
    assertThat(SettingsStore.newest(new CopyState[] {b, a})).containsSame(b);
    assertThat(SettingsStore.newest(new CopyState[] {new SettingsStore.Corrupt(), a})).containsSame(a);
    assertThat(SettingsStore.newest(new CopyState[] {new SettingsStore.Blank(), new SettingsStore.Corrupt()})).isEmpty();

    long n = pump.lastEvent();
    pump.replaceFirmwareAndReset();
    assertThat(pump.status().prescription()).contains(SIX_HUNDRED);
    assertThat(pump.eventsAfter(n)).containsExactly(new Booted(BootKind.RESTORED, SettingsSource.ONLY_B, 0, 2));
  }

  @Test
  void numberingContinuesAfterTheNewestCopySoTheNextSaveWinsOverBoth() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    Valid before = (Valid) new SettingsStore(pump.hw.memory).readBoth()[0];
    pump.replaceFirmwareAndReset();
    pump.accept(program(SIX_HUNDRED));
    CopyState[] states = new SettingsStore(pump.hw.memory).readBoth();
    // the boot saved once, the program once: two past the copy the reset found
    assertThat(((Valid) states[0]).sequence()).isEqualTo(before.sequence() + 2);
    assertThat(((Valid) states[1]).sequence()).isEqualTo(before.sequence() + 2);
  }

  // ---- reset-recovery arithmetic

  /** Strokes and their times, and the monitor's budget against the engine's owed units at every wake. */
  private static List<Long> strokeTimes(TestPump pump, List<Long> budgetDifferences) {
    List<Long> times = new ArrayList<>();
    long[] seen = {pump.strokes()};
    pump.afterWake = t -> {
      for (long s = seen[0]; s < pump.strokes(); s++) {
        times.add(t);
      }
      seen[0] = pump.strokes();
      PumpRuntime r = pump.fw.runtime();
      budgetDifferences.add(r.monitor.budget().owed() - r.engine.owed());
    };
    return times;
  }

  @Test
  void aResetRebuildsTheEngineAndTheMonitorFromTheStrokesSinceTheCheckpoint() {
    TestPump twin = new TestPump().running(TestPump.simple(500));
    TestPump pump = new TestPump().running(TestPump.simple(500));
    List<Long> twinDiff = new ArrayList<>();
    List<Long> diff = new ArrayList<>();
    List<Long> twinTimes = strokeTimes(twin, twinDiff);
    List<Long> times = strokeTimes(pump, diff);
    twin.runUntil(3 * HOUR);
    pump.runUntil(2 * HOUR + 40 * MINUTE); // 40 min after the hourly checkpoint: 111 strokes since

    pump.replaceFirmwareAndReset();
    Booted booted = pump.all(Booted.class).get(1);
    assertThat(booted.strokesRecovered()).isEqualTo(111);
    PumpRuntime r = pump.fw.runtime();
    PumpRuntime t = twin.fw.runtime();
    assertThat(r.monitor.budget().owed()).isEqualTo(r.engine.owed());
    assertThat(r.monitor.expectedRotations()).isEqualTo(pump.strokes());
    assertThat(r.strokesDelivered()).isEqualTo(pump.strokes());
    // the strokes recovered go into the batch the boot's save logs: the log's batches add up to every stroke
    assertThat(pump.all(PumpEvent.StrokesDelivered.class).getLast()).isEqualTo(
        new PumpEvent.StrokesDelivered(111, pump.model.strokeVolume().times(111), pump.strokes()));
    assertThat(pump.all(PumpEvent.StrokesDelivered.class).stream().mapToLong(PumpEvent.StrokesDelivered::strokes).sum())
        .isEqualTo(pump.strokes());
    pump.runUntil(3 * HOUR);

    assertThat(times).isEqualTo(twinTimes);
    assertThat(diff).containsOnly(0L);
    assertThat(twinDiff).containsOnly(0L);
    assertThat(r.engine.owed()).isEqualTo(t.engine.owed());
    assertThat(pump.status().reservoirBelief()).isEqualTo(twin.status().reservoirBelief());
    assertThat(pump.status().strokesDelivered()).isEqualTo(twin.status().strokesDelivered());
  }

  @Test
  void aResetDuringABridgeEndsItAfterExactlyItsVolume() {
    Concentration c1000 = Concentration.ofMicrogramsPerMillilitre(1000);
    Prescription next = Prescription.simple(TestPump.BACLOFEN, c1000, DoseRate.ofMicrogramsPerDay(600));
    TestPump twin = new TestPump().running(TestPump.simple(500));
    TestPump pump = new TestPump().running(TestPump.simple(500));
    for (TestPump p : List.of(twin, pump)) {
      p.runUntil(HOUR);
      p.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, c1000, Optional.empty()));
      p.accept(new Command.BridgeBolus(Volume.ofMicrolitres(250), next)); // 1 000 strokes over 6 h
    }
    twin.runUntil(8 * HOUR);
    pump.runUntil(4 * HOUR + 30 * MINUTE); // 250 strokes since the 4:00 checkpoint
    long remaining = pump.fw.runtime().bridgeStrokesRemaining();
    pump.replaceFirmwareAndReset();
    assertThat(pump.fw.runtime().bridgeStrokesRemaining()).isEqualTo(remaining);
    pump.runUntil(8 * HOUR);

    assertThat(pump.strokes()).isEqualTo(twin.strokes());
    assertThat(pump.all(PumpEvent.BolusEnded.class)).isEqualTo(twin.all(PumpEvent.BolusEnded.class));
    assertThat(pump.status().prescription()).contains(next);
    assertThat(timeOfBridgeEnd(pump)).isEqualTo(timeOfBridgeEnd(twin));
  }

  private static long timeOfBridgeEnd(TestPump pump) {
    return pump.events.stream().filter(e -> e.event() instanceof PumpEvent.BolusEnded).findFirst().orElseThrow().rtcMillis();
  }

  @Test
  void aResetAtTheBridgesLastStrokeStillEndsItWithTheNextStroke() {
    Concentration c1000 = Concentration.ofMicrogramsPerMillilitre(1000);
    Prescription next = Prescription.simple(TestPump.BACLOFEN, c1000, DoseRate.ofMicrogramsPerDay(600));
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, c1000, Optional.empty()));
    pump.accept(new Command.BridgeBolus(Volume.ofMicrolitres(20), next)); // 80 strokes
    PumpRuntime r = pump.fw.runtime();
    r.persist(); // checkpoint with 80 to go
    long start = pump.strokes();
    // the rotor turns 80 times, then the pump resets before it could count them: more than the bridge had left
    pump.hw.motor.rotations += 85;
    pump.replaceFirmwareAndReset();

    assertThat(pump.fw.runtime().bridgeStrokesRemaining()).isEqualTo(1);
    assertThat(pump.strokes() - start).isEqualTo(85);
  }

  @Test
  void aRotationCounterBehindTheCheckpointRecoversNothingAndAnRtcBehindItRestartsNow() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(2 * HOUR + 10 * MINUTE);
    pump.fw.runtime().persist();
    long strokes = pump.strokes();
    pump.hw.motor.rotations -= 5; // a counter that lost counts (never negative strokes)
    pump.hw.rtc.now -= 30 * MINUTE; // an RTC that went back behind the checkpoint

    pump.replaceFirmwareAndReset();

    PumpRuntime r = pump.fw.runtime();
    assertThat(pump.all(Booted.class).get(1).strokesRecovered()).isZero();
    assertThat(r.strokesDelivered()).isEqualTo(strokes);
    assertThat(r.engine.integratedTo()).isEqualTo(pump.now());
    assertThat(r.monitor.expectedRotations()).isEqualTo(strokes - 5);
    assertThat(r.monitor.budget().owed()).isEqualTo(r.engine.owed());
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    assertThat(pump.status().strokesWrittenOff()).isZero();
  }

  @Test
  void aLongOutageWritesOffWhatFellDueAndCatchesNothingUp() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // a stroke every 21.6 s
    pump.runUntil(HOUR);
    long strokes = pump.strokes();
    long n = pump.lastEvent();
    pump.hw.rtc.now = HOUR + 10 * MINUTE; // down for 10 minutes: 27.78 strokes fell due on top of 0.67 owed
    pump.replaceFirmwareAndReset();

    // at most one stroke owed is kept (1.44), the rest (27) written off, logged after the boot
    List<PumpEvent> events = pump.eventsAfter(n);
    assertThat(events.get(0)).isInstanceOf(Booted.class);
    assertThat(events.get(1)).isEqualTo(new PumpEvent.DeliveryWrittenOff(pump.status().strokesWrittenOff()));
    assertThat(pump.status().strokesWrittenOff()).isEqualTo(27);
    assertThat(pump.strokes() - strokes).isLessThanOrEqualTo(2);
  }

  @Test
  void theDailyScrubFindsACorruptedCopyOnceADayRepairsItAndRaisesTheAlarm() {
    TestPump pump = new TestPump().running(SIX_HUNDRED);
    long day = TestPump.DAY;
    pump.runUntil(day - MINUTE);
    pump.hw.memory.flipBit(B + 40, 3); // copy B's payload, a minute before the first scrub
    pump.runUntil(day - 1);
    assertThat(pump.all(SettingsCopyCorrupted.class)).isEmpty();
    pump.runUntil(day);
    assertThat(pump.all(SettingsCopyCorrupted.class)).containsExactly(new SettingsCopyCorrupted('B'));
    assertThat(pump.status().alarms()).contains(AlarmKind.SETTINGS_COPY_CORRUPTED);
    assertThat(new SettingsStore(pump.hw.memory).readBoth()).allSatisfy(c -> assertThat(c).isInstanceOf(Valid.class));
    // the next scrub is a day later
    pump.runUntil(2 * day - MINUTE);
    pump.hw.memory.flipBit(A + 40, 3);
    pump.runUntil(2 * day - 1);
    assertThat(pump.all(SettingsCopyCorrupted.class)).hasSize(1);
    pump.runUntil(2 * day);
    assertThat(pump.all(SettingsCopyCorrupted.class)).containsExactly(new SettingsCopyCorrupted('B'), new SettingsCopyCorrupted('A'));
  }

  @Test
  void bothCopiesCorruptedNeverRunUnverifiedSettingsTheyStopWithACriticalAlarm() {
    TestPump pump = new TestPump().running(SIX_HUNDRED);
    pump.runFor(HOUR);
    pump.hw.memory.flipBit(A + 40, 1);
    pump.hw.memory.flipBit(B + 40, 1);
    long n = pump.lastEvent();
    long strokes = pump.strokes();
    pump.replaceFirmwareAndReset();
    assertThat(pump.eventsAfter(n)).containsExactly(new Booted(BootKind.SETTINGS_LOST, SettingsSource.NONE, 0, 1), // the boot history was in the lost settings
        new PumpEvent.SafeStateEntered(AlarmKind.SETTINGS_LOST),
        new PumpEvent.AlarmRaised(AlarmKind.SETTINGS_LOST, org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE));
    assertThat(pump.status().mode()).isEqualTo(Mode.SAFE_STATE);
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.SETTINGS_LOST);
    // the loss is saved at once: another reset finds it, and nothing is delivered meanwhile
    assertThat(new SettingsStore(pump.hw.memory).readBoth()).allSatisfy(c -> assertThat(c).isInstanceOf(Valid.class));
    pump.runFor(HOUR);
    long m = pump.lastEvent();
    pump.replaceFirmwareAndReset();
    assertThat(pump.status().mode()).isEqualTo(Mode.SAFE_STATE);
    assertThat(pump.eventsAfter(m).get(0)).isInstanceOf(Booted.class);
    assertThat(((Booted) pump.eventsAfter(m).get(0)).boot()).isEqualTo(BootKind.RESTORED);
    assertThat(pump.strokes()).isEqualTo(strokes);
  }

  // ---- what a boot decides from the copies, the rotor and its own history

  @Test
  void aVerifiedNewestCopyThatDoesNotDecodeIsSetAsideForTheOlderOne() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runFor(HOUR);
    byte[] oldB = copy(pump, B);
    Valid newest = (Valid) new SettingsStore(pump.hw.memory).readBoth()[0];
    SettingsStore store = new SettingsStore(pump.hw.memory);
    store.resumeAfter(newest.sequence());
    store.save(new org.openitb.firmware.storage.ByteWriter()); // checksummed and numbered like a save, but no settings inside
    put(pump, B, oldB); // A holds the newer, undecodable image, B the settings before it
    long n = pump.lastEvent();

    pump.replaceFirmwareAndReset();

    assertThat(pump.eventsAfter(n)).containsExactly(
        new Booted(BootKind.RESTORED, SettingsSource.ONLY_B, 0, 2),
        new SettingsCopyCorrupted('A'),
        new PumpEvent.AlarmRaised(AlarmKind.SETTINGS_COPY_CORRUPTED, AlarmKind.SETTINGS_COPY_CORRUPTED.tone()));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    assertThat(pump.status().prescription()).contains(TestPump.simple(500));
  }

  @Test
  void aVerifiedNewestCopyBThatDoesNotDecodeIsSetAsideForCopyA() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runFor(HOUR);
    byte[] oldA = copy(pump, A);
    Valid newest = (Valid) new SettingsStore(pump.hw.memory).readBoth()[1];
    SettingsStore store = new SettingsStore(pump.hw.memory);
    store.resumeAfter(newest.sequence());
    store.save(new org.openitb.firmware.storage.ByteWriter());
    put(pump, A, oldA); // B holds the newer, undecodable image, A the settings before it
    long n = pump.lastEvent();

    pump.replaceFirmwareAndReset();

    assertThat(pump.eventsAfter(n)).containsExactly(
        new Booted(BootKind.RESTORED, SettingsSource.ONLY_A, 0, 2),
        new SettingsCopyCorrupted('B'),
        new PumpEvent.AlarmRaised(AlarmKind.SETTINGS_COPY_CORRUPTED, AlarmKind.SETTINGS_COPY_CORRUPTED.tone()));
    assertThat(pump.status().prescription()).contains(TestPump.simple(500));
  }

  @Test
  void rotationsBeyondWhatTheProfileOwedAtAResetAreARunawayButOneStrokeInProgressIsNot() {
    // right after programming nothing is owed yet: the program's save holds a budget of exactly zero
    TestPump one = new TestPump().running(TestPump.simple(500));
    assertThat(ResetAfterTransitionTest.stored(one).monitorBudget()).isZero();
    one.hw.motor.rotations += 1; // a stroke turned before the reset could count it: one stroke in progress
    long n = one.lastEvent();
    one.replaceFirmwareAndReset();
    assertThat(one.eventsAfter(n)).containsExactly(new Booted(BootKind.RESTORED, SettingsSource.BOTH, 1, 2));
    assertThat(one.status().mode()).isEqualTo(Mode.RUNNING);

    TestPump five = new TestPump().running(TestPump.simple(500));
    five.hw.motor.rotations += 5;
    long m = five.lastEvent();
    five.replaceFirmwareAndReset();
    assertThat(five.eventsAfter(m)).containsExactly(
        new Booted(BootKind.RESTORED, SettingsSource.BOTH, 5, 2),
        new PumpEvent.RunawayDetected(5),
        new PumpEvent.SafeStateEntered(AlarmKind.MOTOR_RUNAWAY),
        new PumpEvent.AlarmRaised(AlarmKind.MOTOR_RUNAWAY, AlarmKind.MOTOR_RUNAWAY.tone()));
    assertThat(five.hw.motor.cut).isTrue();
  }

  private static Booted resetAt(TestPump pump, long rtc) {
    pump.runUntil(rtc);
    pump.replaceFirmwareAndReset();
    return pump.all(Booted.class).getLast();
  }

  @Test
  void theResetLoopAlarmSoundsAtTheSixthBootWithin24HoursCountingOnlyBootsLessThanADayOld() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // booted at 0
    for (long h = 1; h <= 4; h++) {
      assertThat(resetAt(pump, h * HOUR).resetsInLastDay()).isEqualTo((int) h + 1);
    }
    assertThat(pump.status().alarms()).doesNotContain(AlarmKind.RESET_LOOP); // five boots: no loop yet
    // exactly a day after the first boot: that one no longer counts
    assertThat(resetAt(pump, TestPump.DAY).resetsInLastDay()).isEqualTo(5);
    assertThat(pump.status().alarms()).doesNotContain(AlarmKind.RESET_LOOP);
    assertThat(resetAt(pump, TestPump.DAY + 1).resetsInLastDay()).isEqualTo(6);
    assertThat(pump.status().alarms()).contains(AlarmKind.RESET_LOOP);
  }

  @Test
  void theBootHistoryKeepsTheLast16Boots() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    for (int i = 1; i <= 16; i++) {
      resetAt(pump, i * MINUTE);
    }
    assertThat(pump.all(Booted.class).getLast().resetsInLastDay()).isEqualTo(16);
    assertThat(pump.all(Booted.class)).hasSize(17);
  }

  @Test
  void aResetRightAfterTheFirstPowerOnFindsThatBootStored() {
    TestPump pump = new TestPump().boot();
    assertThat(pump.all(Booted.class)).containsExactly(new Booted(BootKind.FIRST_POWER_ON, SettingsSource.NONE, 0, 1));
    pump.replaceFirmwareAndReset();
    assertThat(pump.all(Booted.class).getLast()).isEqualTo(new Booted(BootKind.RESTORED, SettingsSource.BOTH, 0, 2));
    assertThat(pump.events.getLast().number()).isEqualTo(2);
  }

  @Test
  void theHourlyCheckpointsCountFromTheBootNotFromTheFirstWake() {
    TestPump pump = new TestPump().boot();
    pump.runUntil(25 * MINUTE); // the pump wakes every 10 minutes with nothing to deliver
    pump.accept(new Command.SetClock(TestPump.START));
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    pump.accept(program(TestPump.simple(500)));
    pump.runUntil(2 * HOUR + 30 * MINUTE);
    assertThat(pump.events.stream().filter(e -> e.event() instanceof PumpEvent.StrokesDelivered).map(LogEntry::rtcMillis))
        .containsExactly(HOUR, 2 * HOUR);
  }

  @Test
  void aResetBetweenARefillsSaveAndTheSaveOfTheAlarmItEndedClearsTheAlarmAtBoot() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.accept(new Command.Refill(Volume.ofMicrolitres(1500), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    pump.runFor(10 * MINUTE);
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.LOW_RESERVOIR);
    pump.accept(new Command.Refill(Volume.ofMillilitres(18), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    // what the refill's own save held, before the alarm it ended was unlatched and saved: the alarm still latched
    PumpRuntime r = pump.fw.runtime();
    r.alarms.latch(AlarmKind.LOW_RESERVOIR, r.now());
    r.persist();
    long n = pump.lastEvent();

    pump.replaceFirmwareAndReset();

    assertThat(pump.eventsAfter(n)).containsExactly(new Booted(BootKind.RESTORED, SettingsSource.BOTH, 0, 2),
        new PumpEvent.AlarmCleared(AlarmKind.LOW_RESERVOIR));
    assertThat(pump.status().alarms()).isEmpty();
    assertThat(ResetAfterTransitionTest.stored(pump).latchedAlarms()).isZero();
  }
}
