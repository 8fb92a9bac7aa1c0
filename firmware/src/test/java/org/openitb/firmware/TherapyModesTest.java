// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;
import static org.openitb.firmware.TestPump.PATIENT;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.PumpEvent.BasalKind;
import org.openitb.firmware.PumpEvent.BolusEnded;
import org.openitb.firmware.PumpEvent.BolusStarted;
import org.openitb.firmware.PumpEvent.CommandRefused;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.PumpEvent.TherapyProgrammed;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class TherapyModesTest {
  private static final Concentration C1000 = Concentration.ofMicrogramsPerMillilitre(1000);

  private static Prescription flex(String steps) {
    return new Prescription(TestPump.BACLOFEN, TestPump.C500, FlexSchedule.parse(steps, "flex", "mcg/day"), List.of(), Optional.empty());
  }

  /** Strokes whose ideal time is at or before {@code t}. */
  private static long strokesAt(TestPump pump, long t) {
    pump.runUntil(t);
    return pump.strokes();
  }

  @Test
  void flexStepsChangeTheRateAtPumpLocalTimesExactly() {
    // 200 mcg/day = 0.4 mL/day = 1 600 strokes/day before 06:00 and after 22:00; 400 in between
    TestPump pump = new TestPump().running(flex("06:00=400,22:00=200"));

    assertThat(strokesAt(pump, 6 * HOUR)).isEqualTo(400); // 0.1 mL, the last one due at exactly 06:00
    assertThat(strokesAt(pump, 22 * HOUR)).isEqualTo(400 + 2_133); // + 16 h at 0.8 mL/day = 2 133.33
    assertThat(strokesAt(pump, DAY)).isEqualTo(2_666); // + 133.33: the fractions carry, no drift
    assertThat(strokesAt(pump, 7 * DAY)).isEqualTo(18_666); // 7 days x 2 666.67
    assertThat(pump.status().strokesWrittenOff()).isZero();
  }

  @Test
  void settingTheClockMovesTheFlexStepsWithIt() {
    TestPump pump = new TestPump().running(flex("06:00=400,22:00=200"));
    pump.runUntil(3 * HOUR);
    long before = pump.strokes(); // 3 h at 200/day: 200 strokes
    // travel: pump-local time jumps from 03:00 to 09:00, into the 400 step
    pump.accept(new Command.SetClock(TestPump.START.plusHours(9)));
    pump.runUntil(4 * HOUR);

    assertThat(before).isEqualTo(200);
    assertThat(pump.strokes() - before).isEqualTo(133); // one hour at 0.8 mL/day = 133.33
    assertThat(pump.status().localTime()).isEqualTo(TestPump.START.plusHours(10));
  }

  @Test
  void aPrescriptionChangeMidStepTakesEffectAtThatMillisecond() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // a stroke every 21.6 s
    pump.runUntil(10 * HOUR + 12_345);
    long before = pump.strokes(); // 1 667 strokes (the last at 36 007 200), 5 145 ms into the next one's 21 600
    pump.accept(new Command.ProgramTherapy(TestPump.simple(250), Etiology.SPINAL, Volume.ofMillilitres(2)));
    List<Long> times = new ArrayList<>();
    pump.afterWake = t -> times.add(t);
    pump.runUntil(10 * HOUR + 12_345 + 10 * MINUTE);

    assertThat(before).isEqualTo(1_667);
    // the owed 5 145/21 600 of a stroke carries; at half the rate the rest takes 2 x 16 455 ms
    assertThat(times.get(0)).isEqualTo(10 * HOUR + 12_345 + 2 * 16_455);
    assertThat(pump.strokes() - before).isEqualTo(14); // (5 145 + 600 000 / 2) / 21 600 = 14.13
  }

  @Test
  void aScheduledBolusRunsDailyOnTopOfTheBasal() {
    Prescription rx = TestPump.simple(240).withScheduledBoluses(
        List.of(new ScheduledBolus(LocalTime.of(8, 0), Mass.ofMicrograms(60), Duration.ofMinutes(30))));
    TestPump pump = new TestPump().running(rx);

    assertThat(strokesAt(pump, 8 * HOUR)).isEqualTo(640); // 240 mcg/day = 0.48 mL/day = 1 920 strokes/day
    long bolusWindow = strokesAt(pump, 8 * HOUR + 30 * MINUTE) - 640;
    // 30 min of basal (40 strokes) + 60 mcg = 0.12 mL = 480 strokes
    assertThat(bolusWindow).isEqualTo(520);
    assertThat(strokesAt(pump, DAY)).isEqualTo(1_920 + 480);
    assertThat(strokesAt(pump, 2 * DAY)).isEqualTo(2 * (1_920 + 480));
    assertThat(pump.all(TherapyProgrammed.class).get(0).dailyDose()).isEqualTo(Mass.ofMicrograms(300));
  }

  @Test
  void aBolusOnlyProgramDeliversNothingButItsBoluses() {
    Prescription rx = new Prescription(TestPump.BACLOFEN, TestPump.C500, new Stopped(),
        List.of(new ScheduledBolus(LocalTime.of(12, 0), Mass.ofMicrograms(100), Duration.ofMinutes(60))), Optional.empty());
    TestPump pump = new TestPump().running(rx);

    assertThat(strokesAt(pump, 12 * HOUR)).isZero();
    assertThat(strokesAt(pump, 13 * HOUR)).isEqualTo(800); // 100 mcg = 0.2 mL
    assertThat(strokesAt(pump, DAY)).isEqualTo(800);
    assertThat(pump.all(TherapyProgrammed.class).get(0).basal()).isEqualTo(BasalKind.STOPPED);
  }

  @Test
  void aClinicianBolusCrossingAFlexStepIsExactAndLogged() {
    TestPump pump = new TestPump().running(flex("06:00=400,22:00=200"));
    pump.runUntil(5 * HOUR + 30 * MINUTE);
    long n = pump.lastEvent();
    long before = pump.strokes();
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(60)));
    pump.runUntil(6 * HOUR + 30 * MINUTE);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new BolusStarted(CLINIC, BolusKind.CLINICIAN, Mass.ofMicrograms(50), Volume.ofMicrolitres(100), Duration.ofMinutes(60)),
        new BolusEnded(BolusKind.CLINICIAN, true));
    // basal: 30 min at 0.4 mL/day (33.33) + 30 min at 0.8 (66.67) = 100; bolus 0.1 mL = 400
    assertThat(pump.strokes() - before).isEqualTo(500);
    assertThat(pump.events.stream().filter(e -> e.event() instanceof BolusEnded).findFirst().orElseThrow().rtcMillis())
        .isEqualTo(6 * HOUR + 30 * MINUTE);
  }

  @Test
  void aPrimingBolusPushesItsVolumeAndCountsItsDrug() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    long n = pump.lastEvent();
    pump.accept(new Command.PrimingBolus(Volume.ofMicrolitres(200), Duration.ofMinutes(20)));
    pump.runFor(20 * MINUTE);

    assertThat(pump.eventsAfter(n)).containsExactly(
        new BolusStarted(CLINIC, BolusKind.PRIMING, Mass.ofMicrograms(100), Volume.ofMicrolitres(200), Duration.ofMinutes(20)),
        new BolusEnded(BolusKind.PRIMING, true));
    assertThat(pump.strokes()).isEqualTo(800 + 33); // 0.2 mL + 20 min at 0.6 mL/day (33.33)
  }

  @Test
  void aBridgeDeliversTheOldConcentrationAtTheOldDoseThenTheNewProgram() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // 1 mL/day at 500 mcg/mL
    pump.runUntil(HOUR);
    long n = pump.lastEvent();
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, C1000, Optional.of(Volume.ofMicrolitres(19_830))));
    assertThat(pump.status().bridgePending()).isTrue();
    Prescription next = Prescription.simple(TestPump.BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(600));
    pump.accept(new Command.BridgeBolus(Volume.ofMicrolitres(250), next));
    long start = pump.strokes();
    List<Long> strokeTimes = new ArrayList<>();
    long[] seen = {pump.strokes()};
    pump.afterWake = t -> {
      if (pump.strokes() > seen[0]) {
        strokeTimes.add(t);
        seen[0] = pump.strokes();
      }
    };
    pump.runUntil(HOUR + 7 * HOUR);

    var events = pump.eventsAfter(n);
    assertThat(events.get(0)).isEqualTo(new Refilled(CLINIC, Volume.ofNanolitres(20_000_000 - 166 * 250), Optional.of(Volume.ofMicrolitres(19_830)),
        Volume.ofMillilitres(20), C1000, false));
    assertThat(events.get(1)).isEqualTo(new BolusStarted(CLINIC, BolusKind.BRIDGE, Mass.ofMicrograms(125), Volume.ofMicrolitres(250),
        Duration.ofHours(6)));
    assertThat(events.get(2)).isInstanceOf(TherapyProgrammed.class);
    assertThat(events.get(3)).isEqualTo(new BolusEnded(BolusKind.BRIDGE, true));
    // 1 000 strokes 21.6 s apart (0.25 mL at 1 mL/day: 6 h), then 600 mcg/day at 1000 mcg/mL = 0.6 mL/day: 36 s
    assertThat(strokeTimes.get(999) - strokeTimes.get(998)).isEqualTo(21_600);
    assertThat(strokeTimes.get(1001) - strokeTimes.get(1000)).isEqualTo(36_000);
    assertThat(pump.strokes() - start).isEqualTo(1_000 + 100); // + 1 h at 0.6 mL/day
    assertThat(pump.status().bridgePending()).isFalse();
    assertThat(pump.status().prescription()).contains(next);
  }

  @Test
  void afterAPauseEachStrokeComesAtItsExactTimeAcrossTheSteps() {
    // paused until 06:00, then 500 mcg/day at 500 mcg/mL (1 mL/day): a 250 nL stroke every 21.6 s from 06:00
    Prescription rx = new Prescription(TestPump.BACLOFEN, TestPump.C500, new FlexSchedule(List.of(
        new FlexStep(LocalTime.MIDNIGHT, DoseRate.ZERO), new FlexStep(LocalTime.of(6, 0), DoseRate.ofMicrogramsPerDay(500)),
        new FlexStep(LocalTime.of(6, 1), DoseRate.ofMicrogramsPerDay(1000)))), List.of(), Optional.empty());
    TestPump pump = new TestPump().running(rx);
    List<Long> strokeTimes = new ArrayList<>();
    long[] seen = {pump.strokes()};
    pump.afterWake = t -> {
      if (pump.strokes() > seen[0]) {
        strokeTimes.add(t);
        seen[0] = pump.strokes();
      }
    };
    pump.runUntil(6 * HOUR + 2 * MINUTE);
    // two strokes at 1 mL/day; the third is owed 16.8 s of 21.6 at 06:01, the rest at 2 mL/day (10.8 s a stroke) takes 2.4 s
    assertThat(strokeTimes.subList(0, 5)).containsExactly(6 * HOUR + 21_600, 6 * HOUR + 43_200, 6 * HOUR + MINUTE + 2_400,
        6 * HOUR + MINUTE + 13_200, 6 * HOUR + MINUTE + 24_000);
  }

  /** A pump 1 h into a bridge of 250 uL (6 h at the old 1 mL/day) after a refill at 1000 mcg/mL; {@code next} at 600 mcg/day. */
  private static TestPump oneHourIntoABridge(Prescription next) {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, C1000, Optional.of(Volume.ofMicrolitres(19_830))));
    pump.accept(new Command.BridgeBolus(Volume.ofMicrolitres(250), next));
    pump.runUntil(2 * HOUR);
    return pump;
  }

  @Test
  void aCancelledBridgeEndsAtOnceAndTheProgramAfterItRunsAtTheNewConcentration() {
    Prescription next = Prescription.simple(TestPump.BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(600));
    TestPump pump = oneHourIntoABridge(next);
    long n = pump.lastEvent();
    pump.accept(new Command.CancelBoluses());
    assertThat(pump.eventsAfter(n)).containsExactly(new BolusEnded(BolusKind.BRIDGE, false));
    assertThat(pump.status().bridgePending()).isFalse();
    assertThat(pump.status().prescription()).contains(next);
    long start = pump.strokes();
    pump.runUntil(2 * HOUR + DAY);
    assertThat(pump.strokes() - start).isEqualTo(2_400); // 600 mcg/day at 1000 mcg/mL = 0.6 mL/day, 250 nL strokes
  }

  @Test
  void programmingDuringABridgeEndsItAndTheNewProgramStaysAfterTheBridgesStrokes() {
    Prescription next = Prescription.simple(TestPump.BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(600));
    TestPump pump = oneHourIntoABridge(next);
    Prescription instead = Prescription.simple(TestPump.BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(400));
    long n = pump.lastEvent();
    pump.accept(new Command.ProgramTherapy(instead, Etiology.SPINAL, Volume.ofMillilitres(2)));
    List<PumpEvent> events = pump.eventsAfter(n);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new BolusEnded(BolusKind.BRIDGE, false));
    assertThat(events.get(1)).isInstanceOf(TherapyProgrammed.class);
    assertThat(pump.status().bridgePending()).isFalse();
    long start = pump.strokes();
    pump.runUntil(2 * HOUR + DAY);
    assertThat(pump.status().prescription()).contains(instead);
    assertThat(pump.strokes() - start).isEqualTo(1_600); // 400 mcg/day at 1000 mcg/mL = 0.4 mL/day
  }

  @Test
  void aRefillThatChangesTheConcentrationKeepsTheDailyDose() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, C1000, Optional.empty()));

    pump.runUntil(DAY);

    assertThat(pump.strokes()).isEqualTo(2_000); // 500 mcg/day at 1000 mcg/mL = 0.5 mL/day
    assertThat(pump.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(DoseRate.ofMicrogramsPerDay(500));
  }

  @Test
  void aRefillWhoseConcentrationTheProgramCannotRunAtStopsThePumpUntilReprogrammed() {
    TestPump pump = new TestPump().running(TestPump.simple(30)); // 60 uL/day at 500 mcg/mL
    long n = pump.lastEvent();
    CommandResult r = pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, C1000, Optional.empty()));

    // 30 uL/day at 1000 mcg/mL is below the pump's lowest rate of 48 uL/day
    assertThat(((CommandResult.Accepted) r).details()).contains("STOPPED").contains("basal rate");
    assertThat(pump.eventsAfter(n)).containsExactly(
        new Refilled(CLINIC, Volume.ofMillilitres(20), Optional.empty(), Volume.ofMillilitres(20), C1000, false),
        new PumpEvent.TherapyStopped(CLINIC, Duration.ofHours(1)));
    assertThat(pump.status().mode()).isEqualTo(Mode.STOPPED);
    assertThat(pump.status().stopExpiresAtRtc()).hasValue(pump.now() + TestPump.HOUR); // an hour from the refill, then its alarm
    pump.accept(new Command.ProgramTherapy(Prescription.simple(TestPump.BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(60)),
        Etiology.SPINAL, Volume.ofMillilitres(2)));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void patientBolusesAreGrantedOnlyWithinTheAllowance() {
    PatientBolusAllowance allowance = new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(2), 3);
    TestPump pump = new TestPump().running(TestPump.simple(400).withPatientBolus(allowance));
    long n = pump.lastEvent();

    assertThat(pump.send(new Command.PatientBolusRequest(), PATIENT)).isInstanceOf(CommandResult.Accepted.class);
    pump.runFor(HOUR);
    pump.refuse(new Command.PatientBolusRequest(), PATIENT, Code.LOCKOUT);
    pump.runFor(HOUR);
    pump.send(new Command.PatientBolusRequest(), PATIENT);
    pump.runFor(3 * HOUR);
    pump.send(new Command.PatientBolusRequest(), PATIENT);
    pump.runFor(3 * HOUR);
    pump.refuse(new Command.PatientBolusRequest(), PATIENT, Code.DAILY_LIMIT);
    pump.runUntil(DAY + MINUTE); // the first one has left the 24 h window
    pump.send(new Command.PatientBolusRequest(), PATIENT);

    BolusStarted started = new BolusStarted(PATIENT, BolusKind.PATIENT, Mass.ofMicrograms(25), Volume.ofMicrolitres(50), Duration.ofMinutes(10));
    BolusEnded ended = new BolusEnded(BolusKind.PATIENT, true);
    assertThat(pump.eventsAfter(n)).containsExactly(
        started, ended,
        new CommandRefused(PATIENT, "PatientBolusRequest", Code.LOCKOUT),
        started, ended, started, ended,
        new CommandRefused(PATIENT, "PatientBolusRequest", Code.DAILY_LIMIT),
        started);
  }

  @Test
  void aPatientBolusNeedsAnAllowance() {
    TestPump pump = new TestPump().running(TestPump.simple(400));

    CommandResult.Refused r = pump.refuse(new Command.PatientBolusRequest(), PATIENT, Code.NO_ALLOWANCE);

    assertThat(r.message()).contains("no patient bolus is programmed");
  }

  @Test
  void cancellingABolusEndsItAtOnce() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(100), Duration.ofHours(2)));
    pump.runFor(HOUR);
    long n = pump.lastEvent();
    long before = pump.strokes();
    pump.accept(new Command.CancelBoluses());
    pump.runFor(HOUR);

    assertThat(pump.eventsAfter(n)).containsExactly(new BolusEnded(BolusKind.CLINICIAN, false));
    assertThat(pump.strokes() - before).isEqualTo(100); // basal only: 0.6 mL/day for 1 h
    assertThat(pump.status().activeBoluses()).isEmpty();
  }
}
