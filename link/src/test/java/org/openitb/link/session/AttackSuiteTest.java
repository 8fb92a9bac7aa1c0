// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.fixtures.FakePump;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.fixtures.Rig;
import org.openitb.link.message.*;
import org.openitb.link.security.AuthRateLimiter;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.session.SessionSetupException.Failure;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.InMemoryTransport;
import org.openitb.therapy.units.Mass;

/**
 * The attacks published against pumps and implants (reference/safety.md section 4), each run
 * against a real pump endpoint. Every test proves two things: the pump's handler never saw a
 * delivery change from the attacker, and the pump reported the refusal to its listener.
 */
class AttackSuiteTest {
  final Rig rig = new Rig();
  static final ClinicianBolus BOLUS = new ClinicianBolus(Mass.ofMicrograms(500), Duration.ofMinutes(1));

  /** Frames the pump answered with, for battery accounting. */
  final List<byte[]> pumpTransmissions = new ArrayList<>();

  Optional<byte[]> deliver(byte[] frame) {
    Optional<byte[]> reply = rig.endpoint.onFrame(frame);
    reply.ifPresent(pumpTransmissions::add);
    return reply;
  }

  byte[] sealedBy(ProgrammerSession session, Request request) {
    return SessionWorkflowTest.channelOf(session).send.seal(request.type(), MessageCodec.encode(request));
  }

  List<FrameVerdict> verdictsSince(int mark) {
    return rig.listener.since(mark).stream().map(FrameReport::verdict).toList();
  }

  void assertNoDeliveryChangeFrom(String deviceOrAttacker) {
    assertThat(rig.pump.deliveryChanges()).noneMatch(c -> c.deviceId().equals(deviceOrAttacker));
  }

  @Nested
  class Replay {
    @Test
    void recordedFramesReplayedInTheSameSessionAreRefused() {
      List<byte[]> toPump = new ArrayList<>();
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(
          rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); })));
      session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30)); // frame 2
      session.status();                                                              // frame 3
      assertThat(rig.pump.deliveryChanges()).hasSize(1);

      int mark = rig.listener.size();
      Optional<byte[]> reply = deliver(toPump.get(2)); // the bolus again, inside the live session
      assertThat(reply).isEmpty();
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.REPLAY);
      assertThat(rig.pump.deliveryChanges()).hasSize(1);
    }

    @Test
    void theLastFrameReplayedIsAnsweredFromCacheAtMostTwiceAndNeverExecuted() {
      List<byte[]> toPump = new ArrayList<>();
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(
          rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); })));
      session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));

      // A device sends a request at most 3 times: the original and 2 repeats. Any further copy is a
      // replay: dropped unanswered, so 1 500 copies cost the pump 2 transmissions, not 1 500.
      int mark = rig.listener.size();
      int answered = 0;
      for (int i = 0; i < 1_500; i++) {
        answered += deliver(toPump.get(2)).isPresent() ? 1 : 0;
      }
      assertThat(answered).isEqualTo(PumpEndpoint.MAX_RETRANSMISSIONS_ANSWERED).isEqualTo(Exchange.MAX_SEND_ATTEMPTS - 1);
      List<FrameVerdict> verdicts = verdictsSince(mark);
      assertThat(verdicts.subList(0, 2)).containsOnly(FrameVerdict.RETRANSMISSION);
      assertThat(verdicts.subList(2, verdicts.size())).containsOnly(FrameVerdict.REPLAY);
      // only the answered copies are reported as the device's (authenticated); the rest are anybody's
      assertThat(rig.listener.since(mark)).filteredOn(FrameReport::authenticated).hasSize(2);
      assertThat(rig.pump.deliveryChanges()).hasSize(1);

      // the session itself goes on: a new request resets the count for its own repeats
      assertThat(session.status()).isNotNull();
    }

    @Test
    void recordedFramesReplayedAfterTheSessionEndedAreRefused() {
      List<byte[]> toPump = new ArrayList<>();
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(
          rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); })));
      session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));
      session.close();

      int mark = rig.listener.size();
      for (byte[] frame : toPump.subList(1, toPump.size())) { // response, bolus, close
        deliver(frame);
      }
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.NO_HANDSHAKE, FrameVerdict.STALE_SESSION, FrameVerdict.STALE_SESSION);

      // ... and into a later session of the same device: other keys, other session id.
      rig.device(rig.clinician).openProgrammerSession(rig.link()).status();
      mark = rig.listener.size();
      deliver(toPump.get(2));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.STALE_SESSION); // the pump remembers the ended session's id
      assertThat(rig.pump.deliveryChanges()).hasSize(1);
    }

    @Test
    void aReplayedHelloAndResponseCannotOpenASession() {
      List<byte[]> toPump = new ArrayList<>();
      rig.device(rig.clinician).openProgrammerSession(
          rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); }))).close();

      int mark = rig.listener.size();
      deliver(toPump.get(0)); // its counter is not above the highest the pump verified: a replay, no challenge
      deliver(toPump.get(1)); // the old signature covers the old challenge, which is gone
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.REPLAY, FrameVerdict.NO_HANDSHAKE);
      assertThat(pumpTransmissions).isEmpty();
      assertThat(rig.endpoint.sessionRole()).isEmpty();
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
    }
  }

  @Nested
  class Tampering {
    @Test
    void everySingleBitFlipAnywhereInADeliveryChangeFrameIsRefused() {
      ProgrammerSession probe = rig.device(rig.clinician).openProgrammerSession(rig.link());
      int frameLength = sealedBy(probe, BOLUS).length;
      int legit = 0;
      for (int at = 0; at < frameLength; at++) {
        for (int bit = 0; bit < 8; bit += 3) {
          ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
          byte[] frame = sealedBy(session, BOLUS);
          byte[] modified = frame.clone();
          modified[at] ^= (byte) (1 << bit);

          int mark = rig.listener.size();
          deliver(modified);
          assertThat(rig.listener.since(mark)).as("flip at byte %d bit %d", at, bit)
              .allMatch(r -> !r.verdict().accepted() || r.type().orElseThrow() == MessageType.SESSION_HELLO);
          assertThat(rig.pump.deliveryChanges()).hasSize(legit);

          // The unmodified frame was genuine (so the refusal was the flip's doing): it is accepted.
          deliver(frame);
          legit++;
          assertThat(rig.pump.deliveryChanges()).hasSize(legit);
        }
      }
    }

    @Test
    void truncatedFramesAreRefusedWhetherOrNotTheLengthFieldWasAdjusted() {
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
      byte[] frame = sealedBy(session, BOLUS);
      int mark = rig.listener.size();
      for (int length = 0; length < frame.length; length++) {
        deliver(Arrays.copyOf(frame, length));
      }
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.MALFORMED);

      mark = rig.listener.size();
      for (int cut = 1; cut <= 3; cut++) { // a consistent header over a shortened ciphertext
        byte[] shortened = Arrays.copyOf(frame, frame.length - cut);
        int length = shortened.length - WireLimits.HEADER_BYTES;
        shortened[10] = (byte) (length >>> 8);
        shortened[11] = (byte) length;
        deliver(shortened);
      }
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.TAMPERED);
      assertThat(rig.pump.deliveryChanges()).isEmpty();

      deliver(frame);
      assertThat(rig.pump.deliveryChanges()).hasSize(1);
    }

    @Test
    void aFloodOfForgedFramesNeitherEndsTheSessionNorLocksSetUpOut() {
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
      byte[] frame = sealedBy(session, BOLUS);
      int mark = rig.listener.size();
      for (int i = 0; i < 1_000; i++) {
        byte[] forged = frame.clone();
        forged[forged.length - 1 - (i % 16)] ^= (byte) (1 + i / 16);
        assertThat(deliver(forged)).isEmpty(); // no transmission: a flood costs the battery no replies
      }
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.TAMPERED);
      assertThat(rig.endpoint.sessionDeviceId()).contains("CP-0001");
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
      assertThat(rig.pump.deliveryChanges()).isEmpty();
      // the genuine frame still goes through
      deliver(frame);
      assertThat(rig.pump.deliveryChanges()).hasSize(1);
    }

    @Test
    void thePumpsOwnFramesReflectedBackAreRefused() {
      List<byte[]> fromPump = new ArrayList<>();
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(
          rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.FROM_PUMP) fromPump.add(f.frame()); })));
      session.status();
      int mark = rig.listener.size();
      fromPump.forEach(AttackSuiteTest.this::deliver);
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.WRONG_DIRECTION);
      assertThat(pumpTransmissions).isEmpty();
    }
  }

  @Nested
  class WrongRole {
    @Test
    void aReadOnlyDeviceThatBypassesItsGateStillCannotChangeDelivery() {
      ProgrammerSession session = rig.device(rig.readOnly).openProgrammerSession(rig.link());
      for (Request request : List.<Request>of(
          BOLUS, new CommitTherapy(MessageCodec.checksum(Fixtures.raisedTherapy())), new StopDelivery(Duration.ofHours(1)),
          new ProposeTherapy(Fixtures.raisedTherapy()), new PatientBolusRequest(Mass.ofMicrograms(25)))) {
        int mark = rig.listener.size();
        byte[] reply = deliver(sealedBy(session, request)).orElseThrow();
        Message answer = SessionWorkflowTest.channelOf(session).openFromPump(reply).orElseThrow();
        assertThat(answer).isInstanceOfSatisfying(ErrorReply.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_PERMITTED));
        assertThat(rig.listener.since(mark)).singleElement().satisfies(r -> {
          assertThat(r.verdict()).isEqualTo(FrameVerdict.WRONG_ROLE);
          assertThat(r.deviceId()).isEqualTo("RO-0001");
          assertThat(r.authenticated()).isTrue();
          assertThat(r.type()).contains(request.type());
        });
      }
      assertThat(rig.pump.calls()).isEmpty();
    }

    @Test
    void aPatientDeviceCanNeitherProgramNorInterrogateAndAClinicianCannotFakeAPatientBolus() {
      ProgrammerSession clinician = rig.device(rig.clinician).openProgrammerSession(rig.link());
      int mark = rig.listener.size();
      deliver(sealedBy(clinician, new PatientBolusRequest(Mass.ofMicrograms(25))));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.WRONG_ROLE);

      PatientSession patient = rig.device(rig.patient).openPatientSession(rig.link());
      ClientChannel channel = channelOf(patient);
      mark = rig.listener.size();
      for (Request request : List.<Request>of(BOLUS, new CommitTherapy(TherapyChecksum.NONE), new StatusRequest(), new EventsSince(0, 1))) {
        deliver(channel.send.seal(request.type(), MessageCodec.encode(request)));
      }
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.WRONG_ROLE).hasSize(4);
      assertThat(rig.pump.calls()).isEmpty();
    }

    @Test
    void aDeviceCannotClaimARoleItIsNotTrustedFor() {
      DeviceCredential patientClaimingClinician = new DeviceCredentialWithRole(rig.patient, Role.CLINICIAN).credential();
      int mark = rig.listener.size();
      assertThatThrownBy(() -> new ProgrammerEndpoint(patientClaimingClinician, rig.pairedPumps, Fixtures.LIBRARY, Fixtures.seeded(9))
              .openProgrammerSession(rig.link()))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.UNKNOWN_DEVICE);
      assertThat(rig.endpoint.sessionRole()).isEmpty();
    }
  }

  @Nested
  class NoCredentials {
    @Test
    void aDeviceThatWasNeverPairedIsRefused() {
      DeviceCredential stranger = DeviceCredential.generate("HACK-01", Role.CLINICIAN, Fixtures.seeded(66));
      int mark = rig.listener.size();
      assertThatThrownBy(() -> rig.device(stranger).openProgrammerSession(rig.link()))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.refusal().orElseThrow().reason()).isEqualTo(SessionRefusal.AUTH_FAILED));
      assertThat(rig.listener.since(mark)).singleElement().satisfies(r -> {
        assertThat(r.verdict()).isEqualTo(FrameVerdict.UNKNOWN_DEVICE);
        assertThat(r.deviceId()).isEqualTo("HACK-01");
        assertThat(r.authenticated()).isFalse();
      });
    }

    @Test
    void sealedFramesWithoutASessionOrUnderGuessedKeysAreRefused() {
      CipherState forger = new CipherState(new byte[16], new byte[12], 0x1234_5678L);
      int mark = rig.listener.size();
      deliver(forger.seal(BOLUS.type(), MessageCodec.encode(BOLUS)));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.NO_SESSION);

      // With a session open, the attacker reads its id from a clear header, but not its keys.
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
      long sessionId = SessionWorkflowTest.channelOf(session).send.sessionId();
      CipherState guess = new CipherState(new byte[16], new byte[12], sessionId);
      mark = rig.listener.size();
      deliver(guess.seal(BOLUS.type(), MessageCodec.encode(BOLUS)));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.TAMPERED);
      assertThat(rig.pump.deliveryChanges()).isEmpty();
    }
  }

  @Nested
  class SerialNumberAlone {
    @Test
    void knowingThePumpSerialAndATrustedDeviceIdGrantsNothing() {
      // Both are public: printed on the devices and sent in clear. The attacker lacks the device's private key.
      // Its hello's signature fails: dropped unanswered, before any challenge, key or lockout.
      DeviceCredential impostor = DeviceCredential.generate(rig.clinician.deviceId(), Role.CLINICIAN, Fixtures.seeded(77));
      int mark = rig.listener.size();
      assertThatThrownBy(() -> rig.device(impostor).openProgrammerSession(rig.link(FrameFaults.tap(f -> {
            if (f.direction() == Direction.FROM_PUMP) {
              pumpTransmissions.add(f.frame());
            }
          }))))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NO_ANSWER));
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.BAD_SIGNATURE).hasSize(Exchange.MAX_SEND_ATTEMPTS);
      assertThat(rig.listener.since(mark)).noneMatch(FrameReport::authenticated);
      assertThat(pumpTransmissions).isEmpty();
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();

      DeviceCredential serialAsId = DeviceCredential.generate(Rig.PUMP_SERIAL, Role.CLINICIAN, Fixtures.seeded(78));
      mark = rig.listener.size();
      assertThatThrownBy(() -> rig.device(serialAsId).openProgrammerSession(rig.link())).isInstanceOf(SessionSetupException.class);
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.UNKNOWN_DEVICE);
      assertThat(rig.pump.calls()).isEmpty();
    }
  }

  @Nested
  class StaleSession {
    @Test
    void anIdleSessionExpiresAndItsFramesAreRefused() {
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
      byte[] bolus = sealedBy(session, BOLUS);
      rig.clock.advance(PumpEndpoint.SESSION_IDLE_MILLIS);

      int mark = rig.listener.size();
      deliver(bolus);
      assertThatThrownBy(session::status).isInstanceOf(LinkTimeoutException.class);
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.STALE_SESSION);
      assertThat(rig.pump.deliveryChanges()).isEmpty();
    }

    @Test
    void aBusySessionStillEndsAtItsLifetime() {
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
      long step = PumpEndpoint.SESSION_IDLE_MILLIS - 1;
      long elapsed = 0;
      while (elapsed + step < PumpEndpoint.SESSION_LIFETIME_MILLIS) {
        rig.clock.advance(step);
        elapsed += step;
        session.status();
      }
      rig.clock.advance(PumpEndpoint.SESSION_LIFETIME_MILLIS - elapsed);
      assertThatThrownBy(() -> session.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(1)))
          .isInstanceOfSatisfying(LinkTimeoutException.class, e -> assertThat(e.deliveryUncertain()).isTrue());
      assertThat(rig.listener.verdicts()).endsWith(FrameVerdict.STALE_SESSION, FrameVerdict.STALE_SESSION, FrameVerdict.STALE_SESSION);
      assertThat(rig.pump.deliveryChanges()).isEmpty();
    }

    @Test
    void aResponseAfterTheHandshakeTimeoutIsRefused() {
      // The clock jumps while the response is in flight (frame 1 to the pump).
      InMemoryTransport slow = rig.link((direction, index, frame) -> {
        if (direction == Direction.TO_PUMP && index == 1) {
          rig.clock.advance(PumpEndpoint.HANDSHAKE_TIMEOUT_MILLIS);
        }
        return Optional.of(frame);
      });
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(slow))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NO_ANSWER));
      assertThat(rig.listener.verdicts()).containsSubsequence(FrameVerdict.ACCEPTED, FrameVerdict.HANDSHAKE_EXPIRED);
      assertThat(rig.endpoint.sessionRole()).isEmpty();
    }

    @Test
    void aRevokedDevicesOpenSessionEndsAtOnce() {
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(rig.link());
      byte[] bolus = sealedBy(session, BOLUS);
      rig.endpoint.updateTrust(TrustList.of(rig.readOnly.trusted(), rig.patient.trusted()));
      int mark = rig.listener.size();
      deliver(bolus);
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.STALE_SESSION);
      assertThat(rig.pump.deliveryChanges()).isEmpty();
    }
  }

  @Nested
  class BruteForce {
    final DeviceCredential guesser = DeviceCredential.generate(rig.clinician.deviceId(), Role.CLINICIAN, Fixtures.seeded(99));

    /** Null when a session opened; the set-up failure otherwise. */
    SessionSetupException attempt(DeviceCredential credential) {
      try {
        rig.device(credential).openProgrammerSession(rig.link(FrameFaults.tap(f -> {
          if (f.direction() == Direction.FROM_PUMP) {
            pumpTransmissions.add(f.frame());
          }
        })));
        return null;
      } catch (SessionSetupException e) {
        return e;
      }
    }

    @Test
    void guessingWithoutTheKeyLocksNobodyOutAndCostsNoTransmission() {
      int mark = rig.listener.size();
      for (int i = 0; i < 20; i++) {
        assertThat(attempt(guesser).failure()).isEqualTo(Failure.NO_ANSWER);
      }
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.BAD_SIGNATURE).hasSize(20 * Exchange.MAX_SEND_ATTEMPTS);
      assertThat(pumpTransmissions).isEmpty(); // no challenge, no X25519 key, no signature, no transmission
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
      assertThat(attempt(rig.clinician)).isNull();
    }

    @Test
    void aStolenKeysAbandonedHandshakesLockOutThatCredentialOnlyWithDoublingDelays() {
      // The read-only interrogator's key is stolen: its holder makes genuine hellos and never answers.
      long counter = 1_000;
      Role role = rig.readOnly.role();
      String id = rig.readOnly.deviceId();
      for (int i = 0; i < AuthRateLimiter.FREE_FAILURES; i++) {
        assertThat(deliver(signedHello(rig.readOnly, ++counter))).isPresent(); // challenges, never answered
      }
      assertThat(rig.endpoint.lockoutRemainingMillis(id, role)).isEqualTo(AuthRateLimiter.FIRST_LOCKOUT_MILLIS);
      int transmissions = pumpTransmissions.size();
      int mark = rig.listener.size();
      for (int i = 0; i < 100; i++) {
        deliver(signedHello(rig.readOnly, ++counter));
      }
      // locked out: one notice, then silence
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.LOCKED_OUT).hasSize(100);
      assertThat(pumpTransmissions).hasSize(transmissions + 1);

      // Every other credential still gets in at once: the clinician and the patient's device.
      assertThat(attempt(rig.clinician)).isNull();
      rig.device(rig.patient).openPatientSession(rig.link()).status();
      assertThat(rig.endpoint.lockoutRemainingMillis(rig.clinician.deviceId(), Role.CLINICIAN)).isZero();
      assertThat(rig.endpoint.lockoutRemainingMillis(rig.patient.deviceId(), Role.PATIENT)).isZero();

      // Each further abandoned handshake of the stolen key doubles its lockout.
      for (long expected = 2 * AuthRateLimiter.FIRST_LOCKOUT_MILLIS; expected <= 16_000; expected *= 2) {
        rig.clock.advance(rig.endpoint.lockoutRemainingMillis(id, role));
        assertThat(deliver(signedHello(rig.readOnly, ++counter))).isPresent();
        assertThat(rig.endpoint.lockoutRemainingMillis(id, role)).isEqualTo(expected);
      }

      // After the lockout the genuine device gets in, and its success clears its count.
      rig.clock.advance(rig.endpoint.lockoutRemainingMillis(id, role));
      rig.device(rig.readOnly).openProgrammerSession(rig.link()).status();
      assertThat(rig.endpoint.lockoutRemainingMillis(id, role)).isZero();
      assertThat(rig.pump.deliveryChanges()).isEmpty();
    }

    @Test
    void aLostChallengeIsSentAgainForTheSameHelloAtMostTwiceWithoutCharging() {
      byte[] hello = signedHello(rig.clinician, 5);
      byte[] challenge = deliver(hello).orElseThrow();
      int mark = rig.listener.size();
      assertThat(deliver(hello)).hasValueSatisfying(c -> assertThat(c).isEqualTo(challenge));
      assertThat(deliver(hello)).hasValueSatisfying(c -> assertThat(c).isEqualTo(challenge));
      assertThat(deliver(hello)).isEmpty();
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.RETRANSMISSION, FrameVerdict.RETRANSMISSION, FrameVerdict.REPLAY);
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
    }
  }

  @Nested
  class Downgrade {
    @Test
    void aHelloWithNoCommonVersionIsRefusedWithoutTouchingAnyState() {
      // Version 1 (the unsigned hello) is retired; a future-only device too. Neither is authenticated,
      // so neither touches a lockout or a challenge, and the refusals are rate-limited notices.
      byte[] v1 = FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(
          new SessionHello(1, 1, Role.CLINICIAN, "CP-0001", new Octets(new byte[32]))));
      byte[] future = FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(
          new SessionHello(3, 3, Role.CLINICIAN, "CP-0001", new Octets(new byte[32]), 1, new Octets(new byte[64]))));
      int mark = rig.listener.size();
      byte[] reply = deliver(v1).orElseThrow();
      assertThat(new MessageCodec(Fixtures.LIBRARY).decode(MessageType.SESSION_REFUSED, FrameHeader.payload(reply)))
          .isEqualTo(new SessionRefused(SessionRefusal.UNSUPPORTED_VERSION, 0));
      for (int i = 0; i < 100; i++) {
        assertThat(deliver(i % 2 == 0 ? v1 : future)).isEmpty(); // one notice per period, for everyone together
      }
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.UNSUPPORTED_VERSION).hasSize(101);
      rig.clock.advance(PumpEndpoint.UNAUTHENTICATED_NOTICE_MILLIS);
      assertThat(deliver(future)).isPresent();
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
      rig.device(rig.clinician).openProgrammerSession(rig.link()).status();
    }

    @Test
    void aManInTheMiddleChangingTheHellosVersionRangeIsDetected() {
      // Hello body: min version at byte 12, max version at byte 13 of the frame. The device's hello
      // signature covers them (the pump drops the changed hello), and so does the pump's challenge signature.
      InMemoryTransport mitm = rig.link((direction, index, frame) -> {
        if (direction == Direction.TO_PUMP && frame[1] == MessageType.SESSION_HELLO.code()) { // every copy of the hello
          byte[] changed = frame.clone();
          changed[13] = 3;
          return Optional.of(changed);
        }
        return Optional.of(frame);
      });
      int mark = rig.listener.size();
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(mitm))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NO_ANSWER));
      assertThat(verdictsSince(mark)).first().isEqualTo(FrameVerdict.BAD_SIGNATURE);
      assertThat(rig.endpoint.sessionRole()).isEmpty();
    }

    @Test
    void aManInTheMiddleSwappingTheEphemeralKeyIsDetected() {
      InMemoryTransport mitm = rig.link((direction, index, frame) -> {
        if (direction == Direction.FROM_PUMP && index == 0) {
          byte[] changed = frame.clone();
          changed[30] ^= 0x40; // inside the pump's ephemeral key
          return Optional.of(changed);
        }
        return Optional.of(frame);
      });
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(mitm))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_PUMP_SIGNATURE));
    }
  }

  @Nested
  class ImpostorPumpAndProximity {
    @Test
    void aDeviceNeverProvesItselfToAPumpThatCannotProveItself() {
      PumpCredential cloned = PumpCredential.generate(Rig.PUMP_SERIAL, Fixtures.seeded(123)); // same serial, other key
      RogueEndpoint rogue = new RogueEndpoint(cloned, rig);
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(InMemoryTransport.serving(rogue.endpoint)))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_PUMP_SIGNATURE));
      assertThat(rogue.listener.verdicts()).containsExactly(FrameVerdict.ACCEPTED); // the hello only: no response was ever sent

      // A pump the device is not paired with cannot even use its hello: it is signed for the paired pump only.
      RogueEndpoint unknown = new RogueEndpoint(PumpCredential.generate("ITB20-999999", Fixtures.seeded(124)), rig);
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(InMemoryTransport.serving(unknown.endpoint)))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NO_ANSWER));
      assertThat(unknown.listener.verdicts()).containsOnly(FrameVerdict.BAD_SIGNATURE);
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(InMemoryTransport.serving(unknown.endpoint), "ITB20-999999"))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNTRUSTED_PUMP));
    }

    @Test
    void withoutProximityThePumpDoesNotEvenAnswer() {
      rig.proximity = false;
      int mark = rig.listener.size();
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(rig.link()))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NO_ANSWER));
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.NO_PROXIMITY).hasSize(Exchange.MAX_SEND_ATTEMPTS);
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
    }
  }

  /** Availability: an outsider without keys can neither end, abort nor block a legitimate session. */
  @Nested
  class Availability {
    @Test
    void aStrangersHelloDoesNotAbortAHandshakeInProgress() {
      // the id is public: anyone can claim it, unsigned (version 1) or with a forged signature
      byte[] strangersHello = helloFrame(rig.clinician);
      InMemoryTransport link = rig.link((direction, index, frame) -> {
        if (direction == Direction.TO_PUMP && index == 1) { // between the challenge and the response
          deliver(strangersHello);
          deliver(forgedHello(rig.clinician.role(), rig.clinician.deviceId(), Long.MAX_VALUE, 1));
          deliver(forgedHello(rig.clinician.role(), rig.clinician.deviceId(), 2, 2));
        }
        return Optional.of(frame);
      });
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(link);
      assertThat(session.status()).isNotNull();
      assertThat(rig.endpoint.sessionDeviceId()).contains("CP-0001");
    }

    @Test
    void anOutsidersHellosFreshAndReplayedForHoursNeverKeepTheClinicianOrThePatientsDeviceOut() {
      // The outsider knows every device id and role (public) and records everything the devices send.
      // Every 5 minutes for 6 hours of pump time it sends, for every id: a fresh version-2 hello with
      // a forged signature (rising and maximal counters), a version-1 hello, and every frame the
      // devices sent in the last two rounds (hellos, responses, requests). Version 1 let one hello
      // per lockout period keep everyone out, the patient's bolus device included.
      List<List<byte[]>> recordedPerRound = new ArrayList<>();
      List<byte[]> recording = new ArrayList<>();
      org.openitb.link.transport.FrameFault tap = FrameFaults.tap(f -> {
        if (f.direction() == Direction.TO_PUMP) {
          recording.add(f.frame());
        }
      });
      long start = rig.clock.getAsLong();
      long sixHours = 6 * 3_600_000L;
      long forgedCounter = 1;
      int rounds = 0;
      int mark = rig.listener.size();
      while (rig.clock.getAsLong() - start < sixHours) {
        for (DeviceCredential victim : List.of(rig.clinician, rig.patient, rig.readOnly)) {
          forgedCounter++;
          deliver(forgedHello(victim.role(), victim.deviceId(), forgedCounter, forgedCounter));
          deliver(forgedHello(victim.role(), victim.deviceId(), Long.MAX_VALUE - rounds, forgedCounter));
          deliver(helloFrame(victim));
        }
        for (List<byte[]> round : recordedPerRound.subList(Math.max(0, recordedPerRound.size() - 2), recordedPerRound.size())) {
          round.forEach(AttackSuiteTest.this::deliver);
        }
        rig.clock.advance(1_000);

        // at every attempt, first time: no exception, no retry
        ProgrammerSession clinician = rig.device(rig.clinician).openProgrammerSession(rig.link(tap));
        assertThat(clinician.status()).isNotNull();
        PatientSession patient = rig.device(rig.patient).openPatientSession(rig.link(tap));
        assertThat(patient.status()).isNotNull();
        assertThat(rig.endpoint.sessionDeviceIds()).containsExactly("CP-0001", "PTM-0001");
        recordedPerRound.add(List.copyOf(recording));
        recording.clear();
        rounds++;
        rig.clock.advance(299_000);
      }
      assertThat(rounds).isEqualTo(72);
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
      assertThat(rig.pump.deliveryChanges()).isEmpty();
      // only the genuine devices' own frames were ever authenticated
      assertThat(rig.listener.since(mark)).filteredOn(FrameReport::authenticated)
          .allMatch(r -> r.deviceId().equals("CP-0001") || r.deviceId().equals("PTM-0001"));
    }

    @Test
    void aForgedResponseDoesNotAbortAHandshakeInProgress() {
      List<byte[]> challenges = new ArrayList<>();
      InMemoryTransport link = rig.link((direction, index, frame) -> {
        if (direction == Direction.FROM_PUMP && index == 0) {
          challenges.add(frame);
        }
        if (direction == Direction.TO_PUMP && index == 1) {
          // the challenge's session id is in the clear: forge responses for it, before the real one
          long sessionId = FrameHeader.parse(challenges.get(0)).sessionId();
          for (int i = 0; i < 10; i++) {
            byte[] signature = new byte[WireLimits.ED25519_SIGNATURE_BYTES];
            signature[0] = (byte) i;
            deliver(FrameHeader.clearFrame(MessageType.SESSION_RESPONSE, sessionId,
                MessageCodec.encode(new SessionResponse(new Octets(signature)))));
          }
        }
        return Optional.of(frame);
      });
      int transmissions = pumpTransmissions.size();
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(link);
      assertThat(session.status()).isNotNull();
      assertThat(rig.listener.verdicts()).contains(FrameVerdict.BAD_SIGNATURE);
      assertThat(pumpTransmissions.size() - transmissions).as("one refusal for ten forgeries").isEqualTo(1);
    }

    @Test
    void aPatientOrReadOnlySessionDoesNotDisplaceAClinicianWithAPendingProposal() {
      ProgrammerSession clinician = rig.device(rig.clinician).openProgrammerSession(rig.link());
      TherapyPreview preview = clinician.propose(Fixtures.raisedTherapy());
      ArmedSession armed = clinician.arm();

      PatientSession patient = rig.device(rig.patient).openPatientSession(rig.link());
      assertThat(patient.status()).isNotNull();
      patient.close();
      ProgrammerSession readOnly = rig.device(rig.readOnly).openProgrammerSession(rig.link());
      assertThat(readOnly.status()).isNotNull();
      assertThat(rig.endpoint.sessionDeviceIds()).containsExactly("CP-0001", "RO-0001");
      assertThat(rig.listener.verdicts()).doesNotContain(FrameVerdict.SESSION_SUPERSEDED);

      armed.commit(preview);
      assertThat(rig.pump.therapy()).contains(Fixtures.raisedTherapy());
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void idleTcpConnectionsNeverKeepAProgrammerOutOfAServedPump() throws Exception {
      List<java.net.Socket> idle = new ArrayList<>();
      try (org.openitb.link.transport.TcpPumpServer server = org.openitb.link.transport.TcpPumpServer.start(rig.endpoint, 0)) {
        try {
          for (int i = 0; i < org.openitb.link.transport.TcpPumpServer.MAX_CONNECTIONS; i++) {
            idle.add(new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port()));
          }
          try (org.openitb.link.transport.TcpTransport tcp = org.openitb.link.transport.TcpTransport.connect(server.port())) {
            ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(tcp);
            // more idle connections while the programmer talks: they push out idle ones, never the talking one
            for (int i = 0; i < org.openitb.link.transport.TcpPumpServer.MAX_CONNECTIONS; i++) {
              idle.add(new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port()));
              assertThat(session.status()).isNotNull();
            }
            session.close();
          }
        } finally {
          for (java.net.Socket socket : idle) {
            socket.close();
          }
        }
      }
    }

    @Test
    void aSecondClinicianStillReplacesTheFirstClinicianSession() {
      rig.device(rig.clinician).openProgrammerSession(rig.link());
      DeviceCredential second = DeviceCredential.generate("CP-0002", Role.CLINICIAN, Fixtures.seeded(12));
      rig.endpoint.updateTrust(TrustList.of(rig.clinician.trusted(), second.trusted(), rig.readOnly.trusted(), rig.patient.trusted()));
      rig.device(second).openProgrammerSession(rig.link());
      assertThat(rig.endpoint.sessionDeviceIds()).containsExactly("CP-0002");
      assertThat(rig.listener.verdicts()).contains(FrameVerdict.SESSION_SUPERSEDED);
    }
  }

  /** A version-1 (unsigned) hello claiming {@code credential}'s id: anyone can send it. */
  static byte[] helloFrame(DeviceCredential credential) {
    return FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(
        new SessionHello(1, 1, credential.role(), credential.deviceId(), new Octets(X25519.raw(X25519.generate(Fixtures.seeded(7)).getPublic())))));
  }

  /** A genuine version-2 hello of {@code credential} for the rig's pump: only its key holder can make it. */
  static byte[] signedHello(DeviceCredential credential, long counter) {
    byte[] frame = FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(new SessionHello(
        2, 2, credential.role(), credential.deviceId(), new Octets(X25519.raw(X25519.generate(Fixtures.seeded(counter)).getPublic())),
        counter, new Octets(new byte[WireLimits.ED25519_SIGNATURE_BYTES]))));
    byte[] signature = credential.sign(Transcript.helloSigned(Rig.PUMP_SERIAL, frame)).bytes();
    System.arraycopy(signature, 0, frame, frame.length - signature.length, signature.length);
    return frame;
  }

  /** A stranger's version-2 hello claiming {@code deviceId}, with a signature it cannot make (seeded noise). */
  static byte[] forgedHello(Role role, String deviceId, long counter, long seed) {
    byte[] signature = new byte[WireLimits.ED25519_SIGNATURE_BYTES];
    Fixtures.seeded(seed).nextBytes(signature);
    return FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(new SessionHello(
        2, 2, role, deviceId, new Octets(X25519.raw(X25519.generate(Fixtures.seeded(seed)).getPublic())), counter, new Octets(signature))));
  }

  static ClientChannel channelOf(PatientSession session) {
    try {
      var f = PatientSession.class.getDeclaredField("channel");
      f.setAccessible(true);
      return (ClientChannel) f.get(session);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A device credential re-labelled with another role: same id and key, a claim the trust list must refuse. */
  record DeviceCredentialWithRole(DeviceCredential original, Role claimed) {
    DeviceCredential credential() {
      try {
        var keys = DeviceCredential.class.getDeclaredField("keys");
        keys.setAccessible(true);
        return new DeviceCredential(original.deviceId(), claimed, (java.security.KeyPair) keys.get(original));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A pump the device is not paired with (or a clone under a known serial). */
  static final class RogueEndpoint {
    final org.openitb.link.fixtures.RecordingListener listener = new org.openitb.link.fixtures.RecordingListener();
    final PumpEndpoint endpoint;

    RogueEndpoint(PumpCredential identity, Rig rig) {
      endpoint = PumpEndpoint.builder()
          .identity(identity)
          .trust(TrustList.of(rig.clinician.trusted()))
          .drugLibrary(Fixtures.LIBRARY)
          .handler(new FakePump(rig.clock, Optional.empty()))
          .listener(listener)
          .proximity(() -> true)
          .clock(rig.clock)
          .random(Fixtures.seeded(321))
          .build();
    }
  }
}
