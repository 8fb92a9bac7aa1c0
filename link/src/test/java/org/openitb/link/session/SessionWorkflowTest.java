// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.fixtures.Rig;
import org.openitb.link.message.*;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.InMemoryTransport;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** Whole workflows over an in-memory link, with the round trips and bytes PROTOCOL.md documents. */
class SessionWorkflowTest {
  final Rig rig = new Rig();

  @Test
  void sessionSetUpTakesTwoRoundTripsAndAFullInterrogationThreeMore() {
    rig.pump.logEvents(5);
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());

    LinkStats setUp = session.stats();
    // hello 12+43+8+64, response 12+64 | challenge 12+110, accept 12+13+16
    assertThat(setUp).isEqualTo(new LinkStats(2, 2, 127 + 76, 2, 122 + 41));
    assertThat(setUp.totalBytes()).isEqualTo(366);

    StatusReport status = session.status();
    TherapyReport therapy = session.therapy();
    EventsPage events = session.eventsSince(0, WireLimits.MAX_EVENTS_PER_PAGE);

    LinkStats interrogation = session.stats().minus(setUp);
    // requests 12+0+16, 12+0+16, 12+5+16 | status 12+45+16, therapy 12+59+16, 5 events 12+121+16
    assertThat(interrogation).isEqualTo(new LinkStats(3, 3, 28 + 28 + 33, 3, 73 + 87 + 149));
    assertThat(interrogation.totalBytes()).isEqualTo(398);

    assertThat(status.activeAlarms()).containsExactly(0x0201);
    assertThat(status.therapyChecksum()).isEqualTo(MessageCodec.checksum(Fixtures.flexTherapy()));
    assertThat(therapy.therapy()).contains(Fixtures.flexTherapy());
    assertThat(events.events()).extracting(LogEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(session.pumpSerial()).isEqualTo(Rig.PUMP_SERIAL);
    assertThat(session.accept().role()).isEqualTo(Role.CLINICIAN);
  }

  @Test
  void theOtherWorkflowsCostTheDocumentedBytesAndRoundTrips() {
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());

    LinkStats before = session.stats();
    session.arm().commit(session.propose(Fixtures.raisedTherapy()));
    session.therapy();
    // propose 28+24, preview 28+1+50+24+8, commit 28+8, ack 28+20, read 28, report 28+1+24+8
    assertThat(session.stats().minus(before)).isEqualTo(new LinkStats(3, 3, 52 + 36 + 28, 3, 111 + 48 + 61));

    before = session.stats();
    session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));
    assertThat(session.stats().minus(before)).isEqualTo(new LinkStats(1, 1, 34, 1, 41)); // bolus 28+6, ack 28+13

    before = session.stats();
    session.arm().refill(Volume.ofMillilitres(20), DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(2000), Volume.ofMicrolitres(1200));
    session.arm().bridgeBolus(Volume.ofMicrolitres(250), Duration.ofMinutes(605));
    assertThat(session.stats().minus(before)).isEqualTo(new LinkStats(2, 2, 49 + 34, 2, 41 + 41)); // refill 28+21

    before = session.stats();
    session.close();
    assertThat(session.stats().minus(before)).isEqualTo(new LinkStats(0, 1, 28, 0, 0));

    Rig withAllowance = new Rig(); // the flex therapy has a patient allowance
    PatientSession patient = withAllowance.device(withAllowance.patient).openPatientSession(withAllowance.link());
    assertThat(patient.requestBolus(patient.status().bolusDose()).granted()).isTrue();
    // set-up with an 8-character id: 128+76 | 122+41; status 28 | 28+18; bolus 28+4 | 28+14
    assertThat(patient.stats()).isEqualTo(new LinkStats(4, 4, 128 + 76 + 28 + 32, 4, 122 + 41 + 46 + 42));
  }

  @Test
  void therapyIsProposedPreviewedAndCommittedByChecksumThenReadBack() {
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
    TherapyPreview preview = session.propose(Fixtures.raisedTherapy());
    assertThat(preview.current()).contains(Fixtures.flexTherapy());
    assertThat(preview.proposed()).isEqualTo(Fixtures.raisedTherapy());
    assertThat(rig.pump.therapy()).contains(Fixtures.flexTherapy()); // the old therapy runs until commit

    CommitAck ack = session.arm().commit(preview);

    assertThat(ack.checksum()).isEqualTo(MessageCodec.checksum(Fixtures.raisedTherapy()));
    assertThat(session.therapy().therapy()).contains(Fixtures.raisedTherapy());
    assertThat(rig.pump.deliveryChanges()).extracting(c -> c.request().type()).containsExactly(MessageType.COMMIT_THERAPY);
    assertThat(rig.pump.deliveryChanges()).extracting(c -> c.deviceId()).containsExactly("CP-0001");
  }

  @Test
  void aCommitNamingAnotherChecksumIsRefusedAndChangesNothing() {
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
    session.propose(Fixtures.raisedTherapy());
    assertThatThrownBy(() -> session.arm().send(new CommitTherapy(MessageCodec.checksum(Fixtures.simpleTherapy()))))
        .isInstanceOfSatisfying(PumpRefusedException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
    assertThat(rig.pump.therapy()).contains(Fixtures.flexTherapy());
    assertThat(rig.listener.verdicts()).endsWith(FrameVerdict.HANDLER_REFUSED);
  }

  @Test
  void everyDeliveryChangeGoesThroughItsOwnArming() {
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
    session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));
    session.arm().primingBolus(Volume.ofMicrolitres(250), Duration.ofMinutes(60));
    session.arm().refill(Volume.ofMillilitres(20), DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(2000), Volume.ofMicrolitres(1200));
    session.arm().bridgeBolus(Volume.ofMicrolitres(250), Duration.ofMinutes(605));
    session.arm().setClock(Fixtures.T0, 60);
    CommandAck stop = session.arm().stop(Duration.ofHours(2));
    assertThat(session.status().delivery()).isEqualTo(DeliveryState.STOPPED);
    session.arm().resume();
    session.clearAlarms(List.of(0x0201));
    session.alarmTest();

    assertThat(stop.request()).isEqualTo(MessageType.STOP_DELIVERY);
    assertThat(rig.pump.deliveryChanges()).extracting(c -> c.request().type()).containsExactly(
        MessageType.CLINICIAN_BOLUS, MessageType.PRIMING_BOLUS, MessageType.REFILL, MessageType.BRIDGE_BOLUS,
        MessageType.SET_CLOCK, MessageType.STOP_DELIVERY, MessageType.RESUME_DELIVERY);
  }

  @Test
  void anArmingIsGoodForExactlyOneChangeAndASecondUseSendsNothing() {
    InMemoryTransport link = rig.link();
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(link);
    ArmedSession armed = session.arm();
    armed.clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));
    int framesBefore = session.stats().framesSent();

    assertThatThrownBy(() -> armed.clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30))).isInstanceOf(SafetyGateException.class);
    assertThat(session.stats().framesSent()).isEqualTo(framesBefore);
    assertThat(rig.pump.deliveryChanges()).hasSize(1);
  }

  @Test
  void readOnlyAndPatientSessionsCannotBeArmedOrEncodeForeignRequests() {
    ProgrammerSession readOnly = rig.device(rig.readOnly).openProgrammerSession(rig.link());
    assertThat(readOnly.status().reservoir()).isEqualTo(Volume.ofMillilitres(15));
    assertThatThrownBy(readOnly::arm).isInstanceOf(SafetyGateException.class);
    // Proposing is a clinician's request: the gate refuses it before anything is sent.
    int sent = readOnly.stats().framesSent();
    assertThatThrownBy(() -> readOnly.propose(Fixtures.raisedTherapy())).isInstanceOf(SafetyGateException.class);
    assertThat(readOnly.stats().framesSent()).isEqualTo(sent);
    // Inside the package, even a direct attempt to seal a delivery change unarmed is refused.
    ClientChannel channel = channelOf(readOnly);
    assertThatThrownBy(() -> channel.exchange(new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30)), false, Reply.class))
        .isInstanceOf(SafetyGateException.class);
    assertThatThrownBy(() -> channel.exchange(new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30)), true, Reply.class))
        .isInstanceOf(SafetyGateException.class);

    ProgrammerSession clinician = rig.device(rig.clinician).openProgrammerSession(rig.link());
    assertThatThrownBy(() -> channelOf(clinician).exchange(new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30)), false, Reply.class))
        .isInstanceOf(SafetyGateException.class);
    assertThat(rig.pump.deliveryChanges()).isEmpty();
  }

  @Test
  void aPatientGetsBolusesUntilTheLockoutAndTheDailyCountRefuse() {
    PatientSession patient = rig.device(rig.patient).openPatientSession(rig.link());
    PatientStatusReport before = patient.status();
    assertThat(before.bolusPrescribed()).isTrue();
    assertThat(before.dosesLeftToday()).isEqualTo(4);

    PatientBolusReply first = patient.requestBolus(before.bolusDose());
    assertThat(first.granted()).isTrue();
    assertThat(first.dosesLeftToday()).isEqualTo(3);
    assertThat(first.lockoutRemainingSeconds()).isEqualTo(3 * 3600);

    rig.clock.advance(Duration.ofMinutes(1).toMillis());
    PatientBolusReply tooSoon = patient.requestBolus(before.bolusDose());
    assertThat(tooSoon.refusal()).isEqualTo(BolusRefusal.LOCKOUT);
    assertThat(tooSoon.lockoutRemainingSeconds()).isEqualTo(3 * 3600 - 60);

    assertThat(patient.requestBolus(Mass.ofMicrograms(50)).refusal()).isEqualTo(BolusRefusal.DOSE_MISMATCH);
    assertThat(rig.pump.deliveryChanges()).hasSize(3); // all three reached the pump, which decided
    assertThat(rig.pump.deliveryChanges()).allMatch(c -> c.role() == Role.PATIENT);
  }

  @Test
  void aLostReplyIsRetransmittedAndTheBolusHappensOnce() {
    // Frames from the pump: 0 challenge, 1 accept, 2 the bolus ack (lost).
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link(FrameFaults.dropAt(Direction.FROM_PUMP, 2)));
    CommandAck ack = session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));

    assertThat(ack.request()).isEqualTo(MessageType.CLINICIAN_BOLUS);
    assertThat(rig.pump.deliveryChanges()).hasSize(1);
    assertThat(session.stats().roundTrips()).isEqualTo(2 + 2);
    assertThat(rig.listener.verdicts()).endsWith(FrameVerdict.ACCEPTED, FrameVerdict.RETRANSMISSION);
  }

  @Test
  void aLostRequestIsSentAgainAndHandledOnce() {
    // Frames to the pump: 0 hello, 1 response, 2 propose, 3 the commit (lost).
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link(FrameFaults.dropAt(Direction.TO_PUMP, 3)));
    TherapyPreview preview = session.propose(Fixtures.raisedTherapy());
    session.arm().commit(preview);
    assertThat(rig.pump.deliveryChanges()).hasSize(1);
    assertThat(rig.pump.therapy()).contains(Fixtures.raisedTherapy());
  }

  @Test
  void aDeadLinkAfterACommitLeavesTheOutcomeUncertain() {
    // Every frame from the pump after the preview (0 challenge, 1 accept, 2 preview) is lost.
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link(FrameFaults.dropFrom(Direction.FROM_PUMP, 3)));
    TherapyPreview preview = session.propose(Fixtures.raisedTherapy());
    assertThatThrownBy(() -> session.arm().commit(preview))
        .isInstanceOfSatisfying(LinkTimeoutException.class, e -> assertThat(e.deliveryUncertain()).isTrue());
    // The pump did commit once (its answers were lost); the retransmissions were not executed again.
    assertThat(rig.pump.deliveryChanges()).hasSize(1);
  }

  @Test
  void aDeadLinkBeforeACommitChangesNothing() {
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link(FrameFaults.dropFrom(Direction.TO_PUMP, 3)));
    TherapyPreview preview = session.propose(Fixtures.raisedTherapy());
    assertThatThrownBy(() -> session.arm().commit(preview)).isInstanceOf(LinkTimeoutException.class);
    assertThat(rig.pump.deliveryChanges()).isEmpty();
    assertThat(rig.pump.therapy()).contains(Fixtures.flexTherapy());
  }

  @Test
  void closingASessionMakesThePumpForgetIt() {
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
    assertThat(rig.endpoint.sessionDeviceId()).contains("CP-0001");
    session.close();
    assertThat(rig.endpoint.sessionRole()).isEmpty();
    assertThat(rig.listener.verdicts()).endsWith(FrameVerdict.SESSION_CLOSED);
    assertThatThrownBy(session::status).isInstanceOf(SessionClosedException.class);
  }

  @Test
  void aNewAuthenticatedSessionSupersedesTheOldOneInItsSlotButAFailedAttemptDoesNot() {
    ProgrammerSession first = rig.device(rig.readOnly).openProgrammerSession(rig.link());
    PatientSession second = rig.device(rig.patient).openPatientSession(rig.link());
    assertThat(rig.endpoint.sessionDeviceId()).contains("PTM-0001");
    assertThat(rig.listener.verdicts()).contains(FrameVerdict.SESSION_SUPERSEDED);
    assertThatThrownBy(first::status).isInstanceOf(LinkTimeoutException.class);
    assertThat(second.status()).isNotNull();
  }

  @Test
  void aNeverProgrammedPumpReportsNoTherapy() {
    Rig fresh = new Rig(Optional.empty());
    ProgrammerSession session = fresh.device(fresh.clinician).openProgrammerSession(fresh.link());
    assertThat(session.therapy()).isEqualTo(new TherapyReport(Optional.empty(), TherapyChecksum.NONE));
    assertThat(session.propose(Fixtures.simpleTherapy()).current()).isEmpty();
  }

  @Test
  void allEventsArriveInPages() {
    rig.pump.logEvents(40);
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
    int before = session.stats().roundTrips();
    assertThat(session.allEventsSince(3)).extracting(LogEvent::sequence).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(4, 40).boxed().toList());
    assertThat(session.stats().roundTrips() - before).isEqualTo(3); // 16 + 16 + 5
  }

  static ClientChannel channelOf(ProgrammerSession session) {
    try {
      var f = ProgrammerSession.class.getDeclaredField("channel");
      f.setAccessible(true);
      return (ClientChannel) f.get(session);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
