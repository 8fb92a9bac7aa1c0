// SPDX-License-Identifier: Apache-2.0
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

  /** A client holding the clinician key, without the Java programmer's checks, against the pump's own two-person rule. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"raise to 500 mcg/day (+67 %)", "one-hour flex step of 1 900 mcg/day"})
  void thePumpCommitsAChangeItsModelMarksOnlyWithASecondClinicianCoSignature(String change) {
    try (VirtualPump vp = VirtualPump.start(SEED);
        Transport link = vp.connect();
        ProgrammerSession s = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(link)) {
      Prescription old = VirtualPump.defaultPrescription();
      Prescription rx = switch (change.split(" ")[0]) {
        case "raise" -> Prescription.simple(old.drug(), old.concentration(), DoseRate.ofMicrogramsPerDay(500));
        case "one-hour" -> new Prescription(old.drug(), old.concentration(), new org.openitb.therapy.prescription.FlexSchedule(List.of(
            new org.openitb.therapy.prescription.FlexStep(java.time.LocalTime.of(0, 0), DoseRate.ofMicrogramsPerDay(300)),
            new org.openitb.therapy.prescription.FlexStep(java.time.LocalTime.of(12, 0), DoseRate.ofMicrogramsPerDay(1_900)),
            new org.openitb.therapy.prescription.FlexStep(java.time.LocalTime.of(13, 0), DoseRate.ofMicrogramsPerDay(300)))),
            List.of(), java.util.Optional.empty());
        default -> throw new IllegalArgumentException(change);
      };
      Therapy proposed = new Therapy(rx, Volume.ofMillilitres(2));
      org.openitb.link.message.TherapyChecksum running = org.openitb.link.codec.MessageCodec.checksum(s.therapy().therapy());
      java.util.function.Function<org.openitb.link.security.DeviceCredential, org.openitb.link.message.CoSignature> cosign = c ->
          new org.openitb.link.message.CoSignature(c.deviceId(), c.sign(org.openitb.link.message.CoSignature.signedBytes(
              vp.serial(), running, org.openitb.link.codec.MessageCodec.checksum(proposed))));
      org.openitb.link.security.DeviceCredential stranger = org.openitb.link.security.DeviceCredential.generate(
          "CP-9999", Role.CLINICIAN, new java.security.SecureRandom());

      List<java.util.function.Function<TherapyPreview, org.openitb.link.message.CommitAck>> refused = List.of(
          p -> s.arm().commit(p),                                      // no co-signature
          p -> s.arm().commit(p, cosign.apply(vp.credentials().clinician())), // the committing credential itself
          p -> s.arm().commit(p, cosign.apply(stranger)));             // a clinician the pump does not trust
      for (var attempt : refused) {
        TherapyPreview preview = s.propose(proposed);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> attempt.apply(preview))
            .isInstanceOfSatisfying(org.openitb.link.session.PumpRefusedException.class,
                e -> assertThat(e.error().code()).isEqualTo(org.openitb.link.message.ErrorCode.SECOND_PERSON_REQUIRED));
        assertThat(s.therapy().therapy().orElseThrow().prescription()).isEqualTo(old);
      }
      TherapyPreview preview = s.propose(proposed);
      s.arm().commit(preview, cosign.apply(vp.credentials().secondClinician().orElseThrow()));
      assertThat(s.therapy().therapy()).contains(proposed);
    }
  }

  @Test
  void aSmallChangeNeedsNoCoSignature() {
    try (VirtualPump vp = VirtualPump.start(SEED);
        Transport link = vp.connect();
        ProgrammerSession s = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(link)) {
      Prescription old = VirtualPump.defaultPrescription();
      Therapy proposed = new Therapy(Prescription.simple(old.drug(), old.concentration(), DoseRate.ofMicrogramsPerDay(390))
          .withPatientBolus(old.patientBolus().orElseThrow()), Volume.ofMillilitres(2)); // +30 %: at the limit, not above
      s.arm().commit(s.propose(proposed));
      assertThat(s.therapy().therapy()).contains(proposed);
    }
  }

  /** SHA-256 of the clear hello and challenge frames: the session's transcript hash th, which anyone on the air can compute. */
  private static byte[] transcriptHash(byte[] hello, byte[] challenge) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update(hello);
      d.update(challenge);
      return d.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A client holding only the clinician key (no Java programmer checks) against the pump's own
   * two-person rule for commands (link/PROTOCOL.md 8.10): a stop beyond one clinician's emergency
   * window, and a refill that changes the concentration.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"stop for 24 h", "refill at 2000 mcg/mL"})
  void thePumpAcceptsAMarkedCommandOnlyWithASecondClinicianCoSignatureForExactlyThatFrame(String command) {
    try (VirtualPump vp = VirtualPump.builder(SEED).manualClock().build()) {
      List<byte[]> toPump = new ArrayList<>();
      List<byte[]> fromPump = new ArrayList<>();
      Transport link = vp.connect(FrameFaults.tap(f -> (f.direction() == Direction.TO_PUMP ? toPump : fromPump).add(f.frame())));
      ProgrammerSession s = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(link);
      byte[] th = transcriptHash(toPump.get(0), fromPump.get(0));
      org.openitb.therapy.drug.Drug baclofen = VirtualPump.defaultPrescription().drug();
      org.openitb.therapy.units.Concentration c500 = org.openitb.therapy.units.Concentration.ofMicrogramsPerMillilitre(500);
      org.openitb.link.message.CoSignable marked = command.startsWith("stop")
          ? new org.openitb.link.message.StopDelivery(java.time.Duration.ofHours(24))
          : new org.openitb.link.message.Refill(Volume.ofMillilitres(20), baclofen,
              org.openitb.therapy.units.Concentration.ofMicrogramsPerMillilitre(2000), Volume.ofMillilitres(19));
      org.openitb.link.message.CoSignable other = command.startsWith("stop")
          ? new org.openitb.link.message.StopDelivery(java.time.Duration.ofMinutes(60))
          : new org.openitb.link.message.Refill(Volume.ofMillilitres(20), baclofen,
              org.openitb.therapy.units.Concentration.ofMicrogramsPerMillilitre(1000), Volume.ofMillilitres(19));
      org.openitb.link.security.DeviceCredential clinician = vp.credentials().clinician();
      org.openitb.link.security.DeviceCredential second = vp.credentials().secondClinician().orElseThrow();
      org.openitb.link.security.DeviceCredential stranger = org.openitb.link.security.DeviceCredential.generate(
          "CP-9999", Role.CLINICIAN, new java.security.SecureRandom());
      // co-signer, command signed, sequence signed (0: the frame it travels in)
      record CoSign(org.openitb.link.security.DeviceCredential by, org.openitb.link.message.CoSignable signed, long sequenceBack) {}
      java.util.function.BiFunction<CoSign, Long, org.openitb.link.message.CoSignature> cosign = (c, sequence) ->
          new org.openitb.link.message.CoSignature(c.by().deviceId(), c.by().sign(org.openitb.link.message.CoSignature.commandSignedBytes(
              vp.serial(), th, sequence - c.sequenceBack(), c.signed().type(),
              org.openitb.link.codec.MessageCodec.encode(c.signed().withoutCoSignature().asDeliveryChange()))));

      List<java.util.Optional<CoSign>> refused = List.of(
          java.util.Optional.empty(),                          // no co-signature
          java.util.Optional.of(new CoSign(clinician, marked, 0)), // the sending credential itself
          java.util.Optional.of(new CoSign(stranger, marked, 0)),  // a clinician the pump does not trust
          java.util.Optional.of(new CoSign(second, other, 0)),     // the second clinician's, for another command
          java.util.Optional.of(new CoSign(second, marked, 1)));   // the second clinician's, for this command in an earlier frame (a replay)
      for (java.util.Optional<CoSign> c : refused) {
        long sequence = toPump.size() - 2L + 1; // sealed frames so far (hello and response are clear) + 1
        long lastEvent = vp.eventsSince(0).get(vp.eventsSince(0).size() - 1).number();
        org.openitb.link.message.DeliveryChange sent = c.isEmpty() ? marked.asDeliveryChange()
            : marked.withCoSignature(cosign.apply(c.get(), sequence)).asDeliveryChange();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.arm().send(sent))
            .as("%s", c).isInstanceOfSatisfying(org.openitb.link.session.PumpRefusedException.class,
                e -> assertThat(e.error().code()).isEqualTo(org.openitb.link.message.ErrorCode.SECOND_PERSON_REQUIRED));
        assertThat(vp.status().mode()).isNotEqualTo(org.openitb.firmware.Mode.STOPPED);
        assertThat(vp.status().concentration()).contains(c500);
        assertThat(vp.eventsSince(lastEvent)).as("logged with the sending device").anySatisfy(e -> assertThat(e.event())
            .isInstanceOfSatisfying(PumpEvent.CommandRefused.class, r -> {
              assertThat(r.code()).isEqualTo(org.openitb.firmware.CommandResult.Code.NOT_AUTHORISED);
              assertThat(r.origin().deviceId()).isEqualTo("CP-0001");
            }));
      }
      // the replayed co-signature of an accepted frame, in the next frame: refused too
      long sequence = toPump.size() - 2L + 1;
      org.openitb.link.message.CoSignature good = cosign.apply(new CoSign(second, marked, 0), sequence);
      assertThat(s.arm().send(marked.withCoSignature(good).asDeliveryChange())).isInstanceOf(org.openitb.link.message.CommandAck.class);
      if (command.startsWith("stop")) {
        assertThat(vp.status().mode()).isEqualTo(org.openitb.firmware.Mode.STOPPED);
        s.arm().resume();
      } else {
        assertThat(vp.status().concentration()).contains(org.openitb.therapy.units.Concentration.ofMicrogramsPerMillilitre(2000));
      }
      if (command.startsWith("stop")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.arm().send(marked.withCoSignature(good).asDeliveryChange()))
            .isInstanceOfSatisfying(org.openitb.link.session.PumpRefusedException.class,
                e -> assertThat(e.error().code()).isEqualTo(org.openitb.link.message.ErrorCode.SECOND_PERSON_REQUIRED));
        assertThat(vp.status().mode()).isNotEqualTo(org.openitb.firmware.Mode.STOPPED);
      }
      s.close();
    }
  }

  /**
   * The overdose emergency: one clinician ends delivery at once, for up to the model's 12 h, once a
   * day; a longer stop, or a second one within the day, needs the second person.
   */
  @Test
  void oneClinicianMayStopAloneForTheEmergencyWindowOnceADay() {
    try (VirtualPump vp = VirtualPump.builder(SEED).manualClock().build()) {
      int window = org.openitb.therapy.device.PumpModels.byName(vp.status().pumpModel()).secondPerson().singleClinicianStopMaxMinutes();
      assertThat(window).isEqualTo(720);
      try (Transport link = vp.connect(); ProgrammerSession s = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(link)) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.arm().stop(java.time.Duration.ofMinutes(window + 1)))
            .isInstanceOfSatisfying(org.openitb.link.session.PumpRefusedException.class,
                e -> assertThat(e.error().code()).isEqualTo(org.openitb.link.message.ErrorCode.SECOND_PERSON_REQUIRED));
        s.arm().stop(java.time.Duration.ofMinutes(window)); // the emergency stop: no second person, no delay
        assertThat(vp.status().mode()).isEqualTo(org.openitb.firmware.Mode.STOPPED);
        s.arm().resume();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.arm().stop(java.time.Duration.ofMinutes(30)))
            .as("a second stop within the day").isInstanceOf(org.openitb.link.session.PumpRefusedException.class);
        s.arm().stop(java.time.Duration.ofMinutes(30), vp.credentials().secondClinician().orElseThrow()); // with the second person
        s.arm().resume();
      }
      vp.advance(java.time.Duration.ofHours(24));
      try (Transport link = vp.connect(); ProgrammerSession s = vp.credentials().endpoint(Role.CLINICIAN, vp.drugLibrary()).openProgrammerSession(link)) {
        s.arm().stop(java.time.Duration.ofMinutes(60)); // a day after the first single-clinician stop
        assertThat(vp.status().mode()).isEqualTo(org.openitb.firmware.Mode.STOPPED);
      }
    }
  }
}
