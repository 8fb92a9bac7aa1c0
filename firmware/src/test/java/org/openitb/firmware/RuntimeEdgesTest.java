// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.BACLOFEN;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.BolusEnded;
import org.openitb.firmware.PumpEvent.RunawayDetected;
import org.openitb.firmware.PumpEvent.SafeStateEntered;
import org.openitb.firmware.PumpEvent.SettingsCopyCorrupted;
import org.openitb.firmware.PumpEvent.StrokesDelivered;
import org.openitb.firmware.PumpEvent.TherapyStopped;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * {@link PumpRuntime}'s transitions at their edges (issue 15, the firmware's surviving mutants):
 * what a stop does to a running bolus and in which order it is logged, delivery after a cancelled
 * bolus, a rotation counter that lost counts, a concentration change during a stall, the monitor
 * restarted with the engine after a safe state, and the settings scrub's daily rhythm.
 */
class RuntimeEdgesTest {
  private static final Concentration C250 = Concentration.ofMicrogramsPerMillilitre(250);

  private static TestPump running500() {
    return new TestPump().running(TestPump.simple(500)); // 1 mL/day: a 0.25 uL stroke every 21.6 s
  }

  @Test
  void aStopEndsARunningBolusAfterLoggingTheStrokesSoFarWhileANewProgramKeepsIt() {
    TestPump pump = running500();
    pump.runUntil(30 * MINUTE);
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofHours(2)));
    long atBolus = pump.strokes();
    pump.runUntil(40 * MINUTE);
    long n = pump.lastEvent();

    pump.accept(new Command.Stop(Duration.ofHours(2)));

    long batch = pump.strokes() - atBolus;
    assertThat(batch).isPositive();
    // the log itself, stroke batches included (TestPump.eventsAfter leaves them out)
    assertThat(pump.events.stream().filter(e -> e.number() > n).map(LogEntry::event)).containsExactly(
        new StrokesDelivered(batch, pump.model.strokeVolume().times(batch), pump.strokes()),
        new BolusEnded(BolusKind.CLINICIAN, false),
        new TherapyStopped(CLINIC, Duration.ofHours(2)));
    assertThat(pump.status().activeBoluses()).isEmpty();

    TestPump reprogrammed = running500();
    reprogrammed.runUntil(30 * MINUTE);
    reprogrammed.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofHours(2)));
    reprogrammed.accept(new Command.ProgramTherapy(TestPump.simple(600), Etiology.SPINAL, Volume.ofMillilitres(2)));
    assertThat(reprogrammed.status().activeBoluses()).containsExactly(BolusKind.CLINICIAN);
    assertThat(reprogrammed.all(BolusEnded.class)).isEmpty();
  }

  @Test
  void afterACancelledBolusTheBasalRateAloneIsDelivered() {
    TestPump pump = running500();
    pump.runUntil(30 * MINUTE);
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofHours(2))); // 400 strokes more over 2 h
    pump.runUntil(40 * MINUTE);
    pump.accept(new Command.CancelBoluses());
    long strokes = pump.strokes();

    pump.runUntil(100 * MINUTE);

    // an hour of 500 mcg/day is 166.67 strokes (the bolus would have added 200)
    assertThat(pump.strokes() - strokes).isBetween(166L, 167L);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    assertThat(pump.all(SafeStateEntered.class)).isEmpty();
    PumpRuntime r = pump.fw.runtime();
    assertThat(r.monitor.budget().owed()).isEqualTo(r.engine.owed());
  }

  @Test
  void aCounterThatLostCountsIsAcceptedSoALaterRunawayIsStillSeen() {
    TestPump pump = running500();
    pump.runUntil(30 * MINUTE);
    pump.hw.motor.rotations -= 5; // the counter lost five counts: no rotor turned backwards, nothing to do but accept it
    pump.runUntil(40 * MINUTE);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    assertThat(pump.fw.runtime().monitor.expectedRotations()).isEqualTo(pump.strokes());

    pump.hw.motor.spontaneous(3);
    pump.runUntil(41 * MINUTE);

    assertThat(pump.all(RunawayDetected.class)).containsExactly(new RunawayDetected(3));
    assertThat(pump.status().mode()).isEqualTo(Mode.SAFE_STATE);
  }

  @Test
  void aConcentrationChangeDuringAStallCarriesTheOwedDrugAsMassAndWritesOffWhatWouldBeOverdue() {
    TestPump pump = running500();
    pump.runUntil(30 * MINUTE);
    pump.hw.motor.worn = true; // strokes owed pile up to the no-catch-up limit
    pump.runUntil(40 * MINUTE);
    long t = pump.hw.rtc.armed;
    pump.runUntil(t); // the refill comes at a wake's instant: the engine is integrated up to it
    PumpRuntime r = pump.fw.runtime();
    long owed = r.engine.owed();
    long oldStroke = r.engine.strokeUnits();
    long writtenOff = pump.status().strokesWrittenOff();
    assertThat(owed).isGreaterThanOrEqualTo(oldStroke);

    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C250, Optional.empty()));

    long newStroke = r.engine.strokeUnits();
    assertThat(newStroke * 2).isEqualTo(oldStroke); // half the concentration: half the drug per stroke
    long expected = owed / newStroke - 1; // at least two new strokes owed: all but one written off
    assertThat(expected).isPositive();
    assertThat(pump.status().strokesWrittenOff() - writtenOff).isEqualTo(expected);
    assertThat(r.engine.owed()).isEqualTo(owed - expected * newStroke);
  }

  @Test
  void reprogrammingAfterADeliveryFaultRestartsTheMonitorWithTheEngine() {
    TestPump pump = running500();
    pump.runUntil(30 * MINUTE + 5_000);
    pump.hw.rtc.armed = pump.now();
    pump.runFor(0); // a wake 5 s after a stroke: both accumulators integrated up to it
    PumpRuntime r = pump.fw.runtime();
    long budget = r.monitor.budget().owed();
    assertThat(budget).as("the monitor's budget is part-way to a stroke").isPositive();
    r.engine.corrupt(r.engine.owed() + r.engine.strokeUnits()); // an upset engine owes a stroke the monitor does not
    pump.hw.rtc.armed = pump.now();
    pump.runFor(0);
    assertThat(pump.all(SafeStateEntered.class)).containsExactly(new SafeStateEntered(AlarmKind.DELIVERY_FAULT));

    pump.accept(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)));

    // both accumulators start afresh, so the monitor is never a part-stroke more lenient than the engine
    assertThat(r.engine.owed()).isZero();
    assertThat(r.monitor.budget().owed()).isZero();
    List<Long> differences = new ArrayList<>();
    pump.afterWake = at -> differences.add(r.monitor.budget().owed() - r.engine.owed());
    long strokes = pump.strokes();
    pump.runFor(HOUR);
    assertThat(differences).isNotEmpty().containsOnly(0L);
    assertThat(pump.strokes() - strokes).isBetween(166L, 167L);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void theSettingsScrubRunsOnceADayNotAtEveryHourlyCheckpoint() {
    TestPump pump = running500();
    pump.runUntil(5 * HOUR - MINUTE);
    pump.hw.memory.flipBit(SettingsStore.COPY_BYTES + 40, 3); // copy B, a minute before the 5:00 checkpoint
    pump.runUntil(5 * HOUR);
    // the checkpoint rewrote both copies (which repaired B) without reading them back: only the daily scrub reads them
    assertThat(pump.all(SettingsCopyCorrupted.class)).isEmpty();
    assertThat(new SettingsStore(pump.hw.memory).readBoth()).allSatisfy(c -> assertThat(c).isInstanceOf(SettingsStore.Valid.class));
    pump.runUntil(TestPump.DAY - MINUTE);
    pump.hw.memory.flipBit(SettingsStore.COPY_BYTES + 40, 3);
    pump.runUntil(TestPump.DAY);
    assertThat(pump.all(SettingsCopyCorrupted.class)).containsExactly(new SettingsCopyCorrupted('B'));
    // and after it, again a day until the next one
    pump.runUntil(TestPump.DAY + 5 * HOUR - MINUTE);
    pump.hw.memory.flipBit(SettingsStore.COPY_BYTES + 40, 3);
    pump.runUntil(TestPump.DAY + 5 * HOUR);
    assertThat(pump.all(SettingsCopyCorrupted.class)).hasSize(1);
  }

  @Test
  void programmingWithTheReservoirAlreadyBelowTheAlarmVolumeRaisesTheAlarmAtOnce() {
    TestPump pump = new TestPump().boot();
    pump.accept(new Command.SetClock(TestPump.START));
    pump.accept(new Command.Refill(Volume.ofMicrolitres(1500), BACLOFEN, TestPump.C500, Optional.empty()));
    long n = pump.lastEvent();
    pump.accept(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)));
    List<PumpEvent> events = pump.eventsAfter(n);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(PumpEvent.TherapyProgrammed.class);
    assertThat(events.get(1)).isEqualTo(new PumpEvent.AlarmRaised(AlarmKind.LOW_RESERVOIR, AlarmKind.LOW_RESERVOIR.tone()));
  }

  @Test
  void aPumpFoundPastItsServiceLifeWithoutTheIndicatorRaisesItThenEndsServiceAndAFaultThenOnlyAlarms() {
    TestPump pump = running500();
    pump.runUntil(HOUR);
    long end = pump.fw.runtime().power.serviceLifeEnd();
    pump.hw.rtc.now = end + MINUTE; // down from before the indicator's date until past the end of the service life
    long n = pump.lastEvent();
    pump.replaceFirmwareAndReset();

    List<PumpEvent> events = pump.eventsAfter(n);
    assertThat(events).filteredOn(e -> !(e instanceof PumpEvent.Booted || e instanceof PumpEvent.DeliveryWrittenOff)).containsExactly(
        new PumpEvent.ReplacementIndicator(PumpEvent.EriReason.SERVICE_LIFE, end),
        new PumpEvent.AlarmRaised(AlarmKind.REPLACEMENT_INDICATOR, AlarmKind.REPLACEMENT_INDICATOR.tone()),
        new PumpEvent.EndOfService(PumpEvent.EndReason.SERVICE_LIFE),
        new PumpEvent.AlarmRaised(AlarmKind.END_OF_SERVICE, AlarmKind.END_OF_SERVICE.tone()));
    assertThat(pump.status().mode()).isEqualTo(Mode.END_OF_SERVICE);

    long m = pump.lastEvent();
    assertThat(pump.hw.motor.cut).isFalse();
    pump.hw.motor.spontaneous(2);
    pump.runFor(PumpRuntime.MAX_SLEEP.toMillis()); // the next wake
    // the rotor turned on its own: logged and alarmed, but end of service stays the mode
    assertThat(pump.eventsAfter(m)).containsExactly(new RunawayDetected(2),
        new PumpEvent.AlarmRaised(AlarmKind.MOTOR_RUNAWAY, AlarmKind.MOTOR_RUNAWAY.tone()));
    assertThat(pump.status().mode()).isEqualTo(Mode.END_OF_SERVICE);
  }
}
