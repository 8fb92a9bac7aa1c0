// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openitb.firmware.TestPump.BACLOFEN;
import static org.openitb.firmware.TestPump.C500;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.FakeHardware.Sound;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.hal.Tone;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.telemetry.TelemetryProvisioning;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.BatteryState;
import org.openitb.link.message.BolusRefusal;
import org.openitb.link.message.CommandAck;
import org.openitb.link.message.CommitAck;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.EventsPage;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.TherapyReport;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.session.PatientSession;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.session.ProgrammerSession;
import org.openitb.link.session.PumpRefusedException;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.InMemoryTransport;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The firmware's telemetry handler over the in-memory transport, one test per request of
 * firmware/TELEMETRY.md: real link sessions (handshake, encryption, roles) against the firmware on
 * fake hardware, each reply checked against exact values and the firmware's own state and log.
 */
class TelemetryHandlerTest {
  private static final long T = EventCodec.millis(TestPump.START); // pump time on the wire at RTC 0 (offset 0)
  private static final Concentration C1000 = Concentration.ofMicrogramsPerMillilitre(1000);
  private static final PatientBolusAllowance ALLOWANCE =
      new PatientBolusAllowance(Mass.ofMicrograms(25), Duration.ofMinutes(10), Duration.ofHours(2), 4);
  private static final Prescription RX = TestPump.simple(300).withPatientBolus(ALLOWANCE);
  private static final Therapy THERAPY = new Therapy(RX, Volume.ofMillilitres(2));
  private static final Origin CP = Origin.clinician("CP-1");

  private final PumpCredential identity = PumpCredential.generate(TestPump.SERIAL, TestPump.seeded(1));
  private final DeviceCredential clinician = DeviceCredential.generate("CP-1", Role.CLINICIAN, TestPump.seeded(2));
  private final DeviceCredential reader = DeviceCredential.generate("RO-1", Role.READ_ONLY, TestPump.seeded(3));
  private final DeviceCredential patient = DeviceCredential.generate("PTM-7", Role.PATIENT, TestPump.seeded(4));
  /** A second clinician: the co-signer of changes the pump model marks (PROTOCOL.md 8.10). */
  private final DeviceCredential second = DeviceCredential.generate("CP-2", Role.CLINICIAN, TestPump.seeded(5));
  private final TestPump pump = new TestPump(
      new TelemetryProvisioning(identity, TrustList.of(clinician.trusted(), reader.trusted(), patient.trusted(), second.trusted())));
  private int devices;

  private Transport link() {
    return InMemoryTransport.serving(frame -> {
      pump.hw.radio.lastSent = null;
      pump.fw.onRadioFrame(frame);
      return Optional.ofNullable(pump.hw.radio.lastSent);
    }, FrameFaults.none());
  }

  private ProgrammerEndpoint device(DeviceCredential d) {
    return new ProgrammerEndpoint(d, TrustedPumps.of(identity), DrugLibrary.standard(), TestPump.seeded(100 + devices++));
  }

  private ProgrammerSession session(DeviceCredential d) {
    return device(d).openProgrammerSession(link());
  }

  private PatientSession patientSession() {
    return device(patient).openPatientSession(link());
  }

  private TestPump running() {
    return pump.running(RX);
  }

  /** The log number of the first entry after {@code n} that {@code which} accepts. */
  private long numberOf(long n, Predicate<PumpEvent> which) {
    return pump.events.stream().filter(e -> e.number() > n && which.test(e.event())).findFirst().orElseThrow().number();
  }

  private static ErrorReply refused(Runnable request) {
    PumpRefusedException e = catchThrowableOfType(PumpRefusedException.class, request::run);
    assertThat(e).as("refused").isNotNull();
    return e.error();
  }

  // ---- STATUS_REQUEST

  @Test
  void statusReportsTheFirmwaresStateExactly() {
    running().runUntil(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      long before = pump.lastEvent();
      StatusReport r = s.status();

      FirmwareStatus f = pump.status();
      assertThat(r.pumpTimeMillis()).isEqualTo(T + HOUR);
      assertThat(r.utcOffsetMinutes()).isZero();
      assertThat(r.reservoir()).isEqualTo(f.reservoirBelief());
      assertThat(r.reservoir()).isEqualTo(Volume.ofNanolitres(20_000_000 - 100 * 250));
      assertThat(r.delivery()).isEqualTo(DeliveryState.DELIVERING);
      assertThat(r.stopExpiresAtMillis()).isZero();
      assertThat(r.currentRate()).isEqualTo(DoseRate.ofMicrogramsPerDay(300));
      assertThat(r.battery()).isEqualTo(BatteryState.OK);
      assertThat(r.batteryPercent()).isEqualTo(99);
      assertThat(r.interrogationRequired()).isFalse();
      assertThat(r.bolusActive()).isFalse();
      assertThat(r.activeAlarms()).isEmpty();
      assertThat(r.lastEventSequence()).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(pump.lastEvent());
      assertThat(r.therapyChecksum()).isEqualTo(MessageCodec.checksum(THERAPY));
      assertThat(pump.eventsAfter(before)).noneMatch(e -> e instanceof PumpEvent.Interrogated);
    }
  }

  @Test
  void aStatusReadClearsTheInterrogationRequiredFlagAfterReportingIt() {
    running().runUntil(HOUR);
    pump.hw.magnet.present = true;
    pump.fw.onMagnetChange(true);
    pump.runFor(5 * MINUTE);
    try (ProgrammerSession s = session(reader)) {
      StatusReport r = s.status();
      assertThat(r.interrogationRequired()).isTrue();
      assertThat(r.delivery()).isEqualTo(DeliveryState.STALLED);
      assertThat(r.activeAlarms()).containsExactly(7); // MOTOR_STALL after the third failed attempt
      assertThat(pump.all(PumpEvent.Interrogated.class)).containsExactly(new PumpEvent.Interrogated(new Origin(
          org.openitb.firmware.Role.READ_ONLY, "RO-1")));
      assertThat(pump.status().interrogationRequired()).isFalse();
      assertThat(s.status().interrogationRequired()).isFalse();
      assertThat(pump.all(PumpEvent.Interrogated.class)).hasSize(1);
    }
  }

  @Test
  void statusMapsStopsEndOfServiceAndTheReplacementIndicator() {
    running().runUntil(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      s.arm().stop(Duration.ofHours(2));
      StatusReport stopped = s.status();
      assertThat(stopped.delivery()).isEqualTo(DeliveryState.STOPPED);
      assertThat(stopped.stopExpiresAtMillis()).isEqualTo(T + 3 * HOUR);
      assertThat(stopped.currentRate()).isEqualTo(DoseRate.ZERO);
      s.arm().resume();
    }
    pump.hw.battery.override = FakeHardware.FakeBattery.CAPACITY * 25 / 1000; // 2.5 %: the indicator
    pump.runFor(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      StatusReport eri = s.status();
      assertThat(eri.battery()).isEqualTo(BatteryState.ELECTIVE_REPLACEMENT);
      assertThat(eri.batteryPercent()).isEqualTo(2);
      assertThat(eri.activeAlarms()).containsExactly(2);
      assertThat(eri.delivery()).isEqualTo(DeliveryState.DELIVERING);
    }
    pump.hw.battery.override = FakeHardware.FakeBattery.CAPACITY / 200;
    pump.runFor(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      StatusReport eos = s.status();
      assertThat(eos.battery()).isEqualTo(BatteryState.END_OF_SERVICE);
      assertThat(eos.delivery()).isEqualTo(DeliveryState.END_OF_SERVICE);
      assertThat(eos.activeAlarms()).containsExactlyInAnyOrder(2, 6); // the status set has no order
      // a delivery change at end of service is NOT_AVAILABLE, not merely BUSY
      ErrorReply e = refused(() -> s.arm().clinicianBolus(Mass.ofMicrograms(10), Duration.ofMinutes(10)));
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_AVAILABLE);
      assertThat(e.field()).isEqualTo("mode");
    }
  }

  // ---- THERAPY_READ

  @Test
  void therapyReadIsTheProgrammedPrescriptionAndDuringABridgeTheOneAfterIt() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      TherapyReport r = s.therapy();
      assertThat(r.therapy()).contains(THERAPY);
      assertThat(r.checksum()).isEqualTo(MessageCodec.checksum(THERAPY));

      s.arm().refill(Volume.ofMillilitres(20), BACLOFEN, C1000, Volume.ofMillilitres(20), second); // a concentration change: co-signed
      s.arm().bridgeBolus(Volume.ofMicrolitres(250), Duration.ofHours(1));
      Therapy after = new Therapy(new Prescription(BACLOFEN, C1000, RX.basal(), RX.scheduledBoluses(), RX.patientBolus()),
          Volume.ofMillilitres(2));
      assertThat(s.therapy().therapy()).contains(after);
    }
  }

  @Test
  void aPumpWithoutTherapyReportsNone() {
    pump.boot();
    try (ProgrammerSession s = session(clinician)) {
      TherapyReport r = s.therapy();
      assertThat(r.therapy()).isEmpty();
      assertThat(r.checksum()).isEqualTo(org.openitb.link.message.TherapyChecksum.NONE);
    }
  }

  // ---- EVENTS_SINCE

  @Test
  void eventsCarryTheirCodesValuesSourcesAndPumpTimes() {
    running().runUntil(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      List<LogEvent> all = s.allEventsSince(0);
      assertThat(all.subList(0, 4)).containsExactly(
          new LogEvent(1, T, 1, 1, ""), // Booted: resets in the last 24 h
          new LogEvent(2, T, 16, T, "CP-1"), // ClockSet: the new pump-local time
          new LogEvent(3, T, 7, 20_000_000, "CP-1"), // Refilled: the new volume in nL
          new LogEvent(4, T, 6, 300_000, "CP-1")); // TherapyProgrammed: the daily dose in ng
      assertThat(all.get(4)).isEqualTo(new LogEvent(5, T + HOUR, 2, 99 * 250, "")); // the hourly batch: 99 strokes, the 100th turns after it
      // the handshake's frames are logged as TelemetryFrame: verdict code x 256 + message type
      LogEvent frame = all.stream().filter(e -> e.code() == 26).findFirst().orElseThrow();
      assertThat(frame.value()).isEqualTo((long) MessageType.SESSION_HELLO.code());
      assertThat(frame.source()).isEqualTo("CP-1");

      long n = pump.lastEvent();
      s.alarmTest();
      s.alarmTest();
      EventsPage page = s.eventsSince(n, 1);
      assertThat(page.events()).hasSize(1);
      assertThat(page.more()).isTrue();
      assertThat(page.oldestAvailable()).isEqualTo(1);
      LogEvent first = page.events().get(0);
      assertThat(first.sequence()).isEqualTo(n + 1);
      assertThat(s.eventsSince(pump.lastEvent() + 5, 10).events()).isEmpty();
      assertThat(s.allEventsSince(n)).filteredOn(e -> e.code() == 5).containsExactly(
          new LogEvent(numberOf(n, e -> e instanceof PumpEvent.AlarmTested), T + HOUR, 5, 0, "CP-1"),
          new LogEvent(numberOf(numberOf(n, e -> e instanceof PumpEvent.AlarmTested), e -> e instanceof PumpEvent.AlarmTested),
              T + HOUR, 5, 0, "CP-1"));
    }
  }

  @Test
  void eventTimesFollowTheUtcOffset() {
    running().runUntil(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      s.arm().setClock(T + HOUR, -300); // pump-local = UTC - 5 h
      long n = pump.lastEvent();
      s.alarmTest();
      LogEvent tested = s.allEventsSince(n).stream().filter(e -> e.code() == 5).findFirst().orElseThrow();
      assertThat(tested.timeMillis()).isEqualTo(T + HOUR);
      assertThat(pump.status().localTime()).isEqualTo(TestPump.START.plusHours(1).minusHours(5));
    }
  }

  // ---- PROPOSE_THERAPY and COMMIT_THERAPY

  @Test
  void aProposalChangesNothingAndItsCommitAppliesExactlyIt() {
    running();
    // +30 %: the largest step the pump model commits without a second clinician (PROTOCOL.md 8.10)
    Therapy proposed = new Therapy(TestPump.simple(390), Volume.ofMillilitres(3));
    try (ProgrammerSession s = session(clinician)) {
      long n = pump.lastEvent();
      TherapyPreview preview = s.propose(proposed);
      assertThat(preview.current()).contains(THERAPY);
      assertThat(preview.proposed()).isEqualTo(proposed);
      assertThat(preview.checksum()).isEqualTo(MessageCodec.checksum(proposed));
      assertThat(pump.status().prescription()).contains(RX);
      assertThat(pump.eventsAfter(n)).noneMatch(e -> e instanceof PumpEvent.TherapyProgrammed);

      CommitAck ack = s.arm().commit(preview);
      assertThat(ack.eventSequence()).isEqualTo(numberOf(n, e -> e instanceof PumpEvent.TherapyProgrammed));
      assertThat(ack.checksum()).isEqualTo(MessageCodec.checksum(proposed));
      assertThat(ack.pumpTimeMillis()).isEqualTo(T);
      assertThat(pump.status().prescription()).contains(TestPump.simple(390));
      assertThat(pump.status().lowReservoirAlarm()).isEqualTo(Volume.ofMillilitres(3));
      assertThat(pump.status().etiology()).contains(org.openitb.therapy.drug.Etiology.SPINAL);

      assertThat(refused(() -> s.arm().commit(preview)).code()).isEqualTo(ErrorCode.NO_PROPOSAL);
    }
  }

  @Test
  void aCommitOfAnotherPreviewIsRefusedAndDiscardsTheProposal() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      TherapyPreview a = s.propose(new Therapy(TestPump.simple(400), Volume.ofMillilitres(2)));
      TherapyPreview b = s.propose(new Therapy(TestPump.simple(450), Volume.ofMillilitres(2)));
      ErrorReply mismatch = refused(() -> s.arm().commit(a));
      assertThat(mismatch.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
      assertThat(mismatch.field()).isEqualTo("checksum");
      assertThat(refused(() -> s.arm().commit(b)).code()).isEqualTo(ErrorCode.NO_PROPOSAL);
      assertThat(pump.status().prescription()).contains(RX);
    }
  }

  @Test
  void aProposalIsDroppedByANewSessionAndByAnyAcceptedDeliveryChange() {
    running();
    TherapyPreview p;
    try (ProgrammerSession s = session(clinician)) {
      p = s.propose(new Therapy(TestPump.simple(400), Volume.ofMillilitres(2)));
    }
    try (ProgrammerSession s = session(clinician)) {
      assertThat(refused(() -> s.arm().commit(p)).code()).isEqualTo(ErrorCode.NO_PROPOSAL);

      TherapyPreview q = s.propose(new Therapy(TestPump.simple(400), Volume.ofMillilitres(2)));
      s.arm().clinicianBolus(Mass.ofMicrograms(10), Duration.ofMinutes(10));
      assertThat(refused(() -> s.arm().commit(q)).code()).isEqualTo(ErrorCode.NO_PROPOSAL);
      assertThat(pump.status().prescription()).contains(RX);
    }
  }

  @Test
  void aRefusedProposalNamesTheFieldAndTheRange() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      ErrorReply e = refused(() -> s.propose(new Therapy(TestPump.simple(2_001), Volume.ofMillilitres(2))));
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(e.field()).isEqualTo("daily dose");
      assertThat(e.detail()).contains("got 2001 mcg/24 h worst case").contains("allowed <= 2000 mcg/day");
    }
  }

  @Test
  void aPumpNeverProgrammedProposesUnderTheSafestEtiology() {
    pump.boot();
    pump.accept(new Command.SetClock(TestPump.START));
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C500, Optional.empty()));
    try (ProgrammerSession s = session(clinician)) {
      // cerebral and paediatric: 1 400 mcg/day hard maximum, spinal 2 000
      ErrorReply e = refused(() -> s.propose(new Therapy(TestPump.simple(1_500), Volume.ofMillilitres(2))));
      assertThat(e.field()).isEqualTo("daily dose");
      assertThat(e.detail()).contains("1400 mcg/day");
      s.arm().commit(s.propose(new Therapy(TestPump.simple(1_400), Volume.ofMillilitres(2))));
      assertThat(pump.status().etiology()).contains(org.openitb.therapy.drug.Etiology.CEREBRAL);
    }
  }

  // ---- boluses

  @Test
  void clinicianAndPrimingBolusesAreAcknowledgedWithTheirLogEntries() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      long n = pump.lastEvent();
      CommandAck a = s.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));
      assertThat(a.request()).isEqualTo(MessageType.CLINICIAN_BOLUS);
      assertThat(a.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.BolusStarted(CP, BolusKind.CLINICIAN,
          Mass.ofMicrograms(50), Volume.ofMicrolitres(100), Duration.ofMinutes(30)))));
      assertThat(a.pumpTimeMillis()).isEqualTo(T);

      ErrorReply busy = refused(() -> s.arm().primingBolus(Volume.ofMicrolitres(100), Duration.ofMinutes(10)));
      assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
      assertThat(busy.field()).isEqualTo("bolus");
    }
    pump.runFor(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      ErrorReply tooMuch = refused(() -> s.arm().clinicianBolus(Mass.ofMicrograms(1_700), Duration.ofHours(12)));
      assertThat(tooMuch.code()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(tooMuch.field()).isEqualTo("bolus");
      long n = pump.lastEvent();
      CommandAck p = s.arm().primingBolus(Volume.ofMicrolitres(100), Duration.ofMinutes(10));
      assertThat(p.request()).isEqualTo(MessageType.PRIMING_BOLUS);
      assertThat(p.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.BolusStarted(CP, BolusKind.PRIMING,
          Mass.ofMicrograms(50), Volume.ofMicrolitres(100), Duration.ofMinutes(10)))));
      assertThat(p.pumpTimeMillis()).isEqualTo(T + HOUR);
    }
  }

  @Test
  void aBridgeRunsTheDeadSpaceAtTheOldDailyDoseWhateverDurationTheWireCarries() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      long n = pump.lastEvent();
      CommandAck refill = s.arm().refill(Volume.ofMillilitres(20), BACLOFEN, C1000, Volume.ofMillilitres(20), second);
      assertThat(refill.request()).isEqualTo(MessageType.REFILL);
      assertThat(refill.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.Refilled(CP, Volume.ofMillilitres(20),
          Optional.of(Volume.ofMillilitres(20)), Volume.ofMillilitres(20), C1000, false))));
      assertThat(pump.status().concentration()).contains(C1000);

      long m = pump.lastEvent();
      CommandAck bridge = s.arm().bridgeBolus(Volume.ofMicrolitres(250), Duration.ofMinutes(1));
      // 250 uL at 500 mcg/mL = 125 mcg at the old 300 mcg/day (+ the allowance's 200): the pump logs its own duration
      PumpEvent.BolusStarted started = pump.all(PumpEvent.BolusStarted.class).getLast();
      assertThat(started.kind()).isEqualTo(BolusKind.BRIDGE);
      assertThat(started.volume()).isEqualTo(Volume.ofMicrolitres(250));
      assertThat(started.dose()).isEqualTo(Mass.ofMicrograms(125));
      assertThat(started.duration()).isEqualTo(Duration.ofHours(10));
      assertThat(bridge.eventSequence()).isEqualTo(numberOf(m, e -> e instanceof PumpEvent.BolusStarted));
    }
  }

  @Test
  void aBridgeWithoutARunningPrescriptionIsBusy() {
    pump.boot();
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, C500, Optional.empty()));
    try (ProgrammerSession s = session(clinician)) {
      ErrorReply e = refused(() -> s.arm().bridgeBolus(Volume.ofMicrolitres(250), Duration.ofHours(1)));
      assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
      assertThat(e.field()).isEqualTo("bridge");
    }
  }

  @Test
  void aRefillOfADrugThePumpDoesNotKnowIsAnUnknownDrug() {
    running();
    org.openitb.therapy.drug.Drug morphine = new org.openitb.therapy.drug.Drug("morphine", List.of(C500), C500,
        DrugLibrary.baclofen().doseLimits(), DrugLibrary.baclofen().titration(), 90);
    try (ProgrammerSession s = new ProgrammerEndpoint(clinician, TrustedPumps.of(identity),
        new DrugLibrary(List.of(DrugLibrary.baclofen(), morphine)), TestPump.seeded(99)).openProgrammerSession(link())) {
      ErrorReply e = refused(() -> s.arm().refill(Volume.ofMillilitres(20), morphine, C500, Volume.ofMillilitres(20)));
      assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DRUG);
      assertThat(pump.status().drug()).contains("baclofen");
    }
  }

  // ---- SET_CLOCK, STOP_DELIVERY, RESUME_DELIVERY

  @Test
  void setClockStoresLocalTimeAndOffset() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      long n = pump.lastEvent();
      CommandAck ack = s.arm().setClock(T + DAY, 120);
      assertThat(ack.request()).isEqualTo(MessageType.SET_CLOCK);
      assertThat(ack.eventSequence()).isEqualTo(numberOf(n, e -> e instanceof PumpEvent.ClockSet));
      assertThat(ack.pumpTimeMillis()).isEqualTo(T + DAY);
      assertThat(pump.status().localTime()).isEqualTo(TestPump.START.plusDays(1).plusHours(2));
      assertThat(pump.fw.runtime().utcOffsetMinutes()).isEqualTo(120);
      StatusReport r = s.status();
      assertThat(r.pumpTimeMillis()).isEqualTo(T + DAY);
      assertThat(r.utcOffsetMinutes()).isEqualTo(120);
    }
  }

  @Test
  void stopAndResumeAreAcknowledgedAndTheFirmwareLimitsTheStop() {
    running();
    try (ProgrammerSession s = session(clinician)) {
      ErrorReply tooLong = refused(() -> s.arm().stop(Duration.ofHours(49)));
      assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(tooLong.field()).isEqualTo("expiry");
      ErrorReply notStopped = refused(() -> s.arm().resume());
      assertThat(notStopped.code()).isEqualTo(ErrorCode.BUSY);
      assertThat(notStopped.field()).isEqualTo("mode");

      long n = pump.lastEvent();
      // beyond one clinician's 12 h emergency stop: co-signed by the second clinician (PROTOCOL.md 8.10)
      CommandAck stop = s.arm().stop(Duration.ofHours(48), second);
      assertThat(stop.request()).isEqualTo(MessageType.STOP_DELIVERY);
      assertThat(stop.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.TherapyStopped(CP, Duration.ofHours(48)))));
      assertThat(pump.status().mode()).isEqualTo(Mode.STOPPED);
      CommandAck resume = s.arm().resume();
      assertThat(resume.request()).isEqualTo(MessageType.RESUME_DELIVERY);
      assertThat(resume.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.TherapyResumed(CP))));
      assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    }
  }

  // ---- CLEAR_ALARMS and ALARM_TEST

  @Test
  void clearingAlarmsNeedsEveryLatchedAlarmListed() {
    running();
    for (int i = 0; i < PumpRuntime.MAX_BOOTS_PER_DAY; i++) {
      pump.runFor(HOUR);
      pump.fw.onReset();
    }
    assertThat(pump.status().alarms()).containsExactly(AlarmKind.RESET_LOOP);
    try (ProgrammerSession s = session(clinician)) {
      ErrorReply unlisted = refused(() -> s.clearAlarms(List.of(1)));
      assertThat(unlisted.code()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(unlisted.field()).isEqualTo("alarm codes");
      assertThat(unlisted.detail()).contains("[RESET_LOOP=12]");
      ErrorReply unknown = refused(() -> s.clearAlarms(List.of(12, 13)));
      assertThat(unknown.field()).isEqualTo("alarm code");
      assertThat(unknown.detail()).isEqualTo("got 13; allowed 1..12");
      assertThat(pump.status().alarms()).containsExactly(AlarmKind.RESET_LOOP);

      long n = pump.lastEvent();
      CommandAck ack = s.clearAlarms(List.of(12, 1));
      assertThat(ack.request()).isEqualTo(MessageType.CLEAR_ALARMS);
      assertThat(ack.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.AlarmCleared(AlarmKind.RESET_LOOP))));
      assertThat(pump.status().alarms()).isEmpty();

      // nothing latched: acknowledged with the newest entry
      long newest = pump.lastEvent();
      CommandAck none = s.clearAlarms(List.of(1));
      assertThat(none.eventSequence()).isEqualTo(newest);
    }
  }

  @Test
  void theAlarmTestSoundsBothTonesAndIsLogged() {
    running().runUntil(HOUR);
    try (ProgrammerSession s = session(clinician)) {
      long n = pump.lastEvent();
      CommandAck ack = s.alarmTest();
      assertThat(ack.request()).isEqualTo(MessageType.ALARM_TEST);
      assertThat(ack.eventSequence()).isEqualTo(numberOf(n, e -> e.equals(new PumpEvent.AlarmTested(CP))));
      assertThat(pump.hw.buzzer.sounds).containsExactly(new Sound(HOUR, Tone.CRITICAL_TWO_TONE), new Sound(HOUR, Tone.NON_CRITICAL_SINGLE_TONE));
    }
  }

  // ---- PATIENT_STATUS_REQUEST and PATIENT_BOLUS_REQUEST

  @Test
  void thePatientSeesTheAllowanceDosesLeftAndLockout() {
    running().runUntil(HOUR);
    try (PatientSession s = patientSession()) {
      assertThat(s.status()).isEqualTo(new PatientStatusReport(T + HOUR, true, Mass.ofMicrograms(25), 4, 0, false, false, false));
      PatientBolusReply granted = s.requestBolus(Mass.ofMicrograms(25));
      assertThat(granted.granted()).isTrue();
      assertThat(granted.dose()).isEqualTo(Mass.ofMicrograms(25));
      assertThat(granted.dosesLeftToday()).isEqualTo(3);
      assertThat(granted.lockoutRemainingSeconds()).isEqualTo(7_200);
      assertThat(granted.eventSequence()).isEqualTo(numberOf(0, e -> e instanceof PumpEvent.BolusStarted b && b.kind() == BolusKind.PATIENT));
      assertThat(s.status()).isEqualTo(new PatientStatusReport(T + HOUR, true, Mass.ofMicrograms(25), 3, 7_200, true, false, false));
    }
    pump.runFor(30 * MINUTE);
    try (PatientSession s = patientSession()) {
      PatientBolusReply lockout = s.requestBolus(Mass.ofMicrograms(25));
      assertThat(lockout.refusal()).isEqualTo(BolusRefusal.LOCKOUT);
      assertThat(lockout.dosesLeftToday()).isEqualTo(3);
      assertThat(lockout.lockoutRemainingSeconds()).isEqualTo(5_400);

      long n = pump.lastEvent();
      PatientBolusReply mismatch = s.requestBolus(Mass.ofMicrograms(20));
      assertThat(mismatch.refusal()).isEqualTo(BolusRefusal.DOSE_MISMATCH);
      assertThat(mismatch.lockoutRemainingSeconds()).isEqualTo(5_400);
      assertThat(pump.eventsAfter(n)).contains(new PumpEvent.CommandRefused(Origin.patient("PTM-7"), "PatientBolusRequest",
          CommandResult.Code.MISMATCH));
    }
  }

  @Test
  void aPatientBolusWithoutAnAllowanceOrWhileStoppedIsRefusedWithItsReason() {
    pump.running(TestPump.simple(300));
    try (PatientSession s = patientSession()) {
      assertThat(s.status()).isEqualTo(new PatientStatusReport(T, false, Mass.ZERO, 0, 0, false, false, false));
      assertThat(s.requestBolus(Mass.ofMicrograms(25)).refusal()).isEqualTo(BolusRefusal.NO_ALLOWANCE);
    }
    pump.accept(new Command.ProgramTherapy(RX, org.openitb.therapy.drug.Etiology.SPINAL, Volume.ofMillilitres(2)));
    pump.accept(new Command.Stop(Duration.ofHours(1)));
    try (PatientSession s = patientSession()) {
      PatientBolusReply stopped = s.requestBolus(Mass.ofMicrograms(25));
      assertThat(stopped.refusal()).isEqualTo(BolusRefusal.DELIVERY_STOPPED);
      assertThat(stopped.dosesLeftToday()).isEqualTo(4);
    }
    pump.accept(new Command.Resume());
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(10), Duration.ofMinutes(10)));
    try (PatientSession s = patientSession()) {
      assertThat(s.requestBolus(Mass.ofMicrograms(25)).granted()).isTrue(); // a clinician bolus does not block the patient's
      assertThat(s.requestBolus(Mass.ofMicrograms(25)).refusal()).isEqualTo(BolusRefusal.BOLUS_ACTIVE);
    }
  }
}
