// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.BACLOFEN;
import static org.openitb.firmware.TestPump.C500;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.PATIENT;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.PumpEvent.CommandRefused;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** Every hard limit refuses, names the field, logs the refusal and changes nothing else. */
class RefusalsTest {
  private static Command.ProgramTherapy program(Prescription rx) {
    return new Command.ProgramTherapy(rx, Etiology.SPINAL, Volume.ofMillilitres(2));
  }

  private static Prescription rx(DoseRate dose) {
    return Prescription.simple(BACLOFEN, C500, dose);
  }

  /** Baclofen as a forger would send it: same name, a far higher maximum concentration. */
  private static Drug forgedBaclofen() {
    Drug b = DrugLibrary.baclofen();
    return new Drug(b.name(), b.stockedConcentrations(), Concentration.ofMicrogramsPerMillilitre(50_000), b.doseLimits(), b.titration(),
        b.maxDaysInPump());
  }

  static Stream<Arguments> refusals() {
    PatientBolusAllowance generous = new PatientBolusAllowance(Mass.ofMicrograms(100), Duration.ofMinutes(30), Duration.ofHours(1), 24);
    String elevenSteps = "00:00=300,01:00=300,02:00=300,03:00=300,04:00=300,05:00=300,06:00=300,07:00=300,08:00=300,09:00=300,10:00=300";
    Drug morphine = new Drug("morphine", List.of(C500), C500, DrugLibrary.baclofen().doseLimits(), DrugLibrary.baclofen().titration(), 90);
    return Stream.of(
        Arguments.of(PATIENT, program(rx(DoseRate.ofMicrogramsPerDay(400))), Code.NOT_AUTHORISED, "role"),
        Arguments.of(new Origin(Role.READ_ONLY, "CLINIC-PC"), new Command.ClearAlarms(), Code.NOT_AUTHORISED, "role"),
        Arguments.of(CLINIC, program(rx(DoseRate.ofMicrogramsPerDay(2_001))), Code.HARD_DOSE_LIMIT, "daily dose"),
        Arguments.of(CLINIC, program(rx(DoseRate.ofMicrogramsPerDay(900)).withPatientBolus(generous)), Code.HARD_DOSE_LIMIT, "daily dose"),
        Arguments.of(CLINIC, new Command.ProgramTherapy(rx(DoseRate.ofMicrogramsPerDay(1_500)), Etiology.CEREBRAL, Volume.ofMillilitres(2)),
            Code.HARD_DOSE_LIMIT, "daily dose"),
        Arguments.of(CLINIC, program(rx(DoseRate.ofMicrogramsPerDay(20))), Code.OUT_OF_RANGE, "basal rate"),
        Arguments.of(CLINIC, program(rx(DoseRate.ofMicrogramsPerDay(400)).withScheduledBoluses(
            List.of(new ScheduledBolus(LocalTime.NOON, Mass.ofMicrograms(100), Duration.ofMinutes(1))))), Code.OUT_OF_RANGE, "rate"),
        Arguments.of(CLINIC, program(new Prescription(BACLOFEN, C500, FlexSchedule.parse(elevenSteps, "flex", "mcg/day"), List.of(),
            Optional.empty())), Code.OUT_OF_RANGE, "flex steps"),
        Arguments.of(CLINIC, program(new Prescription(BACLOFEN, C500, new Stopped(), List.of(), Optional.empty())), Code.OUT_OF_RANGE, "basal"),
        Arguments.of(CLINIC, program(Prescription.simple(BACLOFEN, Concentration.ofMicrogramsPerMillilitre(1000),
            DoseRate.ofMicrogramsPerDay(400))), Code.MISMATCH, "concentration"),
        Arguments.of(CLINIC, new Command.ProgramTherapy(rx(DoseRate.ofMicrogramsPerDay(400)), Etiology.SPINAL, Volume.ofMillilitres(6)),
            Code.OUT_OF_RANGE, "lowReservoirAlarm"),
        Arguments.of(CLINIC, new Command.Refill(Volume.ofMillilitres(21), BACLOFEN, C500, Optional.empty()), Code.OUT_OF_RANGE, "newVolume"),
        Arguments.of(CLINIC, new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, Concentration.ofMicrogramsPerMillilitre(3000),
            Optional.empty()), Code.OUT_OF_RANGE, "concentration"),
        Arguments.of(CLINIC, new Command.Refill(Volume.ofMillilitres(20), forgedBaclofen(), Concentration.ofMicrogramsPerMillilitre(5000),
            Optional.empty()), Code.OUT_OF_RANGE, "concentration"),
        Arguments.of(CLINIC, new Command.Refill(Volume.ofMillilitres(20), morphine, C500, Optional.empty()), Code.OUT_OF_RANGE, "drug"),
        Arguments.of(CLINIC, new Command.ClinicianBolus(Mass.ofMicrograms(1_700), Duration.ofHours(12)), Code.HARD_DOSE_LIMIT, "bolus"),
        Arguments.of(CLINIC, new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofSeconds(90)), Code.OUT_OF_RANGE, "bolus duration"),
        Arguments.of(CLINIC, new Command.ClinicianBolus(Mass.ofMicrograms(200), Duration.ofMinutes(1)), Code.OUT_OF_RANGE, "bolus rate"),
        Arguments.of(CLINIC, new Command.PrimingBolus(Volume.ofMicrolitres(600), Duration.ofMinutes(60)), Code.OUT_OF_RANGE, "volume"),
        Arguments.of(CLINIC, new Command.BridgeBolus(Volume.ofMicrolitres(250), rx(DoseRate.ofMicrogramsPerDay(400))), Code.NOT_NOW, "bridge"),
        Arguments.of(CLINIC, new Command.Stop(Duration.ofHours(49)), Code.OUT_OF_RANGE, "expiry"),
        Arguments.of(CLINIC, new Command.Resume(), Code.NOT_NOW, "mode"),
        Arguments.of(CLINIC, new Command.SetClock(java.time.LocalDateTime.of(1999, 12, 31, 23, 59)), Code.OUT_OF_RANGE, "localTime"),
        Arguments.of(PATIENT, new Command.PatientBolusRequest(), Code.NO_ALLOWANCE, "patient bolus"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusedCommandsChangeNothingButTheLog(Origin origin, Command command, Code code, String field) {
    TestPump pump = new TestPump().running(rx(DoseRate.ofMicrogramsPerDay(400)));
    pump.runUntil(TestPump.HOUR);
    FirmwareStatus before = pump.status();
    long event = pump.lastEvent();
    byte[] settings = pump.hw.memory.read(0, SettingsStore.TOTAL_BYTES);

    CommandResult.Refused refused = pump.refuse(command, origin, code);

    assertThat(refused.field()).as(refused.message()).isEqualTo(field);
    assertThat(refused.message()).contains(refused.value()).contains(refused.allowed());
    assertThat(pump.eventsAfter(event)).containsExactly(new CommandRefused(origin, command.name(), code));
    assertThat(withoutLog(pump.status())).isEqualTo(withoutLog(before));
    assertThat(pump.hw.memory.read(0, SettingsStore.TOTAL_BYTES)).isEqualTo(settings);
  }

  @org.junit.jupiter.api.Test
  void aBolusIsRefusedWhileAnotherOfItsKindRuns() {
    TestPump pump = new TestPump().running(rx(DoseRate.ofMicrogramsPerDay(400)));
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(60)));

    pump.refuse(new Command.PrimingBolus(Volume.ofMicrolitres(100), Duration.ofMinutes(30)), CLINIC, Code.BUSY);
  }

  @org.junit.jupiter.api.Test
  void theDrugCannotChangeWhileRunning() {
    TestPump pump = new TestPump().running(rx(DoseRate.ofMicrogramsPerDay(400)));
    Drug other = new Drug("clonidine", List.of(C500), C500, DrugLibrary.baclofen().doseLimits(), DrugLibrary.baclofen().titration(), 90);
    DrugLibrary library = new DrugLibrary(List.of(DrugLibrary.baclofen(), other));
    Firmware fw = new Firmware(pump.hw.hal(), pump.model, library, "SN-2");
    fw.onReset();

    CommandResult r = fw.handle(new Command.Refill(Volume.ofMillilitres(20), other, C500, Optional.empty()), CLINIC);

    assertThat(r).isInstanceOfSatisfying(CommandResult.Refused.class, x -> assertThat(x.code()).isEqualTo(Code.NOT_NOW));
    assertThat(fw.status().drug()).contains("baclofen");
  }

  /** The status with the log counter (which a refusal rightly advances) taken out. */
  private static FirmwareStatus withoutLog(FirmwareStatus s) {
    return new FirmwareStatus(s.serial(), s.pumpModel(), s.rtcMillis(), s.localTime(), s.mode(), s.alarms(), s.interrogationRequired(),
        s.stalled(), s.drug(), s.concentration(), s.reservoirBelief(), s.lowReservoirAlarm(), s.prescription(), s.etiology(),
        s.prescriptionChecksum(), s.bridgePending(), s.activeBoluses(), s.strokesDelivered(), s.volumeDelivered(), s.strokesWrittenOff(),
        s.failedStrokeAttempts(), s.batteryRemainingMicroampHours(), s.batteryCapacityMicroampHours(), s.replacementIndicatorAtRtc(),
        s.endOfServiceAtRtc(), s.serviceLifeEndsAtRtc(), s.stopExpiresAtRtc(), 0);
  }
}
