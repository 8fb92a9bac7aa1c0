// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;
import org.openitb.link.message.Therapy;
import org.openitb.programmer.ClinicalRole;
import org.openitb.programmer.Confirmation;
import org.openitb.programmer.DoseChangeWorkflow;
import org.openitb.programmer.EndOfSessionCheck;
import org.openitb.programmer.Interrogation;
import org.openitb.programmer.Operator;
import org.openitb.programmer.Outcome;
import org.openitb.programmer.PatientContext;
import org.openitb.programmer.PostMriCheck;
import org.openitb.programmer.PumpSession;
import org.openitb.programmer.RefillWorkflow;
import org.openitb.programmer.StopDecision;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * The programmer's workflows against the real firmware on simulated hardware, over the real
 * authenticated link (the cli is the one module that may see them all).
 */
class ProgrammerOnRealFirmwareTest {
  static final PatientContext PATIENT = new PatientContext(PumpModels.ITB_20, CatheterModel.GENERIC, 50, Etiology.SPINAL, Optional.empty());
  static final Operator DOCTOR = new Operator("dr.a", ClinicalRole.PHYSICIAN);
  static final Confirmation NURSE = new Confirmation("nurse.b", ClinicalRole.NURSE);

  static PumpSession open(VirtualPump vp) {
    DrugLibrary lib = vp.drugLibrary();
    // the station's co-signing credential signs for a second person the caller verified (NURSE): the pump checks it
    return PumpSession.builder().operator(DOCTOR).patient(PATIENT).library(lib).programmerId("CP-0001")
        .coSigningCredential(vp.credentials().secondClinician())
        .open(vp.credentials().endpoint(Role.CLINICIAN, lib), vp.connect());
  }

  @Test
  void doseChangeAndRefillWithConcentrationChangeRunOnThePump() {
    try (VirtualPump vp = VirtualPump.builder(42).manualClock().build()) {
      vp.advance(Duration.ofDays(10));
      try (PumpSession s = open(vp)) {
        Interrogation i = s.interrogate();
        Prescription old = i.therapy().orElseThrow().prescription();
        assertThat(old.basal().rateAt(LocalTime.NOON)).isEqualTo(DoseRate.ofMicrogramsPerDay(300));
        Prescription raised = new Prescription(old.drug(), old.concentration(), new SimpleContinuous(DoseRate.ofMicrogramsPerDay(330)),
            old.scheduledBoluses(), old.patientBolus());
        DoseChangeWorkflow.Result d = DoseChangeWorkflow.run(s, new DoseChangeWorkflow.Request(new Therapy(raised, Volume.ofMillilitres(2)), Optional.empty()));
        assertThat(d.completed()).as(d.steps().toString()).isTrue();
        assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(DoseRate.ofMicrogramsPerDay(330));

        Concentration stronger = Concentration.ofMicrogramsPerMillilitre(2000);
        Prescription rx = new Prescription(old.drug(), stronger, raised.basal(), old.scheduledBoluses(), old.patientBolus());
        Volume withdrawn = vp.withdrawReservoir();
        vp.fillReservoir(Volume.ofMillilitres(20), stronger);
        RefillWorkflow.Result r = RefillWorkflow.run(s, new RefillWorkflow.Request(withdrawn, old.drug(), stronger, Volume.ofMillilitres(20), rx,
            Volume.ofMillilitres(2), 7, Optional.of(NURSE)));
        assertThat(r.completed()).as(r.summary() + r.steps()).isTrue();
        assertThat(r.reconciliation().flagged()).isFalse();
        assertThat(r.bridge()).isPresent();
        assertThat(r.plan()).isPresent();
        assertThat(vp.status().concentration()).contains(stronger);
        assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MayEnd.class);
      }
    }
  }

  @Test
  void postMriCheckFindsTheStallAndClearsTheFlagAndAStoppedPumpCannotEndTheSessionSilently() {
    try (VirtualPump vp = VirtualPump.builder(43).manualClock().build()) {
      vp.advance(Duration.ofHours(2));
      vp.magneticField(Duration.ofMinutes(30), 1500);
      vp.advance(Duration.ofHours(1));
      assertThat(vp.status().interrogationRequired()).isTrue();
      try (PumpSession s = open(vp)) {
        PostMriCheck.Result m = PostMriCheck.run(s);
        assertThat(m.passed()).as(m.findings().toString()).isTrue();
        assertThat(m.stalls()).isNotEmpty();
        assertThat(m.recoveries()).isNotEmpty();
        assertThat(m.flagCleared()).isTrue();
        assertThat(vp.status().interrogationRequired()).isFalse();

        assertThat(s.stop(new StopDecision("dr.a", "catheter check", Duration.ofHours(1)))).isInstanceOf(Outcome.Confirmed.class);
        assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MustNotEnd.class);
        assertThat(s.resume()).isInstanceOf(Outcome.Confirmed.class);
        assertThat(EndOfSessionCheck.run(s, Optional.empty())).isInstanceOf(EndOfSessionCheck.MayEnd.class);

        // a day's stop is beyond one clinician's 12 h emergency stop: refused before sending without the second person,
        // co-signed with one; the pump checks the co-signature itself
        StopDecision day = new StopDecision("dr.a", "catheter revision tomorrow", Duration.ofHours(24));
        assertThat(s.stop(day)).isInstanceOfSatisfying(Outcome.Refused.class,
            o -> assertThat(o.reason()).contains("second-person confirmation required"));
        assertThat(s.stop(day, Optional.of(NURSE))).isInstanceOf(Outcome.Confirmed.class);
        assertThat(vp.status().mode()).isEqualTo(org.openitb.firmware.Mode.STOPPED);
        assertThat(s.resume()).isInstanceOf(Outcome.Confirmed.class);
      }
    }
  }
}
