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
      deliver(toPump.get(0)); // the pump answers with a fresh challenge: new ephemeral key, new session id
      deliver(toPump.get(1)); // the old signature covers the old challenge
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.ACCEPTED, FrameVerdict.NO_HANDSHAKE);
      assertThat(rig.endpoint.sessionRole()).isEmpty();
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
      DeviceCredential impostor = DeviceCredential.generate(rig.clinician.deviceId(), Role.CLINICIAN, Fixtures.seeded(77));
      int mark = rig.listener.size();
      assertThatThrownBy(() -> rig.device(impostor).openProgrammerSession(rig.link()))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.ACCEPTED, FrameVerdict.BAD_SIGNATURE);
      assertThat(rig.listener.reports().get(rig.listener.size() - 1).authenticated()).isFalse();

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
    void repeatedFailuresLockSessionSetUpOutWithDoublingDelays() {
      assertThat(attempt(guesser).refusal().orElseThrow().retryAfterMillis()).isZero();
      assertThat(attempt(guesser).refusal().orElseThrow().retryAfterMillis()).isZero();
      assertThat(attempt(guesser).refusal().orElseThrow().retryAfterMillis()).isEqualTo(AuthRateLimiter.FIRST_LOCKOUT_MILLIS);

      // Locked out: one notice, then silence; the real clinician is refused too (denial, never delivery).
      SessionSetupException locked = attempt(guesser);
      assertThat(locked.refusal().orElseThrow().reason()).isEqualTo(SessionRefusal.LOCKED_OUT);
      int transmissions = pumpTransmissions.size();
      int mark = rig.listener.size();
      assertThat(attempt(rig.clinician).failure()).isEqualTo(Failure.NO_ANSWER);
      assertThat(attempt(guesser).failure()).isEqualTo(Failure.NO_ANSWER);
      assertThat(pumpTransmissions).hasSize(transmissions); // no challenge, no signature, no transmission
      assertThat(verdictsSince(mark)).containsOnly(FrameVerdict.LOCKED_OUT).hasSize(2 * Exchange.MAX_SEND_ATTEMPTS);

      // Each further failure doubles the lockout.
      for (long expected = 2 * AuthRateLimiter.FIRST_LOCKOUT_MILLIS; expected <= 16_000; expected *= 2) {
        rig.clock.advance(rig.endpoint.lockoutRemainingMillis());
        attempt(guesser);
        assertThat(rig.endpoint.lockoutRemainingMillis()).isEqualTo(expected);
      }

      // After the lockout the real clinician gets in, and success clears the count.
      rig.clock.advance(rig.endpoint.lockoutRemainingMillis());
      rig.device(rig.clinician).openProgrammerSession(rig.link()).status();
      assertThat(rig.endpoint.lockoutRemainingMillis()).isZero();
      assertThat(rig.pump.deliveryChanges()).isEmpty();
    }

    @Test
    void abandonedHandshakesCountAsFailuresSoAHelloFloodCannotDrainTheBattery() {
      byte[] hello = helloFrame(rig.clinician);
      int mark = rig.listener.size();
      for (int i = 0; i < 100; i++) {
        deliver(hello);
      }
      assertThat(verdictsSince(mark).subList(0, AuthRateLimiter.FREE_FAILURES)).containsOnly(FrameVerdict.ACCEPTED);
      assertThat(verdictsSince(mark).subList(AuthRateLimiter.FREE_FAILURES, 100)).containsOnly(FrameVerdict.LOCKED_OUT);
      // Three challenges and one lockout notice, then silence for the other 96 hellos.
      assertThat(pumpTransmissions).hasSize(AuthRateLimiter.FREE_FAILURES + 1);
    }
  }

  @Nested
  class Downgrade {
    @Test
    void aHelloWithNoCommonVersionIsRefused() {
      byte[] future = FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(
          new SessionHello(2, 3, Role.CLINICIAN, "CP-0001", new Octets(new byte[32]))));
      int mark = rig.listener.size();
      byte[] reply = deliver(future).orElseThrow();
      assertThat(new MessageCodec(Fixtures.LIBRARY).decode(MessageType.SESSION_REFUSED, FrameHeader.payload(reply)))
          .isEqualTo(new SessionRefused(SessionRefusal.UNSUPPORTED_VERSION, 0));
      assertThat(verdictsSince(mark)).containsExactly(FrameVerdict.UNSUPPORTED_VERSION);
    }

    @Test
    void aManInTheMiddleChangingTheHellosVersionRangeIsDetectedByTheDevice() {
      // Hello body: min version at byte 12, max version at byte 13 of the frame.
      InMemoryTransport mitm = rig.link((direction, index, frame) -> {
        if (direction == Direction.TO_PUMP && index == 0) {
          byte[] changed = frame.clone();
          changed[13] = 2;
          return Optional.of(changed);
        }
        return Optional.of(frame);
      });
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(mitm))
          .isInstanceOfSatisfying(SessionSetupException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_PUMP_SIGNATURE));
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

      RogueEndpoint unknown = new RogueEndpoint(PumpCredential.generate("ITB20-999999", Fixtures.seeded(124)), rig);
      assertThatThrownBy(() -> rig.device(rig.clinician).openProgrammerSession(InMemoryTransport.serving(unknown.endpoint)))
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
      byte[] strangersHello = helloFrame(rig.clinician); // the id is public: anyone can claim it
      InMemoryTransport link = rig.link((direction, index, frame) -> {
        if (direction == Direction.TO_PUMP && index == 1) { // between the challenge and the response
          deliver(strangersHello);
          deliver(strangersHello);
        }
        return Optional.of(frame);
      });
      ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(link);
      assertThat(session.status()).isNotNull();
      assertThat(rig.endpoint.sessionDeviceId()).contains("CP-0001");
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

  static byte[] helloFrame(DeviceCredential credential) {
    return FrameHeader.clearFrame(MessageType.SESSION_HELLO, 0, MessageCodec.encode(
        new SessionHello(1, 1, credential.role(), credential.deviceId(), new Octets(X25519.raw(X25519.generate(Fixtures.seeded(7)).getPublic())))));
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
