// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.Direction;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.MessageType;
import org.openitb.link.transport.FrameFaults;
import org.openitb.programmer.fake.DropFrames;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The link dropped before, during and after a commit or a bolus: the pump never runs a mix, and the programmer
 * says exactly what it knows, resolving every uncertain outcome from the pump's own answers and log. One contract
 * run against every pump (as clinic's WorkflowContract runs on H2 and PostgreSQL): {@link FakePumpLinkFaultTest}
 * (the test fake, fast) and {@link VirtualPumpLinkFaultTest} (the real firmware on simulated hardware, whose log
 * the programmer's event-code table must read right: the fake alone would only confirm itself).
 */
abstract class LinkFaultContract {
  /** Makes the pumps under test. */
  abstract PumpBench.Factory pumps();

  private PumpBench rig;

  @BeforeEach
  void start() {
    rig = pumps().open(Rig.simple(300));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private static Optional<Prescription> runs(long mcgPerDay) {
    return Optional.of(Rig.simple(mcgPerDay).prescription());
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"PROPOSE_THERAPY", "THERAPY_PREVIEW", "COMMIT_THERAPY", "COMMIT_ACK", "THERAPY_READ", "THERAPY_REPORT"})
  void droppingEveryCopyOfOneMessageNeverLeavesAHalfAppliedTherapy(MessageType lost) {
    try (PumpSession s = rig.session()) {
      s.interrogate();
      rig.faults().arm(lost, DropFrames.ALL_ATTEMPTS);
      ProposalOutcome proposal = s.propose(Rig.simple(330));
      Outcome outcome = proposal instanceof Preview p ? s.commit(p, Optional.empty()) : (Outcome.Refused) proposal;
      assertThat(rig.faults().dropped()).isEqualTo(DropFrames.ALL_ATTEMPTS);
      assertThat(rig.prescription()).satisfiesAnyOf(t -> assertThat(t).isEqualTo(runs(300)), t -> assertThat(t).isEqualTo(runs(330)));
      switch (lost) {
        case PROPOSE_THERAPY, THERAPY_PREVIEW -> {
          assertThat(outcome).isInstanceOf(Outcome.Refused.class);
          assertThat(rig.prescription()).isEqualTo(runs(300));
          assertThat(s.uncertain()).isFalse();
        }
        case COMMIT_THERAPY -> {
          assertThat(outcome).isInstanceOf(Outcome.Uncertain.class);
          assertThat(rig.prescription()).isEqualTo(runs(300));
          assertThat(s.interrogate().resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.OLD_THERAPY_RUNNING);
        }
        default -> {
          assertThat(outcome).isInstanceOf(Outcome.Uncertain.class);
          assertThat(rig.prescription()).isEqualTo(runs(330));
          assertThat(s.interrogate().resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.NEW_THERAPY_RUNNING);
        }
      }
      assertThat(s.uncertain()).isFalse();
    }
  }

  @Test
  void anUncertainCommitBlocksFurtherChangesUntilAnInterrogation() {
    try (PumpSession s = rig.session()) {
      Preview p = (Preview) s.propose(Rig.simple(330));
      rig.faults().arm(MessageType.COMMIT_ACK, DropFrames.ALL_ATTEMPTS);
      assertThat(s.commit(p, Optional.empty())).isInstanceOfSatisfying(Outcome.Uncertain.class,
          u -> assertThat(u.what()).contains("never a mix").contains("Interrogate"));
      assertThat(s.clinicianBolus(Mass.ofMicrograms(10), Duration.ofMinutes(10), Optional.empty()))
          .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("uncertain"));
      assertThat(s.propose(Rig.simple(320))).isInstanceOf(Outcome.Refused.class);
      assertThat(s.interrogate().resolved()).isPresent();
      assertThat(s.propose(Rig.simple(340))).isInstanceOf(Preview.class);
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.COMMIT_THERAPY).doesNotContain(MessageType.CLINICIAN_BOLUS);
    try (PumpSession next = rig.session()) {
      assertThat(next.record().resolutions()).isEmpty();
    }
  }

  @Test
  void aBolusWhoseAckIsLostIsResolvedFromThePumpsLog() {
    try (PumpSession s = rig.session()) {
      s.interrogate();
      rig.faults().arm(MessageType.COMMAND_ACK, DropFrames.ALL_ATTEMPTS);
      assertThat(s.clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30), Optional.empty())).isInstanceOf(Outcome.Uncertain.class);
      Interrogation i = s.interrogate();
      assertThat(i.resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.DONE);
      assertThat(s.provisionalDoses()).extracting(ProvisionalDose::status).containsExactly(ProvisionalDose.Status.CONFIRMED_BY_LOG);
      assertThat(s.record().doses()).extracting(SessionRecord.DoseEntry::status).containsExactly("CONFIRMED_BY_LOG");
      assertThat(s.record().resolutions()).extracting(SessionRecord.ResolutionEntry::state).containsExactly("DONE");
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.CLINICIAN_BOLUS); // never re-sent blindly
  }

  @Test
  void anUncertainChangeCarriedToANewSessionIsResolvedThere() {
    UnresolvedChange carried;
    try (PumpSession s = rig.session()) {
      Preview p = (Preview) s.propose(Rig.simple(330));
      rig.faults().arm(MessageType.COMMIT_ACK, DropFrames.ALL_ATTEMPTS);
      assertThat(s.commit(p, Optional.empty())).isInstanceOf(Outcome.Uncertain.class);
      carried = s.unresolved().orElseThrow();
    }
    rig.advance(Duration.ofMinutes(10)); // the old session has expired at the pump
    try (PumpSession next = rig.sessionBuilder().carryOver(carried).open(rig.endpointForClinician(), rig.transport())) {
      assertThat(next.uncertain()).isTrue();
      assertThat(next.interrogate().resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.NEW_THERAPY_RUNNING);
      assertThat(next.record().resolutions()).hasSize(1);
    }
  }

  /**
   * Frames of a session that proposes without an interrogation first: to the pump 0 hello, 1
   * response, 2 status, 3 therapy read, 4 events, 5 propose, 6 commit; from the pump 0 challenge,
   * 1 accept, 2 status, 3 therapy, 4 events, 5 preview, 6 commit ack.
   */
  private static final long COMMIT_FRAME = 6;

  @ParameterizedTest
  @EnumSource(value = Direction.class, names = {"TO_PUMP", "FROM_PUMP"})
  void aLinkThatDiesAtTheCommitForGoodIsResolvedByTheNextSession(Direction dead) {
    UnresolvedChange carried;
    try (PumpSession s = rig.sessionBuilder().open(rig.endpointForClinician(), rig.transport(FrameFaults.dropFrom(dead, COMMIT_FRAME)))) {
      Preview p = (Preview) s.propose(Rig.simple(330));
      assertThat(s.commit(p, Optional.empty())).isInstanceOf(Outcome.Uncertain.class);
      assertThatThrownBy(s::interrogate).isInstanceOf(ProgrammerException.class).hasMessageContaining("still uncertain");
      carried = s.unresolved().orElseThrow();
    }
    Resolution.State expected = dead == Direction.TO_PUMP ? Resolution.State.OLD_THERAPY_RUNNING : Resolution.State.NEW_THERAPY_RUNNING;
    assertThat(rig.prescription()).isEqualTo(runs(dead == Direction.TO_PUMP ? 300 : 330));
    try (PumpSession next = rig.sessionBuilder().carryOver(carried).open(rig.endpointForClinician(), rig.transport(FrameFaults.none()))) {
      assertThat(next.interrogate().resolved()).get().extracting(Resolution::state).isEqualTo(expected);
    }
  }

  @Test
  void aBolusThatNeverArrivedIsResolvedAsNotDone() {
    try (PumpSession s = rig.session()) {
      s.interrogate();
      rig.faults().arm(MessageType.CLINICIAN_BOLUS, DropFrames.ALL_ATTEMPTS);
      assertThat(s.clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30), Optional.empty())).isInstanceOf(Outcome.Uncertain.class);
      assertThat(s.interrogate().resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.NOT_DONE);
    }
    assertThat(rig.requestTypes()).doesNotContain(MessageType.CLINICIAN_BOLUS);
  }

  // ------------------------------------------------------------------ uncertain outcomes in workflows (moved from WorkflowTest, PatientDeviceTest)

  @Test
  void aRefillWhoseCommitIsUncertainStopsBeforeTheBridgeAndIsResolvedFromThePump() {
    RefillWorkflow.Result r;
    try (PumpSession s = rig.session()) {
      rig.faults().arm(MessageType.COMMIT_ACK, DropFrames.ALL_ATTEMPTS);
      r = RefillWorkflow.run(s, WorkflowTest.refillTo1000(Volume.ofMillilitres(12), Optional.of(rig.secondPerson())));
      assertThat(r.completed()).isFalse();
      assertThat(r.steps()).as(r.summary()).extracting(o -> o.getClass().getSimpleName()).containsExactly("Confirmed", "Uncertain");
      assertThat(r.plan()).isEmpty();
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOfSatisfying(EndOfSessionCheck.MustNotEnd.class,
          m -> assertThat(m.reason()).contains("uncertain"));
      Interrogation i = s.interrogate();
      assertThat(i.resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.NEW_THERAPY_RUNNING);
      assertThat(i.status().delivery()).isEqualTo(DeliveryState.DELIVERING); // never left stopped
      assertThat(i.status().reservoir()).isEqualTo(Volume.ofMillilitres(20));
      assertThat(s.uncertain()).isFalse();
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MayEnd.class);
    }
    assertThat(rig.prescription()).contains(Rig.simple(300, 1000).prescription());
    // applied once, never re-sent, and no bridge bolus on an unconfirmed concentration
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.REFILL, MessageType.PROPOSE_THERAPY, MessageType.COMMIT_THERAPY)
        .doesNotContain(MessageType.BRIDGE_BOLUS);
  }

  /**
   * Found by running the refill on the real firmware: the fake took a concentration change confirmed by a typed
   * name, the pump refuses it unsigned (SECOND_PERSON_REQUIRED). The programmer now refuses it before sending.
   */
  @Test
  void aConcentrationChangeConfirmedByNameOnlyIsRefusedBeforeSending() {
    RefillWorkflow.Result r;
    try (PumpSession s = rig.session()) {
      r = RefillWorkflow.run(s, WorkflowTest.refillTo1000(Volume.ofMillilitres(12), Optional.of(Rig.NURSE_B)));
    }
    assertThat(r.completed()).isFalse();
    assertThat(r.steps()).singleElement().isInstanceOfSatisfying(Outcome.Refused.class, o -> {
      assertThat(o.sent()).isFalse();
      assertThat(o.reason()).contains("second-person confirmation required, nothing was sent").contains("typed name is not a second person");
    });
    assertThat(rig.requestTypes()).doesNotContain(MessageType.REFILL, MessageType.PROPOSE_THERAPY, MessageType.COMMIT_THERAPY);
    assertThat(rig.prescription()).isEqualTo(runs(300));
  }

  @Test
  void theSessionMayNotEndWhileAChangeIsUncertain() {
    try (PumpSession s = rig.session()) {
      Preview p = (Preview) s.propose(Rig.simple(330));
      rig.faults().arm(MessageType.COMMIT_ACK, DropFrames.ALL_ATTEMPTS);
      assertThat(s.commit(p, Optional.empty())).isInstanceOf(Outcome.Uncertain.class);
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOfSatisfying(EndOfSessionCheck.MustNotEnd.class,
          m -> assertThat(m.reason()).contains("uncertain"));
      assertThat(s.record().end().mayEnd()).isFalse();
      assertThat(s.interrogate().resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.NEW_THERAPY_RUNNING);
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MayEnd.class);
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.COMMIT_THERAPY);
  }

  @Test
  void aStopWhoseAckIsLostIsFoundInTheLogAndTheSessionMayNotEndWithoutTheDecision() {
    StopDecision decision = new StopDecision("dr.a", "catheter revision tomorrow", Duration.ofHours(2));
    try (PumpSession s = rig.session()) {
      s.interrogate();
      rig.faults().arm(MessageType.COMMAND_ACK, DropFrames.ALL_ATTEMPTS);
      assertThat(s.stop(decision)).isInstanceOf(Outcome.Uncertain.class);
      Interrogation i = s.interrogate();
      assertThat(i.resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.DONE);
      assertThat(i.status().delivery()).isEqualTo(DeliveryState.STOPPED);
      assertThat(i.status().stopExpiresAtMillis() - i.status().pumpTimeMillis()).isEqualTo(Duration.ofHours(2).toMillis());
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOfSatisfying(EndOfSessionCheck.MustNotEnd.class,
          m -> assertThat(m.reason()).contains("STOPPED").contains("who, why, expiry"));
      assertThat(EndOfSessionCheck.run(s, Optional.of(decision))).isInstanceOf(EndOfSessionCheck.MayEnd.class);
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.STOP_DELIVERY);
  }

  @Test
  void aResumeWhoseAckIsLostIsFoundInTheLogAndThePumpDelivers() {
    try (PumpSession s = rig.session()) {
      assertThat(s.stop(new StopDecision("dr.a", "pocket check", Duration.ofHours(2)))).isInstanceOf(Outcome.Confirmed.class);
      s.interrogate();
      rig.faults().arm(MessageType.COMMAND_ACK, DropFrames.ALL_ATTEMPTS);
      assertThat(s.resume()).isInstanceOf(Outcome.Uncertain.class);
      assertThat(s.stop(new StopDecision("dr.a", "again", Duration.ofHours(1))))
          .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("uncertain"));
      Interrogation i = s.interrogate();
      assertThat(i.resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.DONE);
      assertThat(i.status().delivery()).isEqualTo(DeliveryState.DELIVERING);
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MayEnd.class);
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.STOP_DELIVERY, MessageType.RESUME_DELIVERY);
  }

  @Test
  void aResumeThatNeverArrivedIsNotDoneAndTheSessionMayNotEndStopped() {
    try (PumpSession s = rig.session()) {
      assertThat(s.stop(new StopDecision("dr.a", "pocket check", Duration.ofHours(2)))).isInstanceOf(Outcome.Confirmed.class);
      s.interrogate();
      rig.faults().arm(MessageType.RESUME_DELIVERY, DropFrames.ALL_ATTEMPTS);
      assertThat(s.resume()).isInstanceOf(Outcome.Uncertain.class);
      Interrogation i = s.interrogate();
      assertThat(i.resolved()).get().extracting(Resolution::state).isEqualTo(Resolution.State.NOT_DONE);
      assertThat(i.status().delivery()).isEqualTo(DeliveryState.STOPPED);
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MustNotEnd.class);
      assertThat(s.resume()).isInstanceOf(Outcome.Confirmed.class); // sent again only once the log said it was not done
      assertThat(s.interrogate().status().delivery()).isEqualTo(DeliveryState.DELIVERING);
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.STOP_DELIVERY, MessageType.RESUME_DELIVERY);
  }

  @Test
  void aPatientBolusWhoseReplyIsLostIsNoAnswerAndIsNeverRetriedBlindly() {
    try (PumpBench pump = pumps().open(Rig.withPatientBolus())) {
      try (PatientDevice d = pump.patientDevice()) {
        assertThat(d.show().lockoutRemaining()).isEqualTo(Duration.ZERO);
        pump.faults().arm(MessageType.PATIENT_BOLUS_REPLY, DropFrames.ALL_ATTEMPTS);
        assertThat(d.requestBolus()).isInstanceOfSatisfying(PatientDevice.NoAnswer.class, n -> assertThat(n.message()).contains("check the status"));
        PatientDevice.Display after = d.show(); // it was given
        assertThat(after.lockoutRemaining()).isEqualTo(Duration.ofHours(3));
        assertThat(after.dosesLeftToday()).isEqualTo(1);
        assertThat(after.canRequestNow()).isFalse();
      }
      assertThat(pump.requestTypes()).containsOnlyOnce(MessageType.PATIENT_BOLUS_REQUEST);
      try (PumpSession s = pump.session()) {
        assertThat(s.interrogate().newEvents()).filteredOn(e -> e.code() == EventCodes.DEFAULT.bolusStarted())
            .extracting(LogEvent::value, LogEvent::source).containsExactly(tuple(Mass.ofMicrograms(25).nanograms(), "PTM-0001"));
      }
    }
  }

  @Test
  void aPatientBolusOnASupersededSessionGetsNoAnswerNotAGuess() {
    try (PumpBench pump = pumps().open(Rig.withPatientBolus())) {
      try (PatientDevice d = pump.patientDevice()) {
        assertThat(d.show().dosesLeftToday()).isEqualTo(2);
        try (PatientDevice other = pump.patientDevice()) { // a newer session replaces this one at the pump
          assertThat(other.requestBolus()).isInstanceOf(PatientDevice.Granted.class);
        }
        assertThat(d.requestBolus()).isInstanceOfSatisfying(PatientDevice.NoAnswer.class, n -> assertThat(n.message()).contains("Do not ask again"));
      }
      assertThat(pump.requestTypes()).containsOnlyOnce(MessageType.PATIENT_BOLUS_REQUEST);
    }
  }

  @Test
  void theSessionMayNotEndWithThePumpStoppedWithoutARecordedDecision() {
    try (PumpSession s = rig.session()) {
      StopDecision decision = new StopDecision("dr.a", "catheter revision tomorrow", Duration.ofHours(2));
      assertThat(s.stop(decision)).isInstanceOf(Outcome.Confirmed.class);
      assertThat(s.status().delivery()).isEqualTo(DeliveryState.STOPPED);
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOfSatisfying(EndOfSessionCheck.MustNotEnd.class,
          m -> assertThat(m.reason()).contains("STOPPED").contains("who, why, expiry"));
      assertThat(s.record().end().mayEnd()).isFalse();
      assertThat(EndOfSessionCheck.run(s, Optional.of(new StopDecision("dr.a", "too long", Duration.ofHours(1)))))
          .isInstanceOfSatisfying(EndOfSessionCheck.MustNotEnd.class, m -> assertThat(m.reason()).contains("expires later"));
      assertThat(EndOfSessionCheck.run(s, Optional.of(decision))).isInstanceOf(EndOfSessionCheck.MayEnd.class);
      assertThat(s.record().end().decision().by()).isEqualTo("dr.a");
      assertThat(s.resume()).isInstanceOf(Outcome.Confirmed.class);
      assertThat(s.status().delivery()).isEqualTo(DeliveryState.DELIVERING);
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MayEnd.class);
    }
    assertThat(rig.requestTypes()).containsOnlyOnce(MessageType.STOP_DELIVERY, MessageType.RESUME_DELIVERY);
  }
}
