// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openitb.link.codec.DecoderFuzzTestAccess;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.fixtures.Rig;
import org.openitb.link.message.Direction;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.ClinicianBolus;
import org.openitb.link.message.Message;
import org.openitb.link.message.PatientBolusRequest;
import org.openitb.link.message.Request;
import org.openitb.link.message.StatusRequest;
import org.openitb.link.message.TherapyRead;
import org.openitb.link.transport.FrameFaults;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.units.Mass;

/**
 * Bounded, seeded fuzzing of the frame parsers on both ends: mutated real frames and random
 * bytes into the pump's endpoint, and mutated pump answers into a device's handshake and
 * session. Nothing may throw except the documented types, every frame gets a report, and no
 * fuzzed frame ever reaches the pump's handler as a delivery change.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameFuzzTest {
  static final int ENDPOINT_ITERATIONS = 20_000;
  static final int HANDSHAKE_ITERATIONS = 1_000;
  static final int REOPEN_EVERY = 500;

  @Test
  void thePumpEndpointSurvivesAnyFrameAndReportsEachOne() {
    Rig rig = new Rig();
    List<byte[]> corpus = capturedWorkflow(rig);
    int legitimateChanges = rig.pump.deliveryChanges().size();
    Random random = new Random(7_000_001L);
    List<byte[]> live = new ArrayList<>();
    for (int i = 0; i < ENDPOINT_ITERATIONS; i++) {
      if (i % REOPEN_EVERY == 0) {
        // Keep a live read-only session and a usable rate limiter, and seal frames in it (delivery
        // changes included, bypassing the device's gate), so tag, replay and role checks are fuzzed too.
        rig.clock.advance(rig.endpoint.lockoutRemainingMillis());
        ProgrammerSession session = rig.device(rig.readOnly).openProgrammerSession(rig.link());
        ClientChannel channel = SessionWorkflowTest.channelOf(session);
        live.clear();
        for (Request r : List.<Request>of(new StatusRequest(), new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(5)),
            new StatusRequest(), new PatientBolusRequest(Mass.ofMicrograms(25)), new TherapyRead())) {
          live.add(channel.send.seal(r.type(), MessageCodec.encode(r)));
        }
      }
      List<byte[]> pool = random.nextBoolean() ? live : corpus;
      byte[] frame = random.nextInt(5) == 0
          ? DecoderFuzzTestAccess.randomBytes(random)
          : DecoderFuzzTestAccess.mutate(random, pool.get(random.nextInt(pool.size())));
      int reportsBefore = rig.listener.size();
      try {
        rig.endpoint.onFrame(frame);
      } catch (Throwable t) {
        fail("pump endpoint threw on " + HexFormat.of().formatHex(frame), t);
      }
      assertThat(rig.listener.size()).as("a report for %s", HexFormat.of().formatHex(frame)).isGreaterThan(reportsBefore);
    }
    assertThat(rig.pump.deliveryChanges()).hasSize(legitimateChanges);
    java.util.Map<FrameVerdict, Long> seen = rig.listener.reports().stream()
        .collect(java.util.stream.Collectors.groupingBy(FrameReport::verdict, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    // The fuzzer must reach past the header parser into every defence, or it proves little.
    assertThat(seen).containsKeys(FrameVerdict.MALFORMED, FrameVerdict.TAMPERED, FrameVerdict.WRONG_DIRECTION, FrameVerdict.NO_HANDSHAKE,
        FrameVerdict.BAD_SIGNATURE, FrameVerdict.NO_SESSION, FrameVerdict.STALE_SESSION, FrameVerdict.REPLAY, FrameVerdict.WRONG_ROLE);
  }

  @Test
  void aDeviceSurvivesAnyAnswerAndNeverTrustsAForgedOne() {
    Rig rig = new Rig();
    List<byte[]> answers = new ArrayList<>();
    ProgrammerSession session = rig.device(rig.clinician).openProgrammerSession(
        rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.FROM_PUMP) answers.add(f.frame()); })));
    session.status();
    ClientChannel channel = SessionWorkflowTest.channelOf(session);
    Random random = new Random(7_000_002L);
    for (int i = 0; i < ENDPOINT_ITERATIONS; i++) {
      byte[] frame = DecoderFuzzTestAccess.mutate(random, answers.get(random.nextInt(answers.size())));
      try {
        Optional<Message> opened = channel.openFromPump(frame);
        assertThat(opened).as("forged answer accepted: %s", HexFormat.of().formatHex(frame)).isEmpty();
      } catch (Throwable t) {
        fail("device threw on " + HexFormat.of().formatHex(frame), t);
      }
    }
    assertThat(session.status()).isNotNull(); // the real session still works
  }

  @Test
  void aHandshakeAgainstGarbledAnswersFailsOnlyWithASetupException() {
    Rig rig = new Rig();
    List<byte[]> answers = new ArrayList<>();
    rig.device(rig.clinician).openProgrammerSession(
        rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.FROM_PUMP) answers.add(f.frame()); }))).close();
    Random random = new Random(7_000_003L);
    int opened = 0;
    for (int i = 0; i < HANDSHAKE_ITERATIONS; i++) {
      GarbledPump garbled = new GarbledPump(answers, random);
      try {
        rig.device(rig.clinician).openProgrammerSession(garbled);
        opened++;
      } catch (SessionSetupException expected) {
        // the only acceptable failure
      } catch (Throwable t) {
        fail("handshake threw", t);
      }
    }
    assertThat(opened).isZero(); // recorded answers never fit a new handshake's fresh keys
  }

  /** Answers every frame with a mutated recording of a real pump's answers. */
  static final class GarbledPump implements Transport {
    private final List<byte[]> answers;
    private final Random random;
    private byte[] pending;

    GarbledPump(List<byte[]> answers, Random random) {
      this.answers = answers;
      this.random = random;
    }

    @Override
    public void send(byte[] frame) {
      byte[] answer = answers.get(random.nextInt(answers.size()));
      pending = random.nextBoolean() ? answer : DecoderFuzzTestAccess.mutate(random, answer);
    }

    @Override
    public Optional<byte[]> receive() {
      byte[] p = pending;
      pending = null;
      return Optional.ofNullable(p);
    }

    @Override
    public void close() {}
  }

  /** Frames to the pump from a complete clinician workflow, and a few hellos. */
  static List<byte[]> capturedWorkflow(Rig rig) {
    List<byte[]> toPump = new ArrayList<>();
    ProgrammerSession s = rig.device(rig.clinician).openProgrammerSession(
        rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); })));
    s.status();
    s.therapy();
    s.eventsSince(0, 16);
    s.arm().commit(s.propose(Fixtures.flexTherapy())); // keeps the patient allowance for the bolus below
    s.arm().clinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30));
    s.close();
    PatientSession p = rig.device(rig.patient).openPatientSession(
        rig.link(FrameFaults.tap(f -> { if (f.direction() == Direction.TO_PUMP) toPump.add(f.frame()); })));
    p.requestBolus(p.status().bolusDose());
    p.close();
    return toPump;
  }
}
