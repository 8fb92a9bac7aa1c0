// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openitb.link.message.Direction;
import org.openitb.link.message.MessageType;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.FrameFault;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.Transport;
import org.openitb.programmer.fake.DropFrames;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Mass;

/**
 * The link dropped before, during and after a commit or a bolus: the pump never runs a mix, and the programmer
 * says exactly what it knows, resolving every uncertain outcome from the pump's own answers and log. One contract
 * run against every pump (as clinic's WorkflowContract runs on H2 and PostgreSQL): {@link FakePumpLinkFaultTest}
 * (the test fake, fast) and {@link VirtualPumpLinkFaultTest} (the real firmware on simulated hardware, whose log
 * the programmer's event-code table must read right: the fake alone would only confirm itself).
 */
abstract class LinkFaultContract {
  /**
   * One pump under test, running {@link Rig#simple(long) Rig.simple(300)} (baclofen 500 mcg/mL, 300 mcg/day, alarm
   * 2 mL) behind a real link endpoint, and what these tests need to see of it: what it runs, which requests it
   * handled, its clock.
   */
  interface Bench extends AutoCloseable {
    /** The faults of {@link #transport()}: armed per test. */
    DropFrames faults();

    PumpSession.Builder sessionBuilder();

    /** A clinician programmer with fresh randomness. */
    ProgrammerEndpoint endpointForClinician();

    /** A link through {@link #faults()}. */
    Transport transport();

    /** A link through {@code fault} instead. */
    Transport transport(FrameFault fault);

    /** The prescription the pump runs. */
    Optional<Prescription> prescription();

    /** The requests the pump handled (accepted), in order; retransmissions the link answered from its cache are not handled again. */
    List<MessageType> requestTypes();

    void advance(Duration d);

    default PumpSession session() {
      return sessionBuilder().open(endpointForClinician(), transport());
    }

    @Override
    void close();
  }

  /** A fresh pump for one test. */
  abstract Bench bench();

  private Bench rig;

  @BeforeEach
  void start() {
    rig = bench();
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
}
