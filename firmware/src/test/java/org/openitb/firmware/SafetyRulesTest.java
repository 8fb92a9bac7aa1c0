// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.BACLOFEN;
import static org.openitb.firmware.TestPump.C500;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;
import static org.openitb.firmware.TestPump.PATIENT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.FakeHardware.Sound;
import org.openitb.firmware.PumpEvent.CommandRefused;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.hal.Tone;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * One test per safety rule of the pump that a mutant could otherwise remove unnoticed (issue 15
 * item 2): the 24-hour count of clinician and priming boluses and its cap, the cumulative hard
 * maximum, exactly the hard daily maximum, the safety monitor following a cancelled bolus, the
 * pump's own bridge-bolus refusals, the stall alarm on the third failed attempt, the watchdog kick.
 */
class SafetyRulesTest {
  private static final Concentration C1000 = Concentration.ofMicrogramsPerMillilitre(1000);

  private static Command.ClinicianBolus bolus(long mcg) {
    return new Command.ClinicianBolus(Mass.ofMicrograms(mcg), Duration.ofMinutes(10));
  }

  private static Command.ClinicianBolus slowBolus(long mcg) {
    return new Command.ClinicianBolus(Mass.ofMicrograms(mcg), Duration.ofHours(2));
  }

  private static Command.PrimingBolus priming() {
    return new Command.PrimingBolus(Volume.ofMicrolitres(20), Duration.ofMinutes(10)); // 10 mcg at 500 mcg/mL
  }

  // ---- the 24-hour count of one-off boluses

  @Test
  void clinicianAndPrimingBolusesBothCountTowardsEightIn24Hours() {
    TestPump pump = new TestPump().running(TestPump.simple(400));
    for (int i = 0; i < TherapyLimits.MAX_ONE_OFF_BOLUSES_PER_DAY; i++) {
      pump.accept(i % 2 == 0 ? bolus(10) : priming());
      pump.runFor(HOUR);
    }
    long n = pump.lastEvent();

    CommandResult.Refused clinician = pump.refuse(bolus(10), CLINIC, Code.DAILY_LIMIT);
    CommandResult.Refused primingToo = pump.refuse(priming(), CLINIC, Code.DAILY_LIMIT);

    assertThat(clinician.field()).isEqualTo("bolus");
    assertThat(clinician.value()).isEqualTo("8 in 24 h");
    assertThat(clinician.allowed()).isEqualTo("at most 8 clinician and priming boluses per 24 h");
    assertThat(primingToo.value()).isEqualTo("8 in 24 h");
    assertThat(pump.eventsAfter(n)).containsExactly(
        new CommandRefused(CLINIC, "ClinicianBolus", Code.DAILY_LIMIT), new CommandRefused(CLINIC, "PrimingBolus", Code.DAILY_LIMIT));
    // the first left the window exactly 24 h after it started (at the clock's 0): one more is allowed, then not
    pump.runUntil(DAY - 1);
    pump.refuse(bolus(10), CLINIC, Code.DAILY_LIMIT);
    pump.runUntil(DAY);
    pump.accept(bolus(10));
  }

  @Test
  void patientBolusesDoNotUseUpTheClinicianCount() {
    PatientBolusAllowance allowance = new PatientBolusAllowance(Mass.ofMicrograms(10), Duration.ofMinutes(10), Duration.ofMinutes(30), 12);
    TestPump pump = new TestPump().running(TestPump.simple(400).withPatientBolus(allowance));
    for (int i = 0; i < 10; i++) {
      assertThat(pump.send(new Command.PatientBolusRequest(), PATIENT)).isInstanceOf(CommandResult.Accepted.class);
      pump.runFor(HOUR);
    }
    for (int i = 0; i < TherapyLimits.MAX_ONE_OFF_BOLUSES_PER_DAY; i++) {
      pump.accept(bolus(10));
      pump.runFor(20 * MINUTE);
    }
    pump.refuse(bolus(10), CLINIC, Code.DAILY_LIMIT);
  }

  @Test
  void theHardMaximumCountsEveryOneOffBolusOfTheLast24Hours() {
    // 1 800 mcg/day basal, SPINAL hard maximum 2 000 mcg/day: 200 mcg of one-off boluses fit in 24 h, not a microgram more
    TestPump pump = new TestPump().running(TestPump.simple(1_800));
    pump.accept(slowBolus(120));
    pump.runFor(3 * HOUR);
    pump.accept(priming()); // 10 mcg
    pump.runFor(HOUR);

    CommandResult.Refused r = pump.refuse(slowBolus(71), CLINIC, Code.HARD_DOSE_LIMIT);
    assertThat(r.field()).isEqualTo("bolus");
    assertThat(r.value()).isEqualTo("2001 mcg/24 h worst case");
    pump.accept(slowBolus(70)); // exactly 2 000
    pump.runFor(3 * HOUR);
    pump.refuse(slowBolus(1), CLINIC, Code.HARD_DOSE_LIMIT);
    pump.refuse(new Command.PrimingBolus(Volume.ofMicrolitres(2), Duration.ofMinutes(10)), CLINIC, Code.HARD_DOSE_LIMIT);
    // the first bolus leaves the window 24 h after it started
    pump.runUntil(DAY - 1);
    pump.refuse(slowBolus(1), CLINIC, Code.HARD_DOSE_LIMIT);
    pump.runUntil(DAY);
    pump.accept(slowBolus(120));
  }

  @Test
  void exactlyTheHardDailyMaximumIsAccepted() {
    TestPump pump = new TestPump().boot();
    pump.accept(new Command.SetClock(TestPump.START));
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C500, Optional.empty()));
    Command.ProgramTherapy atMax = new Command.ProgramTherapy(TestPump.simple(2_000), Etiology.SPINAL, Volume.ofMillilitres(2));
    Command.ProgramTherapy above = new Command.ProgramTherapy(
        Prescription.simple(BACLOFEN, C500, new DoseRate(2_000_001L)), Etiology.SPINAL, Volume.ofMillilitres(2));

    pump.refuse(above, CLINIC, Code.HARD_DOSE_LIMIT);
    pump.accept(atMax);
    assertThat(pump.status().prescription()).contains(TestPump.simple(2_000));
    // cerebral: 1 400 mcg/day
    pump.accept(new Command.ProgramTherapy(TestPump.simple(1_400), Etiology.CEREBRAL, Volume.ofMillilitres(2)));
    pump.refuse(new Command.ProgramTherapy(Prescription.simple(BACLOFEN, C500, new DoseRate(1_400_001L)), Etiology.CEREBRAL,
        Volume.ofMillilitres(2)), CLINIC, Code.HARD_DOSE_LIMIT);
    // a patient allowance counts at its daily maximum: 1 200 + 4 x 50 = 1 400 fits, one more microgram of basal does not
    PatientBolusAllowance a = new PatientBolusAllowance(Mass.ofMicrograms(50), Duration.ofMinutes(10), Duration.ofHours(1), 4);
    pump.accept(new Command.ProgramTherapy(TestPump.simple(1_200).withPatientBolus(a), Etiology.CEREBRAL, Volume.ofMillilitres(2)));
    pump.refuse(new Command.ProgramTherapy(TestPump.simple(1_201).withPatientBolus(a), Etiology.CEREBRAL, Volume.ofMillilitres(2)),
        CLINIC, Code.HARD_DOSE_LIMIT);
  }

  // ---- the safety monitor follows a cancelled bolus

  @Test
  void theSafetyMonitorStopsCountingACancelledBolus() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(400), Duration.ofHours(4)));
    pump.runFor(HOUR);
    pump.accept(new Command.CancelBoluses());
    PumpRuntime r = pump.fw.runtime();
    List<Long> differences = new ArrayList<>();
    pump.afterWake = t -> differences.add(r.monitor.budget().owed() - r.engine.owed());
    pump.runFor(3 * HOUR);

    // the monitor integrates the same profile as the engine: after the cancel both owe the same at every wake
    // (a monitor still counting the cancelled bolus would let a faulty engine deliver it)
    assertThat(differences).hasSizeGreaterThan(100).containsOnly(0L);
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  // ---- the pump's own bridge-bolus refusals

  private static TestPump pendingBridge() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.runUntil(HOUR);
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C1000, Optional.empty()));
    assertThat(pump.status().bridgePending()).isTrue();
    return pump;
  }

  private static CommandResult.Refused refusedAndNothingChanged(TestPump pump, Command c, Code code, String field) {
    FirmwareStatus before = pump.status();
    long n = pump.lastEvent();
    byte[] settings = pump.hw.memory.read(0, SettingsStore.TOTAL_BYTES);
    CommandResult.Refused r = pump.refuse(c, CLINIC, code);
    assertThat(r.field()).as(r.message()).isEqualTo(field);
    assertThat(pump.eventsAfter(n)).containsExactly(new CommandRefused(CLINIC, c.name(), code));
    assertThat(pump.status().prescription()).isEqualTo(before.prescription());
    assertThat(pump.status().bridgePending()).isEqualTo(before.bridgePending());
    assertThat(pump.status().activeBoluses()).isEqualTo(before.activeBoluses());
    assertThat(pump.hw.memory.read(0, SettingsStore.TOTAL_BYTES)).isEqualTo(settings);
    return r;
  }

  @Test
  void theBridgeIsRefusedUnlessEverythingAboutItIsRight() {
    Prescription next = Prescription.simple(BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(600));
    TestPump pump = pendingBridge();
    Volume max = pump.model.pumpTubing().plus(TherapyLimits.CATHETER_ALLOWANCE);

    refusedAndNothingChanged(pump, new Command.BridgeBolus(max.plus(Volume.ofNanolitres(1)), next), Code.OUT_OF_RANGE, "volume");
    refusedAndNothingChanged(pump, new Command.BridgeBolus(Volume.ZERO, next), Code.OUT_OF_RANGE, "volume");
    refusedAndNothingChanged(pump, new Command.BridgeBolus(Volume.ofMicrolitres(250),
        Prescription.simple(BACLOFEN, C500, DoseRate.ofMicrogramsPerDay(600))), Code.MISMATCH, "concentration");
    refusedAndNothingChanged(pump, new Command.BridgeBolus(Volume.ofMicrolitres(250),
        Prescription.simple(BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(2_001))), Code.HARD_DOSE_LIMIT, "daily dose");
    Drug morphine = new Drug("morphine", List.of(C1000), C1000, DrugLibrary.baclofen().doseLimits(), DrugLibrary.baclofen().titration(), 90);
    refusedAndNothingChanged(pump, new Command.BridgeBolus(Volume.ofMicrolitres(250),
        Prescription.simple(morphine, C1000, DoseRate.ofMicrogramsPerDay(600))), Code.OUT_OF_RANGE, "drug");

    pump.accept(new Command.BridgeBolus(max, next)); // the whole dead space is allowed
    CommandResult.Refused busy = refusedAndNothingChanged(pump, new Command.BridgeBolus(Volume.ofMicrolitres(250), next), Code.BUSY, "bridge");
    assertThat(busy.value()).isEqualTo("in progress");
  }

  @Test
  void aStoppedPumpTakesNoBridge() {
    TestPump pump = pendingBridge();
    pump.accept(new Command.Stop(Duration.ofHours(1)));
    refusedAndNothingChanged(pump, new Command.BridgeBolus(Volume.ofMicrolitres(250),
        Prescription.simple(BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(600))), Code.NOT_NOW, "mode");
  }

  // ---- the stall alarm on the third failed attempt

  @Test
  void theStallAlarmSoundsAtTheThirdFailedAttemptNotLater() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // a stroke every 21.6 s
    pump.runUntil(HOUR);
    pump.hw.motor.worn = true;
    long stallStart = 167 * 21_600L;
    List<Long> attempts = new ArrayList<>();
    long[] commands = {pump.hw.motor.commands};
    pump.afterWake = t -> {
      if (pump.hw.motor.commands > commands[0]) {
        attempts.add(t);
        commands[0] = pump.hw.motor.commands;
      }
    };
    pump.runUntil(stallStart + 3 * MINUTE - 1);
    assertThat(attempts).containsExactly(stallStart, stallStart + MINUTE);
    assertThat(pump.status().alarms()).isEmpty();
    assertThat(pump.hw.buzzer.sounds).isEmpty();

    pump.runUntil(stallStart + 3 * MINUTE);
    assertThat(attempts).containsExactly(stallStart, stallStart + MINUTE, stallStart + 3 * MINUTE);
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.MOTOR_STALL);
    assertThat(pump.hw.buzzer.sounds).containsExactly(new Sound(stallStart + 3 * MINUTE, Tone.CRITICAL_TWO_TONE));
  }

  // ---- the watchdog

  @Test
  void theWatchdogIsKickedAtBootAndAtEveryWakeAndNeverStarves() {
    TestPump pump = new TestPump();
    pump.hw.rtc.now = 5_000;
    pump.boot();
    // once before restoring (a slow restore must not trip it) and once when servicing after it
    assertThat(pump.hw.watchdog.kicks).isEqualTo(2);
    assertThat(pump.hw.watchdog.lastKick).isEqualTo(5_000);

    pump.accept(new Command.SetClock(TestPump.START));
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C500, Optional.empty()));
    pump.accept(new Command.ProgramTherapy(TestPump.simple(500), Etiology.SPINAL, Volume.ofMillilitres(2)));
    long kicks = pump.hw.watchdog.kicks;
    long wakes = pump.wakes;
    pump.runFor(DAY);
    assertThat(pump.hw.watchdog.kicks - kicks).isEqualTo(pump.wakes - wakes);
    assertThat(pump.hw.watchdog.longestGap).isLessThanOrEqualTo(PumpRuntime.MAX_SLEEP.toMillis());

    // a reset kicks at once, before anything else
    pump.hw.rtc.now += 1_234;
    long before = pump.hw.watchdog.kicks;
    pump.replaceFirmwareAndReset();
    assertThat(pump.hw.watchdog.kicks - before).isEqualTo(2);
    assertThat(pump.hw.watchdog.lastKick).isEqualTo(pump.now());
  }

  @Test
  void aPumpStoppedForLongStillWakesToKickTheWatchdog() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    pump.accept(new Command.Stop(Duration.ofHours(48)));
    long kicks = pump.hw.watchdog.kicks;
    pump.runFor(DAY);
    assertThat(pump.hw.watchdog.kicks - kicks).isGreaterThanOrEqualTo(DAY / PumpRuntime.MAX_SLEEP.toMillis());
    assertThat(pump.hw.watchdog.longestGap).isLessThanOrEqualTo(PumpRuntime.MAX_SLEEP.toMillis());
  }
}
