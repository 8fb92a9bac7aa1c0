// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.message.MessageType;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class PumpSessionTest {
  private final Rig rig = new Rig();

  @Test
  void aLastSeenEventBeyondThePumpsLogReadsTheWholeLog() {
    rig.pump.alarm(Rig.ALARM_LOW_RESERVOIR);
    List<SessionEvent> events = new ArrayList<>();
    try (PumpSession s = rig.sessionBuilder().lastSeenEvent(500).listener(events::add).open(rig.endpointForClinician(), rig.transport())) {
      Interrogation i = s.interrogate();
      assertThat(i.status().lastEventSequence()).isEqualTo(1);
      assertThat(i.newEvents()).extracting(e -> e.code()).containsExactly(EventCodes.DEFAULT.alarmRaised());
      assertThat(s.lastSeenEvent()).isEqualTo(1);
      // The restart is reported before the interrogation, and kept in the session record.
      assertThat(events).hasSize(2);
      assertThat(events.get(0)).isEqualTo(new SessionEvent.EventLogRestarted(500, 1));
      assertThat(events.get(1)).isInstanceOf(SessionEvent.Interrogated.class);
      assertThat(s.record().resolutions()).extracting(SessionRecord.ResolutionEntry::state).containsExactly("RESTARTED");
      assertThat(s.record().resolutions().get(0).detail()).contains("500", "last event 1", "whole log");
    }
  }

  @Test
  void interrogationReadsStatusTherapyAlarmsAndOnlyNewEvents() {
    rig.pump.alarm(Rig.ALARM_LOW_RESERVOIR);
    try (PumpSession s = rig.session()) {
      Interrogation i = s.interrogate();
      assertThat(i.therapy()).contains(Rig.simple(300));
      assertThat(i.activeAlarms()).containsExactly(Rig.ALARM_LOW_RESERVOIR);
      assertThat(i.status().reservoir()).isEqualTo(Volume.ofMillilitres(12));
      assertThat(i.newEvents()).extracting(e -> e.code()).containsExactly(EventCodes.DEFAULT.alarmRaised());
      assertThat(i.pumpLocalTime()).hasToString("2026-03-01T10:30");
      assertThat(s.interrogate().newEvents()).isEmpty();
      assertThat(s.lastSeenEvent()).isEqualTo(1);
      assertThat(s.eventsSince(0)).extracting(e -> e.sequence()).containsExactly(1L);
      assertThat(s.eventsSince(1)).isEmpty();
    }
  }

  @Test
  void aDoseChangeIsProposedPreviewedOldBesideNewCommittedByChecksumAndReadBack() {
    List<SessionEvent> events = new ArrayList<>();
    try (PumpSession s = rig.session(events::add)) {
      s.interrogate();
      Preview p = (Preview) s.propose(Rig.simple(330));
      assertThat(rig.pump.therapy()).contains(Rig.simple(300)); // nothing changed by the proposal
      assertThat(p.current()).contains(Rig.simple(300));
      assertThat(p.sideBySide()).contains(List.of("daily total", "300 mcg/day", "330 mcg/day"));
      assertThat(p.secondPersonRequired()).isFalse();
      Outcome o = s.commit(p, Optional.empty());
      assertThat(o).isInstanceOfSatisfying(Outcome.Confirmed.class, c -> assertThat(c.detail()).contains("read back"));
      assertThat(rig.pump.therapy()).contains(Rig.simple(330));
    }
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Interrogated", "Checked", "Previewed", "Changed");
    assertThat(rig.pump.requestTypes()).containsSubsequence(MessageType.PROPOSE_THERAPY, MessageType.COMMIT_THERAPY, MessageType.THERAPY_READ);
  }

  @Test
  void aSecondIncreaseInTheSameSessionIsTooSoonWithoutASecondPerson() {
    try (PumpSession s = rig.session()) {
      assertThat(s.commit((Preview) s.propose(Rig.simple(330)), Optional.empty())).isInstanceOf(Outcome.Confirmed.class);
      Preview again = (Preview) s.propose(Rig.simple(360)); // judged against the 330 just committed, not the 300 read before
      assertThat(again.current()).contains(Rig.simple(330));
      assertThat(again.safety().secondPersonReasons()).singleElement().satisfies(c -> assertThat(c.reason()).contains("next is allowed from"));
      assertThat(s.commit(again, Optional.empty())).isInstanceOf(Outcome.Refused.class);
    }
    assertThat(rig.pump.therapy()).contains(Rig.simple(330));
  }

  @Test
  void aHardLimitIsRefusedBeforeAnythingIsSent() {
    try (PumpSession s = rig.session()) {
      s.interrogate();
      ProposalOutcome o = s.propose(Rig.simple(2100));
      assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
        assertThat(r.sent()).isFalse();
        assertThat(r.reason()).contains("2000 mcg/day");
      });
    }
    assertThat(rig.pump.requestTypes()).doesNotContain(MessageType.PROPOSE_THERAPY, MessageType.COMMIT_THERAPY);
  }

  @Test
  void aPerHourLookingFlexStepIsNeverSent() {
    try (PumpSession s = rig.session()) {
      assertThat(s.propose(Rig.perHourMorningStep())).isInstanceOf(Outcome.Refused.class);
    }
    assertThat(rig.pump.requestTypes()).doesNotContain(MessageType.PROPOSE_THERAPY);
    assertThat(rig.pump.therapy()).contains(Rig.simple(300));
  }

  @Test
  void aTooSteepTitrationIsNotCommittedWithoutASecondPerson() {
    try (PumpSession s = rig.session()) {
      Preview p = (Preview) s.propose(Rig.simple(450));
      assertThat(p.secondPersonRequired()).isTrue();
      Outcome o = s.commit(p, Optional.empty());
      assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
        assertThat(r.sent()).isFalse();
        assertThat(r.reason()).contains("second-person confirmation required").contains("+50.0 %");
      });
    }
    assertThat(rig.pump.requestTypes()).doesNotContain(MessageType.COMMIT_THERAPY);
    assertThat(rig.pump.therapy()).contains(Rig.simple(300));
  }

  @Test
  void aSecondClinicianCredentialCoSignsTheTransitionForThePump() {
    org.openitb.link.security.DeviceCredential second = org.openitb.link.security.DeviceCredential.generate(
        "CP-0002", org.openitb.link.Role.CLINICIAN, new java.security.SecureRandom());
    try (PumpSession s = rig.session()) {
      Preview p = (Preview) s.propose(Rig.simple(450));
      assertThat(p.secondPersonRequired()).isTrue();
      Outcome o = s.commit(p, Optional.of(new Confirmation("dr.b", ClinicalRole.PHYSICIAN, Optional.of(second))));
      assertThat(o).isInstanceOf(Outcome.Confirmed.class);
      org.openitb.link.message.CommitTherapy commit = rig.pump.requests().stream()
          .filter(org.openitb.link.message.CommitTherapy.class::isInstance).map(org.openitb.link.message.CommitTherapy.class::cast)
          .findFirst().orElseThrow();
      org.openitb.link.message.CoSignature c = commit.coSignature().orElseThrow();
      assertThat(c.cosignerId()).isEqualTo("CP-0002");
      byte[] signed = org.openitb.link.message.CoSignature.signedBytes(Rig.PUMP_SERIAL,
          org.openitb.link.codec.MessageCodec.checksum(Rig.simple(300)), p.checksum());
      assertThat(org.openitb.link.security.TrustList.of(second.trusted())
          .verify("CP-0002", org.openitb.link.Role.CLINICIAN, signed, c.signature().bytes())).isTrue();
    }
  }

  @Test
  void aCoSigningCredentialMustBeAClinicians() {
    org.openitb.link.security.DeviceCredential patient = org.openitb.link.security.DeviceCredential.generate(
        "PTM-0009", org.openitb.link.Role.PATIENT, new java.security.SecureRandom());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Confirmation("dr.b", ClinicalRole.PHYSICIAN, Optional.of(patient)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLINICIAN");
  }

  @Test
  void theSecondPersonMustNotBeTheOperator() {
    try (PumpSession s = rig.session()) {
      Preview p = (Preview) s.propose(Rig.simple(450));
      Outcome o = s.commit(p, Optional.of(new Confirmation("DR.A", ClinicalRole.PHYSICIAN)));
      assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("other than the operator"));
      assertThat(rig.pump.requestTypes()).doesNotContain(MessageType.COMMIT_THERAPY);
      assertThat(s.commit(p, Optional.of(Rig.NURSE_B))).isInstanceOf(Outcome.Confirmed.class);
    }
    assertThat(rig.pump.therapy()).contains(Rig.simple(450));
    assertThat(rig.session().record().changes()).isEmpty(); // a new session has its own record
  }

  @Test
  void onlyTheLatestPreviewCanBeCommitted() {
    try (PumpSession s = rig.session()) {
      Preview first = (Preview) s.propose(Rig.simple(330));
      s.propose(Rig.simple(320));
      assertThat(s.commit(first, Optional.empty())).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("latest preview"));
    }
    assertThat(rig.pump.therapy()).contains(Rig.simple(300));
  }

  @Test
  void aPumpRefusalIsReportedAndChangesNothing() {
    try (PumpSession s = rig.session()) {
      // the fake pump, like the firmware, refuses a concentration the reservoir does not hold
      ProposalOutcome o = s.propose(Rig.simple(300, 1000));
      assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
        assertThat(r.sent()).isTrue();
        assertThat(r.reason()).contains("refill first");
      });
    }
  }

  @Test
  void bolusesAreProvisionalUntilThePumpsLogShowsThem() {
    try (PumpSession s = rig.session()) {
      s.interrogate();
      Outcome o = s.clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30), Optional.empty());
      assertThat(o).isInstanceOf(Outcome.Confirmed.class);
      assertThat(s.provisionalDoses()).extracting(ProvisionalDose::status).containsExactly(ProvisionalDose.Status.PROVISIONAL);
      s.interrogate();
      assertThat(s.provisionalDoses()).extracting(ProvisionalDose::status).containsExactly(ProvisionalDose.Status.CONFIRMED_BY_LOG);
    }
  }

  @Test
  void aLargeClinicianBolusNeedsASecondPersonAndAnOversizedBridgeIsRefused() {
    try (PumpSession s = rig.session()) {
      assertThat(s.clinicianBolus(Mass.ofMicrograms(100), Duration.ofMinutes(30), Optional.empty()))
          .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("25 %"));
      assertThat(s.bridgeBolus(Volume.ofMillilitres(1), Duration.ofMinutes(600)))
          .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("0.250 mL"));
      assertThat(s.clinicianBolus(Mass.ofMicrograms(100), Duration.ofMinutes(30), Optional.of(Rig.NURSE_B))).isInstanceOf(Outcome.Confirmed.class);
    }
    assertThat(rig.pump.requestTypes()).containsOnlyOnce(MessageType.CLINICIAN_BOLUS).doesNotContain(MessageType.BRIDGE_BOLUS);
  }

  @Test
  void aValueTheLinkCannotCarryIsRefusedBeforeSending() {
    try (PumpSession s = rig.session()) {
      assertThat(s.clinicianBolus(Mass.ofMicrograms(50), Duration.ofDays(2), Optional.empty()))
          .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.sent()).isFalse());
    }
    assertThat(rig.pump.requestTypes()).doesNotContain(MessageType.CLINICIAN_BOLUS);
  }

  @Test
  void clearAlarmsAlarmTestAndClockAreAcknowledged() {
    rig.pump.alarm(Rig.ALARM_LOW_RESERVOIR);
    try (PumpSession s = rig.session()) {
      assertThat(s.clearAlarms(List.of(Rig.ALARM_LOW_RESERVOIR))).isInstanceOf(Outcome.Confirmed.class);
      assertThat(s.alarmTest()).isInstanceOf(Outcome.Confirmed.class);
      assertThat(s.setClock(Rig.T0 + 60_000, 120)).isInstanceOf(Outcome.Confirmed.class);
      assertThat(s.interrogate().activeAlarms()).isEmpty();
    }
  }
}
