// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.BACLOFEN;
import static org.openitb.firmware.TestPump.C500;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.storage.SettingsStore.Valid;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.firmware.storage.StoredCodes;
import org.openitb.firmware.storage.StoredState;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Every persisted state transition, then a reset right after it (DESIGN.md 7, issue 15 item 3).
 * What the reset finds is the newest settings copy: it must already hold the transition (mode,
 * latched alarms and the rest of the settings), and the rebooted pump must show the same mode and
 * alarms without doing the transition a second time. A transition whose {@code persist()} were
 * removed would leave the copy of the previous checkpoint, and these tests fail.
 */
class ResetAfterTransitionTest {
  private static final Concentration C1000 = Concentration.ofMicrogramsPerMillilitre(1000);

  /** A transition: how to get the pump just before it, what triggers it, and the event that marks it. */
  record Transition(String name, Consumer<TestPump> before, Consumer<TestPump> trigger, Class<? extends PumpEvent> marker) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static TestPump running(long mcgPerDay, long fillMl) {
    TestPump pump = new TestPump().boot();
    pump.accept(new Command.SetClock(TestPump.START));
    pump.accept(new Command.Refill(Volume.ofMillilitres(fillMl), BACLOFEN, C500, Optional.empty()));
    pump.accept(new Command.ProgramTherapy(TestPump.simple(mcgPerDay), Etiology.SPINAL, Volume.ofMillilitres(1)));
    return pump;
  }

  /** Wakes the pump one wake at a time until {@code marker} is logged (the reset comes right after that wake). */
  static void wakeUntil(TestPump pump, Class<? extends PumpEvent> marker, long limit) {
    long n = pump.lastEvent();
    while (pump.eventsAfter(n).stream().noneMatch(marker::isInstance)) {
      assertThat(pump.hw.rtc.armed).as("no %s before %d", marker.getSimpleName(), limit).isLessThanOrEqualTo(limit);
      pump.hw.rtc.now = Math.max(pump.hw.rtc.now, pump.hw.rtc.armed);
      pump.wakes++;
      pump.fw.onWake();
    }
  }

  private static Transition byTime(String name, Consumer<TestPump> before, Class<? extends PumpEvent> marker, long limit) {
    return new Transition(name, before, p -> wakeUntil(p, marker, limit), marker);
  }

  private static Transition byCommand(String name, Consumer<TestPump> before, Command command, Class<? extends PumpEvent> marker) {
    return new Transition(name, before, p -> p.accept(command), marker);
  }

  private static Consumer<TestPump> nothing() {
    return p -> {};
  }

  static Stream<Arguments> transitions() {
    Prescription next = Prescription.simple(BACLOFEN, C1000, DoseRate.ofMicrogramsPerDay(600));
    Consumer<TestPump> refilledAtNewConcentration = p -> {
      p.runFor(HOUR);
      p.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C1000, Optional.empty()));
    };
    return Stream.of(
        // transitions the pump makes on its own
        byTime("safe state after a runaway motor", p -> p.hw.motor.spontaneous(3), PumpEvent.SafeStateEntered.class, HOUR),
        byTime("safe state after a delivery fault", p -> {
          // an upset engine that owes a whole stroke the monitor's budget does not, and an interrupt at once
          // (an upset larger than two strokes would be written off like any overdue delivery)
          PumpRuntime r = p.fw.runtime();
          r.engine.corrupt(r.engine.strokeUnits());
          p.hw.rtc.armed = p.now();
        }, PumpEvent.SafeStateEntered.class, HOUR),
        byTime("reservoir empty", nothing(), PumpEvent.ReservoirEmpty.class, 3 * DAY),
        byTime("replacement indicator", p -> p.hw.battery.override = FakeHardware.FakeBattery.CAPACITY * 25 / 1000,
            PumpEvent.ReplacementIndicator.class, 2 * HOUR),
        byTime("end of service", p -> p.hw.battery.override = FakeHardware.FakeBattery.CAPACITY / 200, PumpEvent.EndOfService.class,
            2 * HOUR),
        // the deadlines of age, reached between two hourly checkpoints (a reset 7 minutes before moves the checkpoints off them)
        new Transition("replacement indicator by age", p -> jumpTo(p, p.fw.runtime().power.eriByAge() - 7 * MINUTE),
            p -> wakeUntil(p, PumpEvent.ReplacementIndicator.class, p.fw.runtime().power.eriByAge()), PumpEvent.ReplacementIndicator.class),
        new Transition("end of service at the end of the service life", p -> jumpTo(p, p.fw.runtime().power.serviceLifeEnd() - 7 * MINUTE),
            p -> wakeUntil(p, PumpEvent.EndOfService.class, p.fw.runtime().power.serviceLifeEnd()), PumpEvent.EndOfService.class),
        byTime("stall start", p -> p.hw.motor.worn = true, PumpEvent.StallStarted.class, HOUR),
        byTime("stall recovery", p -> {
          p.hw.motor.worn = true;
          p.runFor(HOUR);
          p.hw.motor.worn = false;
        }, PumpEvent.StallRecovered.class, 3 * HOUR),
        byTime("stop expiry", p -> p.accept(new Command.Stop(Duration.ofHours(2))), PumpEvent.StopExpired.class, 3 * HOUR),
        // 20 minutes from 0:30: it ends at 0:50, not at the hourly checkpoint (whose save would hide a missing one)
        byTime("a bolus ends", p -> p.accept(new Command.ClinicianBolus(Mass.ofMicrograms(20), Duration.ofMinutes(20))),
            PumpEvent.BolusEnded.class, HOUR - 1),
        byTime("a bridge ends", refilledAtNewConcentration.andThen(p -> p.accept(new Command.BridgeBolus(Volume.ofMicrolitres(20), next))),
            PumpEvent.BolusEnded.class, DAY),
        // transitions a command makes
        byCommand("clearing alarms", p -> {
          p.hw.motor.worn = true;
          p.runFor(HOUR);
          p.hw.motor.worn = false;
          p.runFor(HOUR);
        }, new Command.ClearAlarms(), PumpEvent.AlarmCleared.class),
        // commands that end an alarm's condition: the command saves, then the alarm clears and saves again
        byCommand("a refill ends the low-reservoir alarm", p -> {
          p.accept(new Command.Refill(Volume.ofMicrolitres(900), BACLOFEN, C500, Optional.empty()));
          p.runFor(10 * MINUTE);
          assertThat(p.status().alarms()).contains(AlarmKind.LOW_RESERVOIR);
        }, new Command.Refill(Volume.ofMillilitres(18), BACLOFEN, C500, Optional.empty()), PumpEvent.AlarmCleared.class),
        byCommand("a refill after the reservoir ran empty", p -> {
          p.accept(new Command.Refill(Volume.ofMicrolitres(50), BACLOFEN, C500, Optional.empty()));
          p.runFor(2 * HOUR);
          assertThat(p.status().mode()).isEqualTo(Mode.RESERVOIR_EMPTY);
        }, new Command.Refill(Volume.ofMillilitres(18), BACLOFEN, C500, Optional.empty()), PumpEvent.AlarmCleared.class),
        byCommand("resuming after the stop expired", p -> {
          p.accept(new Command.Stop(Duration.ofHours(1)));
          p.runFor(90 * MINUTE);
          assertThat(p.status().mode()).isEqualTo(Mode.STOP_EXPIRED);
        }, new Command.Resume(), PumpEvent.AlarmCleared.class),
        byCommand("programming", nothing(), new Command.ProgramTherapy(TestPump.simple(600), Etiology.CEREBRAL, Volume.ofMillilitres(3)),
            PumpEvent.TherapyProgrammed.class),
        byCommand("refill", nothing(), new Command.Refill(Volume.ofMillilitres(18), BACLOFEN, C1000, Optional.empty()),
            PumpEvent.Refilled.class),
        byCommand("bridge", refilledAtNewConcentration, new Command.BridgeBolus(Volume.ofMicrolitres(250), next),
            PumpEvent.BolusStarted.class),
        byCommand("stop", nothing(), new Command.Stop(Duration.ofHours(12)), PumpEvent.TherapyStopped.class),
        byCommand("resume", p -> p.accept(new Command.Stop(Duration.ofHours(12))), new Command.Resume(), PumpEvent.TherapyResumed.class),
        byCommand("clinician bolus", nothing(), new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofHours(2)),
            PumpEvent.BolusStarted.class),
        byCommand("priming bolus", nothing(), new Command.PrimingBolus(Volume.ofMicrolitres(100), Duration.ofHours(1)),
            PumpEvent.BolusStarted.class),
        byCommand("cancelling a bolus", p -> p.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofHours(2))),
            new Command.CancelBoluses(), PumpEvent.BolusEnded.class),
        byCommand("setting the clock", nothing(), new Command.SetClock(TestPump.START.plusHours(5), java.util.OptionalInt.of(120)),
            PumpEvent.ClockSet.class),
        byCommand("interrogation clears the flag", p -> {
          p.hw.magnet.present = true;
          p.fw.onMagnetChange(true);
          p.hw.magnet.present = false;
          p.fw.onMagnetChange(false);
        }, new Command.Interrogate(), PumpEvent.Interrogated.class),
        new Transition("a magnetic field sets the flag", nothing(), p -> {
          p.hw.magnet.present = true;
          p.fw.onMagnetChange(true);
        }, PumpEvent.MagnetField.class))
        .map(Arguments::of);
  }

  /** The pump was down until {@code rtc} (a reset then), so its hourly checkpoints now fall on the minutes of {@code rtc}. */
  private static void jumpTo(TestPump pump, long rtc) {
    pump.hw.rtc.now = rtc;
    pump.replaceFirmwareAndReset();
  }

  /** The settings in the newest verified copy: what a reset finds. */
  static StoredState stored(TestPump pump) {
    Valid newest = SettingsStore.newest(new SettingsStore(pump.hw.memory).readBoth()).orElseThrow();
    return StateCodec.decode(newest.payload(), DrugLibrary.standard());
  }

  /** What a reset must restore: the status without the counters and beliefs a reset reconstructs from the rotor and the clock. */
  record Settled(Mode mode, java.util.Set<AlarmKind> alarms, boolean stalled, boolean interrogationRequired, Optional<String> drug,
      Optional<Concentration> concentration, Volume lowReservoirAlarm, Optional<Prescription> prescription, Optional<Etiology> etiology,
      boolean bridgePending, List<BolusKind> activeBoluses, long failedStrokeAttempts, java.util.OptionalLong eri,
      java.util.OptionalLong eos, java.util.OptionalLong stopExpires, java.time.LocalDateTime localTime) {
    static Settled of(FirmwareStatus s) {
      return new Settled(s.mode(), s.alarms(), s.stalled(), s.interrogationRequired(), s.drug(), s.concentration(), s.lowReservoirAlarm(),
          s.prescription(), s.etiology(), s.bridgePending(), s.activeBoluses(), s.failedStrokeAttempts(), s.replacementIndicatorAtRtc(),
          s.endOfServiceAtRtc(), s.stopExpiresAtRtc(), s.localTime());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void aResetRightAfterTheTransitionFindsItStored(Transition t) {
    TestPump pump = running(500, t.name().equals("reservoir empty") ? 2 : 20);
    pump.runFor(HOUR / 2);
    t.before().accept(pump);
    long n = pump.lastEvent();
    t.trigger().accept(pump);
    assertThat(pump.eventsAfter(n)).as("the transition happened").anyMatch(t.marker()::isInstance);
    PumpRuntime ram = pump.fw.runtime();
    FirmwareStatus before = pump.status();

    StoredState s = stored(pump);
    assertThat(s.mode()).isEqualTo(before.mode());
    assertThat(s.latchedAlarms()).isEqualTo(StoredCodes.alarmMask(before.alarms()));
    assertThat(s.safeReason()).isEqualTo(ram.safeReason());
    assertThat(s.interrogationRequired()).isEqualTo(before.interrogationRequired());
    assertThat(s.running()).isEqualTo(ram.running());
    assertThat(s.afterBridge()).isEqualTo(ram.afterBridge());
    assertThat(s.etiology()).isEqualTo(ram.etiology());
    assertThat(s.reservoirConcentration()).isEqualTo(before.concentration().orElse(null));
    assertThat(s.bridgePending()).isEqualTo(before.bridgePending());
    assertThat(s.boluses().stream().map(OneOffBolus::kind).toList()).isEqualTo(ram.profile.boluses().stream().map(OneOffBolus::kind).toList());
    assertThat(s.stopExpiresAt()).isEqualTo(ram.stopExpiresAt());
    assertThat(s.eriAt()).isEqualTo(ram.power.eriAt());
    assertThat(s.eosAt()).isEqualTo(ram.power.eosAt());
    assertThat(s.failedAttempts()).isEqualTo(before.failedStrokeAttempts());
    assertThat(s.utcOffsetMinutes()).isEqualTo(ram.utcOffsetMinutes());
    assertThat(s.stall()).isEqualTo(ram.stall.episode());
    assertThat(s.lastLogNumber()).isEqualTo(pump.lastEvent());

    long last = pump.lastEvent();
    pump.replaceFirmwareAndReset();

    Settled after = Settled.of(pump.status());
    // a stall is stored too (issue 11 item 6): the reset neither starts a second episode nor retries at once
    assertThat(after).isEqualTo(Settled.of(before));
    List<PumpEvent> afterReset = pump.eventsAfter(last);
    assertThat(afterReset).as("nothing happens twice").hasSize(1);
    assertThat(afterReset.get(0)).isInstanceOfSatisfying(Booted.class, b -> {
      assertThat(b.boot()).isEqualTo(BootKind.RESTORED);
      assertThat(b.settings()).isEqualTo(PumpEvent.SettingsSource.BOTH);
    });
  }
}
