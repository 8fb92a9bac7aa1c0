package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.PumpEvent;
import org.openitb.link.Role;
import org.openitb.link.message.Direction;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.session.FrameVerdict;
import org.openitb.link.session.PatientSession;
import org.openitb.link.session.ProgrammerSession;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * The attack suite against the real firmware (link/PROTOCOL.md section 9, availability and log
 * eviction): floods of replayed, authenticated and garbage frames never push the therapy history
 * out of the pump's event log, and a patient's device never ends a clinician's programming.
 */
class VirtualPumpAttackTest {
  private static final long SEED = 42;

  private static List<PumpEvent> history(VirtualPump vp) {
    return vp.eventsSince(0).stream().map(LogEntry::event)
        .filter(e -> e instanceof PumpEvent.TherapyProgrammed || e instanceof PumpEvent.Refilled || e instanceof PumpEvent.ClockSet)
        .toList();
  }

  private static long telemetryEntries(VirtualPump vp, FrameVerdict verdict) {
    return vp.eventsSince(0).stream().map(LogEntry::event)
        .filter(e -> e instanceof PumpEvent.TelemetryFrame f && f.verdict() == verdict).count();
  }

  @Test
  void floodsOfReplayedAuthenticatedAndGarbageFramesLeaveTheTherapyHistoryInTheLog() {
    try (VirtualPump vp = VirtualPump.start(SEED)) {
      List<PumpEvent> implantHistory = history(vp);
      assertThat(implantHistory).hasSize(3); // clock set, fill, programming at implant

      List<byte[]> toPump = new ArrayList<>();
      try (Transport link = vp.connect(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); }));
          Transport attacker = vp.connect()) {
        ProgrammerSession victim = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(link);
        victim.status();
        // 1: 1 500 byte-identical copies of a captured frame of the live session
        for (int i = 0; i < 1_500; i++) {
          attacker.send(toPump.get(2));
          attacker.receive();
        }
        // 2: garbage and forged frames from anyone in range
        for (int i = 0; i < 1_500; i++) {
          byte[] forged = toPump.get(2).clone();
          forged[forged.length - 1] ^= (byte) (1 + i % 255);
          attacker.send(forged);
          attacker.receive();
        }
        victim.close();
      }
      // 3: an authenticated, low-privilege device asking its status 1 400 times
      try (Transport link = vp.connect();
          PatientSession patient = vp.credentials().endpoint(Role.PATIENT, vp.drugLibrary()).openPatientSession(link)) {
        for (int i = 0; i < 1_400; i++) {
          patient.status();
        }
      }
      assertThat(history(vp)).isEqualTo(implantHistory);
      assertThat(telemetryEntries(vp, FrameVerdict.RETRANSMISSION)).isLessThanOrEqualTo(2);
      assertThat(vp.eventsSince(0)).anySatisfy(e -> assertThat(e.event()).isInstanceOf(PumpEvent.TherapyProgrammed.class));
      long frames = vp.eventsSince(0).stream().filter(e -> e.event() instanceof PumpEvent.TelemetryFrame).count();
      assertThat(frames).as("frame entries within the hourly budgets").isLessThanOrEqualTo(3 * 64 + 16);
    }
  }

  @Test
  void aPatientCheckingThePtmNeitherEndsTheClinicsSessionNorDropsItsProposal() {
    try (VirtualPump vp = VirtualPump.start(SEED);
        Transport clinicLink = vp.connect();
        ProgrammerSession clinician = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(clinicLink)) {
      Prescription old = VirtualPump.defaultPrescription();
      Therapy raised = new Therapy(Prescription.simple(old.drug(), old.concentration(), DoseRate.ofMicrogramsPerDay(330))
          .withPatientBolus(old.patientBolus().orElseThrow()), Volume.ofMillilitres(2));
      TherapyPreview preview = clinician.propose(raised);

      try (Transport ptmLink = vp.connect();
          PatientSession patient = vp.credentials().endpoint(Role.PATIENT, vp.drugLibrary()).openPatientSession(ptmLink)) {
        assertThat(patient.status().bolusPrescribed()).isTrue();
      }
      try (Transport roLink = vp.connect();
          ProgrammerSession readOnly = vp.credentials().endpoint(Role.READ_ONLY, vp.drugLibrary()).openProgrammerSession(roLink)) {
        readOnly.status();
      }
      clinician.arm().commit(preview);
      assertThat(clinician.therapy().therapy()).contains(raised);
    }
  }
}
