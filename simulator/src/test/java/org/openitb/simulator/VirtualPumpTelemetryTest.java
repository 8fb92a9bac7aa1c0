// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.firmware.FirmwareStatus;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.Mode;
import org.openitb.firmware.PumpEvent;
import org.openitb.link.LinkException;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.BolusRefusal;
import org.openitb.link.message.CommitAck;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.Direction;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.TherapyReport;
import org.openitb.link.session.FrameVerdict;
import org.openitb.link.session.PatientSession;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.session.ProgrammerSession;
import org.openitb.link.session.PumpRefusedException;
import org.openitb.link.session.SessionSetupException;
import org.openitb.link.transport.FrameFault;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.TcpPumpServer;
import org.openitb.link.transport.TcpTransport;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/** Programmer and patient sessions over the real link against the real firmware on simulated hardware. */
class VirtualPumpTelemetryTest {
  private static final long SEED = 42;

  private static Therapy therapy(long mcgPerDay) {
    Prescription old = VirtualPump.defaultPrescription();
    Prescription rx = Prescription.simple(old.drug(), old.concentration(), DoseRate.ofMicrogramsPerDay(mcgPerDay))
        .withPatientBolus(old.patientBolus().orElseThrow());
    return new Therapy(rx, Volume.ofMillilitres(2));
  }

  /** The second clinician's co-signature over a preview's transition (PROTOCOL.md 8.10). */
  static org.openitb.link.message.CoSignature cosign(VirtualPump vp, TherapyPreview p) {
    org.openitb.link.security.DeviceCredential second = vp.credentials().secondClinician().orElseThrow();
    return new org.openitb.link.message.CoSignature(second.deviceId(), second.sign(
        org.openitb.link.message.CoSignature.signedBytes(vp.serial(), MessageCodec.checksum(p.current()), p.checksum())));
  }

  private static ProgrammerEndpoint device(VirtualPump vp, Role role) {
    return vp.credentials().endpoint(role, vp.drugLibrary());
  }

  private static DoseRate dailyDose(FirmwareStatus s) {
    return s.prescription().orElseThrow().basal().rateAt(java.time.LocalTime.NOON);
  }

  private static List<PumpEvent.TelemetryFrame> telemetryLog(VirtualPump vp) {
    List<PumpEvent.TelemetryFrame> out = new ArrayList<>();
    for (LogEntry e : vp.eventsSince(0)) {
      if (e.event() instanceof PumpEvent.TelemetryFrame f) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void aClinicianInterrogatesProposesPreviewsCommitsAndReadsBack() {
    try (VirtualPump vp = VirtualPump.start(SEED); Transport link = vp.connect();
        ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
      assertThat(s.pumpSerial()).isEqualTo(vp.serial());
      StatusReport status = s.status();
      assertThat(status.delivery()).isEqualTo(DeliveryState.DELIVERING);
      assertThat(status.currentRate()).isEqualTo(DoseRate.ofMicrogramsPerDay(300));
      assertThat(status.reservoir().nanolitres()).isBetween(19_000_000L, 20_000_000L);
      TherapyReport before = s.therapy();
      assertThat(before.therapy()).contains(therapy(300));
      assertThat(status.therapyChecksum()).isEqualTo(before.checksum()).isEqualTo(MessageCodec.checksum(therapy(300)));
      List<LogEvent> events = s.allEventsSince(0);
      assertThat(events).anySatisfy(e -> {
        assertThat(e.code()).isEqualTo(6); // TherapyProgrammed
        assertThat(e.source()).isEqualTo(VirtualPump.IMPLANT_DEVICE);
        assertThat(e.value()).isEqualTo(300_000);
      });

      TherapyPreview preview = s.propose(therapy(400));
      assertThat(preview.current()).contains(therapy(300));
      assertThat(preview.proposed()).isEqualTo(therapy(400));
      assertThat(dailyDose(vp.status())).as("nothing changes before the commit").isEqualTo(DoseRate.ofMicrogramsPerDay(300));

      CommitAck ack = s.arm().commit(preview, cosign(vp, preview)); // +33 %: the pump wants a second clinician
      assertThat(ack.checksum()).isEqualTo(preview.checksum());
      assertThat(s.therapy().therapy()).contains(therapy(400));
      assertThat(dailyDose(vp.status())).isEqualTo(DoseRate.ofMicrogramsPerDay(400));
      LogEntry programmed = vp.eventsSince(ack.eventSequence() - 1).get(0);
      assertThat(programmed.event()).isInstanceOfSatisfying(PumpEvent.TherapyProgrammed.class,
          p -> assertThat(p.origin().deviceId()).isEqualTo(VirtualPumpCredentials.CLINICIAN_ID));
    }
    // every frame of the session is in the pump's log, with the device that sent it
  }

  @Test
  void everyFrameOfASessionIsLoggedWithItsDevice() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      try (Transport link = vp.connect(); ProgrammerSession s = device(vp, Role.READ_ONLY).openProgrammerSession(link)) {
        s.status();
        s.therapy();
      }
      List<PumpEvent.TelemetryFrame> log = telemetryLog(vp);
      assertThat(log).extracting(PumpEvent.TelemetryFrame::verdict, PumpEvent.TelemetryFrame::messageType)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(FrameVerdict.ACCEPTED, MessageType.SESSION_HELLO.code()),
              org.assertj.core.groups.Tuple.tuple(FrameVerdict.ACCEPTED, MessageType.SESSION_RESPONSE.code()),
              org.assertj.core.groups.Tuple.tuple(FrameVerdict.ACCEPTED, MessageType.STATUS_REQUEST.code()),
              org.assertj.core.groups.Tuple.tuple(FrameVerdict.ACCEPTED, MessageType.THERAPY_READ.code()),
              org.assertj.core.groups.Tuple.tuple(FrameVerdict.SESSION_CLOSED, MessageType.SESSION_CLOSE.code()));
      assertThat(log).allSatisfy(f -> assertThat(f.deviceId()).isEqualTo(VirtualPumpCredentials.READ_ONLY_ID));
      assertThat(vp.status().mode()).isEqualTo(Mode.RUNNING);
    }
  }

  @Test
  void aPatientRequestsBolusesUntilTheLockoutRefuses() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      PatientBolusReply granted;
      try (Transport link = vp.connect(); PatientSession p = device(vp, Role.PATIENT).openPatientSession(link)) {
        PatientStatusReport status = p.status();
        assertThat(status.bolusPrescribed()).isTrue();
        assertThat(status.dosesLeftToday()).isEqualTo(4);
        assertThat(status.lockoutRemainingSeconds()).isZero();
        granted = p.requestBolus(status.bolusDose());
        assertThat(granted.granted()).isTrue();
        assertThat(granted.dosesLeftToday()).isEqualTo(3);
        assertThat(granted.lockoutRemainingSeconds()).isEqualTo(3 * 3600);
        assertThat(vp.eventsSince(granted.eventSequence() - 1).get(0).event()).isInstanceOf(PumpEvent.BolusStarted.class);
      }
      vp.advance(Duration.ofMinutes(30));
      try (Transport link = vp.connect(); PatientSession p = device(vp, Role.PATIENT).openPatientSession(link)) {
        PatientStatusReport status = p.status();
        assertThat(status.lockoutRemainingSeconds()).isEqualTo(150 * 60);
        PatientBolusReply refused = p.requestBolus(status.bolusDose());
        assertThat(refused.refusal()).isEqualTo(BolusRefusal.LOCKOUT);
        assertThat(refused.dosesLeftToday()).isEqualTo(3);
        assertThat(refused.lockoutRemainingSeconds()).isEqualTo(150 * 60);
        assertThat(p.requestBolus(org.openitb.therapy.units.Mass.ofMicrograms(50)).refusal()).isEqualTo(BolusRefusal.DOSE_MISMATCH);
      }
      assertThat(vp.eventsSince(granted.eventSequence())).anySatisfy(e -> assertThat(e.event())
          .isInstanceOfSatisfying(PumpEvent.CommandRefused.class, r -> {
            assertThat(r.origin().deviceId()).isEqualTo(VirtualPumpCredentials.PATIENT_ID);
            assertThat(r.code()).isEqualTo(org.openitb.firmware.CommandResult.Code.LOCKOUT);
          }));
    }
  }

  /** Propose, commit, read back and close with the link failing at one frame, or dead from it on. */
  @Test
  void aLinkDroppedAtAnyMessageNeverChangesThePumpHalfWayNorLeavesItStopped() {
    int outcomes = 0;
    for (Direction direction : Direction.values()) {
      for (int index = 0; index < 12; index++) {
        for (boolean dead : new boolean[] {true, false}) {
          FrameFault fault = dead ? FrameFaults.dropFrom(direction, index) : FrameFaults.dropAt(direction, index);
          try (VirtualPump vp = VirtualPump.start(SEED + index)) {
            try (Transport link = vp.connect(fault)) {
              ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link);
              TherapyPreview preview = s.propose(therapy(450));
              s.arm().commit(preview, cosign(vp, preview));
              assertThat(s.therapy().therapy()).contains(therapy(450));
              s.close();
            } catch (LinkException expected) {
              // a timeout or a refused set-up: the outcome is read from the pump below
            }
            FirmwareStatus after = vp.status();
            String where = direction + " frame " + index + (dead ? " and after" : " only");
            assertThat(after.mode()).as(where).isEqualTo(Mode.RUNNING);
            assertThat(dailyDose(after)).as(where).isIn(DoseRate.ofMicrogramsPerDay(300), DoseRate.ofMicrogramsPerDay(450));
            if (!dead) {
              assertThat(dailyDose(after)).as("one lost frame is retransmitted: " + where).isEqualTo(DoseRate.ofMicrogramsPerDay(450));
            }
            // a new session on a good link reads exactly what runs, and checksums agree
            vp.advance(Duration.ofMinutes(6));
            try (Transport link = vp.connect(); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
              TherapyReport report = s.therapy();
              assertThat(report.therapy().orElseThrow().prescription().basal().rateAt(java.time.LocalTime.NOON)).isEqualTo(dailyDose(after));
              assertThat(s.status().delivery()).isEqualTo(DeliveryState.DELIVERING);
            }
            outcomes++;
          }
        }
      }
    }
    assertThat(outcomes).isEqualTo(48);
  }

  @Test
  void aProposalDiesWithItsSession() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      TherapyPreview preview;
      try (Transport link = vp.connect(); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
        preview = s.propose(therapy(500));
      }
      try (Transport link = vp.connect(); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
        assertThatThrownBy(() -> s.arm().commit(preview)).isInstanceOfSatisfying(PumpRefusedException.class,
            e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NO_PROPOSAL));
        assertThat(s.therapy().therapy()).contains(therapy(300));
      }
      assertThat(telemetryLog(vp)).anySatisfy(f -> {
        assertThat(f.verdict()).isEqualTo(FrameVerdict.HANDLER_REFUSED);
        assertThat(f.messageType()).isEqualTo(MessageType.COMMIT_THERAPY.code());
      });
    }
  }

  @Test
  void thePumpRefusesAProposalBeyondItsLimitsNamingTheField() {
    try (VirtualPump vp = VirtualPump.start(SEED); Transport link = vp.connect();
        ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
      assertThatThrownBy(() -> s.propose(therapy(5_000))).isInstanceOfSatisfying(PumpRefusedException.class, e -> {
        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.error().field()).isEqualTo("daily dose");
        assertThat(e.error().detail()).contains("hard maximum");
      });
      assertThat(dailyDose(vp.status())).isEqualTo(DoseRate.ofMicrogramsPerDay(300));
    }
  }

  @Test
  void aReplayedCommitFrameChangesNothingAndIsLogged() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      List<byte[]> commits = new ArrayList<>();
      FrameFault recorder = FrameFaults.tap(f -> {
        if (f.direction() == Direction.TO_PUMP && (f.frame()[1] & 0xFF) == MessageType.COMMIT_THERAPY.code()) {
          commits.add(f.frame());
        }
      });
      try (Transport link = vp.connect(recorder); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
        TherapyPreview raised = s.propose(therapy(450));
        s.arm().commit(raised, cosign(vp, raised));
        s.therapy();
        // the attacker replays the commit inside the same live session: an old sequence number
        link.send(commits.get(0));
        assertThat(link.receive()).isEmpty();
        // the clinician then sets another dose
        s.arm().commit(s.propose(therapy(350)));
      }
      assertThat(dailyDose(vp.status())).isEqualTo(DoseRate.ofMicrogramsPerDay(350));
      // replayed later, after the session ended, with the head held over the implant
      try (Transport attacker = vp.connect()) {
        for (byte[] frame : commits) {
          attacker.send(frame);
          assertThat(attacker.receive()).isEmpty();
        }
      }
      assertThat(dailyDose(vp.status())).isEqualTo(DoseRate.ofMicrogramsPerDay(350));
      assertThat(vp.status().mode()).isEqualTo(Mode.RUNNING);
      List<PumpEvent.TelemetryFrame> refused = telemetryLog(vp).stream()
          .filter(f -> f.messageType() == MessageType.COMMIT_THERAPY.code() && !f.verdict().accepted()).toList();
      assertThat(refused).extracting(PumpEvent.TelemetryFrame::verdict)
          .containsExactly(FrameVerdict.REPLAY, FrameVerdict.STALE_SESSION, FrameVerdict.STALE_SESSION, FrameVerdict.STALE_SESSION);
    // (the tap saw three commit frames: the first, its replay inside the session, and the second commit)
    }
  }

  @Test
  void aDeviceThePumpDoesNotTrustCannotOpenASession() {
    try (VirtualPump vp = VirtualPump.start(SEED); VirtualPump other = VirtualPump.builder(SEED + 1).serial(vp.serial()).build();
        Transport link = vp.connect()) {
      ProgrammerEndpoint stranger = new ProgrammerEndpoint(other.credentials().clinician(), vp.credentials().trustedPumps(), vp.drugLibrary());
      assertThatThrownBy(() -> stranger.openProgrammerSession(link)).isInstanceOf(SessionSetupException.class);
      assertThat(telemetryLog(vp)).anySatisfy(f -> {
        assertThat(f.verdict()).isEqualTo(FrameVerdict.BAD_SIGNATURE);
        assertThat(f.authenticated()).isFalse();
      });
      assertThat(dailyDose(vp.status())).isEqualTo(DoseRate.ofMicrogramsPerDay(300));
    }
  }

  @Test
  void withoutProximityThePumpDoesNotAnswer() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      vp.connect().close(); // a head held over the implant, then taken away
      try (Transport far = vp.connectOutOfRange()) {
        assertThatThrownBy(() -> device(vp, Role.CLINICIAN).openProgrammerSession(far)).isInstanceOfSatisfying(SessionSetupException.class,
            e -> assertThat(e.failure()).isEqualTo(SessionSetupException.Failure.NO_ANSWER));
      }
      assertThat(telemetryLog(vp)).extracting(PumpEvent.TelemetryFrame::verdict).containsOnly(FrameVerdict.NO_PROXIMITY);
    }
  }

  @Test
  void aFloodOfUnauthenticatedFramesCannotPushTheTherapyHistoryOutOfTheLog() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      long before = vp.status().lastEventNumber();
      try (Transport far = vp.connectOutOfRange()) {
        for (int i = 0; i < 500; i++) {
          far.send(new byte[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
      }
      assertThat(telemetryLog(vp)).hasSize(16);
      vp.advance(Duration.ofMinutes(61));
      List<PumpEvent> after = vp.eventsSince(before).stream().map(LogEntry::event).toList();
      assertThat(after).contains(new PumpEvent.TelemetryFramesSuppressed(484));
      assertThat(after.stream().filter(e -> e instanceof PumpEvent.TelemetryFrame || e instanceof PumpEvent.TelemetryFramesSuppressed))
          .hasSize(17);
    }
  }

  @Test
  void setClockCarriesUtcAndTheOffsetAndTheStatusReportsBoth() {
    long utc = java.time.LocalDateTime.of(2026, 3, 2, 8, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    try (VirtualPump vp = VirtualPump.start(SEED); Transport link = vp.connect();
        ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
      s.arm().setClock(utc, 60);
      StatusReport status = s.status();
      assertThat(status.pumpTimeMillis()).isEqualTo(utc);
      assertThat(status.utcOffsetMinutes()).isEqualTo(60);
      assertThat(vp.status().localTime()).isEqualTo(java.time.LocalDateTime.of(2026, 3, 2, 9, 0));
      assertThatThrownBy(() -> s.arm().stop(Duration.ofHours(49))).isInstanceOfSatisfying(PumpRefusedException.class, e -> {
        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.error().field()).isEqualTo("expiry");
      });
      s.arm().stop(Duration.ofHours(1));
      StatusReport stopped = s.status();
      assertThat(stopped.delivery()).isEqualTo(DeliveryState.STOPPED);
      assertThat(stopped.stopExpiresAtMillis()).isEqualTo(utc + 3_600_000L);
      s.arm().resume();
      assertThat(s.status().delivery()).isEqualTo(DeliveryState.DELIVERING);
    }
  }

  @Test
  void afterAnMriScanTheFirstInterrogationSeesTheStallAndClearsTheFlag() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      vp.magneticField(Duration.ofMinutes(45), 1_500);
      vp.advance(Duration.ofHours(2));
      try (Transport link = vp.connect(); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
        StatusReport first = s.status();
        assertThat(first.interrogationRequired()).isTrue();
        assertThat(first.delivery()).isEqualTo(DeliveryState.DELIVERING);
        assertThat(s.allEventsSince(0)).extracting(LogEvent::code).contains(11, 12); // StallStarted, StallRecovered
        assertThat(s.status().interrogationRequired()).isFalse();
      }
    }
  }

  @Test
  void aTcpRoundTripOnLoopback() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      TcpPumpServer server = vp.serveTcp(0);
      try (Transport tcp = TcpTransport.connect(server.port()); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(tcp)) {
        assertThat(s.status().delivery()).isEqualTo(DeliveryState.DELIVERING);
        assertThat(s.therapy().therapy()).contains(therapy(300));
        CommitAck ack = s.arm().commit(s.propose(therapy(320)));
        assertThat(ack.checksum()).isEqualTo(MessageCodec.checksum(therapy(320)));
      }
      assertThat(dailyDose(vp.status())).isEqualTo(DoseRate.ofMicrogramsPerDay(320));
    }
  }

  @Test
  void credentialsGoThroughAFileToAnotherProcess(@TempDir Path dir) {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      Path file = dir.resolve("pump.json");
      vp.credentials().withPort(4711).write(file);
      VirtualPumpCredentials read = VirtualPumpCredentials.read(file);
      assertThat(read).isEqualTo(vp.credentials().withPort(4711));
      assertThat(read.port()).isEqualTo(4711);
      try (Transport link = vp.connect();
          ProgrammerSession s = new ProgrammerEndpoint(read.readOnly(), read.trustedPumps(), vp.drugLibrary()).openProgrammerSession(link)) {
        assertThat(s.role()).isEqualTo(Role.READ_ONLY);
        assertThat(s.status().delivery()).isEqualTo(DeliveryState.DELIVERING);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSamePumpAndDevices() {
    try (VirtualPump a = VirtualPump.start(SEED); VirtualPump b = VirtualPump.start(SEED)) {
      assertThat(a.credentials()).isEqualTo(b.credentials());
    }
  }

  @Test
  void aLinkRefillWithoutANeedleStepIsMirroredInTheTruth() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      vp.advance(Duration.ofDays(10));
      Volume before = vp.trueReservoirVolume();
      try (Transport link = vp.connect(); ProgrammerSession s = device(vp, Role.CLINICIAN).openProgrammerSession(link)) {
        Volume believed = s.status().reservoir();
        s.arm().refill(Volume.ofMillilitres(18), org.openitb.therapy.drug.DrugLibrary.baclofen(),
            VirtualPump.defaultPrescription().concentration(), believed);
        assertThat(s.status().reservoir()).isEqualTo(Volume.ofMillilitres(18));
      }
      assertThat(before).isLessThan(Volume.ofMillilitres(20));
      assertThat(vp.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(18));
      assertThat(vp.status().mode()).isEqualTo(Mode.RUNNING);
    }
  }
}
