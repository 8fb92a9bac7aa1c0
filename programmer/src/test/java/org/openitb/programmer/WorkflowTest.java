// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Refill;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.calc.BridgeBolus;
import org.openitb.therapy.calc.Priming;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

class WorkflowTest {
  private final Rig rig = new Rig();

  static RefillWorkflow.Request refillTo1000(Volume withdrawn, Optional<Confirmation> confirmation) {
    return new RefillWorkflow.Request(withdrawn, DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(1000), Volume.ofMillilitres(20),
        Rig.simple(300, 1000).prescription(), Volume.ofMillilitres(2), 7, confirmation);
  }

  @Test
  void aRefillWithAConcentrationChangeReconcilesCommitsBridgesAndPlans() {
    RefillWorkflow.Result r;
    try (PumpSession s = rig.session()) {
      r = RefillWorkflow.run(s, refillTo1000(Volume.ofMillilitres(12), Optional.of(rig.nurseBSigned())));
    }
    assertThat(r.completed()).as(r.summary()).isTrue();
    assertThat(r.reconciliation().flagged()).isFalse();
    assertThat(r.steps()).hasSize(3).allMatch(o -> o instanceof Outcome.Confirmed);
    assertThat(rig.pump.requestTypes()).containsSubsequence(MessageType.REFILL, MessageType.PROPOSE_THERAPY, MessageType.COMMIT_THERAPY, MessageType.BRIDGE_BOLUS);
    assertThat(rig.pump.therapy()).contains(Rig.simple(300, 1000));
    BridgeBolus bridge = r.bridge().orElseThrow();
    assertThat(bridge.deadVolume()).isEqualTo(Volume.ofMicrolitres(250)); // 0.140 mL tubing + 50 cm x 2.2 uL
    // the pump is given 3 % less (0.2425 down to 0.242 mL: its accuracy margin, as the concentration rises)
    assertThat(bridge.bridgeVolume()).isEqualTo(Volume.ofMicrolitres(242));
    assertThat(bridge.bridgeDuration()).isEqualTo(Duration.ofMinutes(581)); // 0.242 mL at 0.6 mL/day = 580.8 min
    assertThat(((org.openitb.link.message.BridgeBolus) rig.pump.requests().stream()
        .filter(q -> q instanceof org.openitb.link.message.BridgeBolus).findFirst().orElseThrow()).volume()).isEqualTo(Volume.ofMicrolitres(242));
    Refill refill = (Refill) rig.pump.requests().stream().filter(q -> q instanceof Refill).findFirst().orElseThrow();
    assertThat(refill.withdrawnVolume()).isEqualTo(Volume.ofMillilitres(12));
    assertThat(r.plan().orElseThrow().refillBy()).hasToString("2026-04-23T10:30"); // (20 - 2) mL at 0.3 mL/day = 60 days from 10:30 pump-local, minus 7
  }

  @Test
  void aRefillDiscrepancyBeyondTheModelsLimitIsFlagged() {
    RefillWorkflow.Result r;
    try (PumpSession s = rig.session()) {
      r = RefillWorkflow.run(s, refillTo1000(Volume.ofMillilitres(10), Optional.of(rig.nurseBSigned())));
      assertThat(s.record().refill().flagged()).isTrue();
    }
    assertThat(r.reconciliation().flagged()).isTrue();
    assertThat(r.summary()).contains("DISCREPANCY FLAGGED").contains("less withdrawn than expected by 2.000 mL");
  }

  @Test
  void aConcentrationChangeWithoutASecondPersonSendsNothing() {
    RefillWorkflow.Result r;
    try (PumpSession s = rig.session()) {
      r = RefillWorkflow.run(s, refillTo1000(Volume.ofMillilitres(12), Optional.empty()));
    }
    assertThat(r.completed()).isFalse();
    assertThat(r.summary()).contains("second-person").contains("concentration");
    assertThat(rig.pump.requestTypes()).containsOnly(MessageType.STATUS_REQUEST, MessageType.THERAPY_READ, MessageType.EVENTS_SINCE);
  }

  @Test
  void aRefusedRefillIsInTheRecordWithTheChainsReasons() {
    try (PumpSession s = rig.session()) {
      RefillWorkflow.run(s, refillTo1000(Volume.ofMillilitres(12), Optional.empty()));
      assertThat(s.record().changes()).singleElement().satisfies(c -> {
        assertThat(c.outcome()).isEqualTo("REFUSED");
        assertThat(c.sent()).isFalse();
        assertThat(c.safety()).anyMatch(k -> k.verdict().equals("SECOND_PERSON") && k.step().equals("second-person"));
      });
    }
  }

  @Test
  void aDoseChangePreviewsAndCommits() {
    DoseChangeWorkflow.Result r;
    try (PumpSession s = rig.session()) {
      r = DoseChangeWorkflow.run(s, new DoseChangeWorkflow.Request(Rig.simple(360), Optional.empty()));
    }
    assertThat(r.completed()).isTrue();
    assertThat(r.preview().orElseThrow().sideBySide()).contains(java.util.List.of("daily total", "300 mcg/day", "360 mcg/day"));
    assertThat(rig.pump.therapy()).contains(Rig.simple(360));
  }

  @Test
  void anImplantFillsProgramsAndPrimesTheFluidPath() {
    Rig fresh = new Rig(Optional.empty());
    ImplantWorkflow.Result r;
    try (PumpSession s = fresh.session()) {
      r = ImplantWorkflow.run(s, new ImplantWorkflow.Request(Volume.ofMillilitres(20), Rig.simple(300), Priming.Scope.PUMP_AND_CATHETER,
          Duration.ofMinutes(30), Optional.empty()));
    }
    assertThat(r.completed()).as(r.steps().toString()).isTrue();
    assertThat(r.priming().volume()).isEqualTo(Volume.ofMicrolitres(250));
    assertThat(fresh.pump.requestTypes()).containsSubsequence(MessageType.REFILL, MessageType.COMMIT_THERAPY, MessageType.PRIMING_BOLUS);
    assertThat(fresh.pump.therapy()).contains(Rig.simple(300));
  }

  /**
   * Fake only: a pump that keeps its "interrogation required" flag after a clinician read cannot be produced on
   * the real firmware (it always clears the flag on that read, PumpRuntime.interrogated); the stall itself, with
   * and without recovery, runs on both pumps in {@link PumpFaultContract}.
   */
  @Test
  void thePostMriCheckFailsWhileThePumpKeepsItsInterrogationFlag() {
    rig.pump.stall();
    rig.pump.recover();
    rig.pump.keepInterrogationFlag();
    PostMriCheck.Result r;
    try (PumpSession s = rig.session()) {
      r = PostMriCheck.run(s);
    }
    assertThat(r.passed()).isFalse();
    assertThat(r.deliveryConfirmed()).isTrue();
    assertThat(r.flagWasSet()).isTrue();
    assertThat(r.flagCleared()).isFalse();
    assertThat(r.findings()).containsExactly("1 motor stall(s) and 1 recovery(ies) logged since the last session",
        "the pump still reports 'interrogation required' after being read; interrogate again and contact the manufacturer if it persists");
  }

  @Test
  void aStoppedBasalProgramCountsAsStopped() {
    Rig stopped = new Rig(Optional.of(new org.openitb.link.message.Therapy(new org.openitb.therapy.prescription.Prescription(DrugLibrary.baclofen(),
        Concentration.ofMicrogramsPerMillilitre(500), new org.openitb.therapy.prescription.Stopped(), java.util.List.of(), Optional.empty()),
        Volume.ofMillilitres(2))));
    try (PumpSession s = stopped.session()) {
      assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOfSatisfying(EndOfSessionCheck.MustNotEnd.class,
          m -> assertThat(m.reason()).contains("Stopped basal"));
    }
  }
}
