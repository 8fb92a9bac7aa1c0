// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openitb.link.Role;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.message.*;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Golden byte vectors: every message type with bytes written out field by field from
 * PROTOCOL.md (fields separated by '|'). A change to any layout breaks a vector here first.
 */
class GoldenVectorsTest {
  static final String T0 = "00 00 01 9c a8 bb b5 c0"; // 1_772_357_400_000 ms = 2026-03-01T09:30Z
  static final String BACLOFEN = "08 62 61 63 6c 6f 66 65 6e";
  static final String CP_0001 = "07 43 50 2d 30 30 30 31";
  static final String SIMPLE_300 = BACLOFEN + "| 00 07 a1 20 | 01 | 00 04 93 e0 | 00 | 00 | 00 1e 84 80";
  static final String SIMPLE_400 = BACLOFEN + "| 00 07 a1 20 | 01 | 00 06 1a 80 | 00 | 00 | 00 1e 84 80";
  static final String SIMPLE_300_SUM = "d4 7e d7 a2 a4 f6 14 85";
  static final String SIMPLE_400_SUM = "01 53 06 6b 9e aa ce 67";
  static final String FLEX_SUM = "95 94 c2 06 65 b7 98 b9";
  static final MessageCodec CODEC = new MessageCodec(Fixtures.LIBRARY);

  record Vector(String name, Message message, String hex) {
    byte[] bytes() {
      return HexFormat.of().parseHex(hex.replaceAll("[ |]", ""));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Octets run(int first, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return new Octets(b);
  }

  static String runHex(int first, int n) {
    return HexFormat.of().formatHex(run(first, n).bytes());
  }

  static TherapyChecksum sum(String hex) {
    return TherapyChecksum.fromHex(hex.replace(" ", ""));
  }

  static List<Vector> vectors() {
    return List.of(
        new Vector("hello", new SessionHello(2, 2, Role.CLINICIAN, "CP-0001", run(0x01, 32), 0x0102030405060708L, run(0x41, 64)),
            "02 | 02 | 01 |" + CP_0001 + "|" + runHex(0x01, 32) + "| 01 02 03 04 05 06 07 08 |" + runHex(0x41, 64)),
        new Vector("hello of the retired version 1 (no counter, no signature)", new SessionHello(1, 1, Role.CLINICIAN, "CP-0001", run(0x01, 32)),
            "01 | 01 | 01 |" + CP_0001 + "|" + runHex(0x01, 32)),
        new Vector("challenge", new SessionChallenge(2, "ITB20-000123", run(0x21, 32), run(0x41, 64)),
            "02 | 0c 49 54 42 32 30 2d 30 30 30 31 32 33 |" + runHex(0x21, 32) + "|" + runHex(0x41, 64)),
        new Vector("response", new SessionResponse(run(0x41, 64)), runHex(0x41, 64)),
        new Vector("accept", new SessionAccept(Role.CLINICIAN, 1800, 300, Fixtures.T0), "01 | 07 08 | 01 2c |" + T0),
        new Vector("refused", new SessionRefused(SessionRefusal.LOCKED_OUT, 2000), "02 | 00 00 07 d0"),
        new Vector("close", new SessionClose(), ""),
        new Vector("status request", new StatusRequest(), ""),
        new Vector("status report", new StatusReport(
                Fixtures.T0, 60, Volume.ofMillilitres(15), DeliveryState.DELIVERING, 0, DoseRate.ofMicrogramsPerDay(400),
                BatteryState.OK, 87, false, true, List.of(0x0201), 42, sum(FLEX_SUM)),
            T0 + "| 00 3c | 00 e4 e1 c0 | 00 | 00 00 00 00 00 00 00 00 | 00 06 1a 80 | 00 | 57 | 02 | 01 | 02 01 | 00 00 00 2a |" + FLEX_SUM),
        new Vector("therapy read", new TherapyRead(), ""),
        new Vector("therapy report", new TherapyReport(Optional.of(Fixtures.simpleTherapy()), sum(SIMPLE_300_SUM)),
            "01 |" + SIMPLE_300 + "|" + SIMPLE_300_SUM),
        new Vector("therapy report, never programmed", new TherapyReport(Optional.empty(), TherapyChecksum.NONE),
            "00 | 00 00 00 00 00 00 00 00"),
        new Vector("events since", new EventsSince(41, 16), "00 00 00 29 | 10"),
        new Vector("events page", new EventsPage(List.of(
                new LogEvent(41, Fixtures.T0, 0x0010, -5, "CP-0001"), new LogEvent(42, Fixtures.T0 + 1000, 0x0201, 0, "")), 1, true),
            "00 00 00 01 | 01 | 02"
                + "| 00 00 00 29 |" + T0 + "| 00 10 | ff ff ff ff ff ff ff fb |" + CP_0001
                + "| 00 00 00 2a | 00 00 01 9c a8 bb b9 a8 | 02 01 | 00 00 00 00 00 00 00 00 | 00"),
        new Vector("propose flex therapy", new ProposeTherapy(Fixtures.flexTherapy()),
            BACLOFEN + "| 00 1e 84 80 | 02 | 02 | 01 68 00 06 1a 80 | 05 28 00 04 93 e0"
                + "| 01 | 01 e0 00 00 c3 50 00 1e | 01 | 00 00 61 a8 00 0a 00 b4 04 | 00 2d c6 c0"),
        new Vector("preview", new TherapyPreview(Optional.of(Fixtures.simpleTherapy()), Fixtures.raisedTherapy(), sum(SIMPLE_400_SUM)),
            "01 |" + SIMPLE_300 + "|" + SIMPLE_400 + "|" + SIMPLE_400_SUM),
        new Vector("commit", new CommitTherapy(sum(SIMPLE_400_SUM)), SIMPLE_400_SUM),
        new Vector("commit, co-signed", new CommitTherapy(sum(SIMPLE_400_SUM), Optional.of(new CoSignature("CP-0002", run(0x40, 64)))),
            SIMPLE_400_SUM + "| 07 43 50 2d 30 30 30 32 |" + runHex(0x40, 64)),
        new Vector("commit ack", new CommitAck(sum(SIMPLE_400_SUM), 43, Fixtures.T0), SIMPLE_400_SUM + "| 00 00 00 2b |" + T0),
        new Vector("clinician bolus", new ClinicianBolus(Mass.ofMicrograms(50), Duration.ofMinutes(30)), "00 00 c3 50 | 00 1e"),
        new Vector("priming bolus", new PrimingBolus(Volume.ofMicrolitres(250), Duration.ofMinutes(60)), "00 03 d0 90 | 00 3c"),
        new Vector("bridge bolus", new BridgeBolus(Volume.ofMicrolitres(250), Duration.ofMinutes(605)), "00 03 d0 90 | 02 5d"),
        new Vector("refill", new Refill(Volume.ofMillilitres(20), DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(2000),
                Volume.ofMicrolitres(1200)),
            "01 31 2d 00 |" + BACLOFEN + "| 00 1e 84 80 | 00 12 4f 80"),
        new Vector("refill, co-signed", new Refill(Volume.ofMillilitres(20), DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(2000),
                Volume.ofMicrolitres(1200), Optional.of(new CoSignature("CP-0002", run(0x40, 64)))),
            "01 31 2d 00 |" + BACLOFEN + "| 00 1e 84 80 | 00 12 4f 80 | 07 43 50 2d 30 30 30 32 |" + runHex(0x40, 64)),
        new Vector("set clock", new SetClock(Fixtures.T0, 60), T0 + "| 00 3c"),
        new Vector("set clock, west of UTC", new SetClock(Fixtures.T0, -300), T0 + "| fe d4"),
        new Vector("stop", new StopDelivery(Duration.ofHours(2)), "00 78"),
        new Vector("stop, co-signed", new StopDelivery(Duration.ofDays(3), Optional.of(new CoSignature("CP-0002", run(0x40, 64)))),
            "10 e0 | 07 43 50 2d 30 30 30 32 |" + runHex(0x40, 64)),
        new Vector("resume", new ResumeDelivery(), ""),
        new Vector("clear alarms", new ClearAlarms(List.of(0x0201, 0x0105)), "02 | 02 01 | 01 05"),
        new Vector("alarm test", new AlarmTest(), ""),
        new Vector("command ack", new CommandAck(MessageType.CLINICIAN_BOLUS, 42, Fixtures.T0), "30 | 00 00 00 2a |" + T0),
        new Vector("patient status request", new PatientStatusRequest(), ""),
        new Vector("patient status report", new PatientStatusReport(Fixtures.T0, true, Mass.ofMicrograms(25), 3, 5400, false, false, true),
            T0 + "| 09 | 00 00 61 a8 | 03 | 00 00 15 18"),
        new Vector("patient bolus request", new PatientBolusRequest(Mass.ofMicrograms(25)), "00 00 61 a8"),
        new Vector("patient bolus granted", PatientBolusReply.granted(Mass.ofMicrograms(25), 2, 10800, 44),
            "00 | 00 00 61 a8 | 02 | 00 00 2a 30 | 00 00 00 2c"),
        new Vector("patient bolus refused", PatientBolusReply.refused(BolusRefusal.LOCKOUT, 2, 3600),
            "02 | 00 00 00 00 | 02 | 00 00 0e 10 | 00 00 00 00"),
        new Vector("error", new ErrorReply(ErrorCode.INVALID_VALUE, "dose", "above hard max"),
            "03 | 04 64 6f 73 65 | 0e 61 62 6f 76 65 20 68 61 72 64 20 6d 61 78"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesToTheGoldenBytes(Vector v) {
    assertThat(HexFormat.of().formatHex(MessageCodec.encode(v.message()))).isEqualTo(HexFormat.of().formatHex(v.bytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesTheGoldenBytes(Vector v) {
    assertThat(CODEC.decode(v.message().type(), v.bytes())).isEqualTo(v.message());
  }

  @Test
  void everyMessageTypeHasAVector() {
    Set<MessageType> covered = vectors().stream().map(v -> v.message().type()).collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(MessageType.class));
  }

  @Test
  void theCoSignedBytesAreContextSerialRunningAndProposedChecksums() {
    // PROTOCOL.md 8.10: "OpenITB link v1 co-sign" | str8 serial | running checksum | proposed checksum
    assertThat(HexFormat.of().formatHex(CoSignature.signedBytes("ITB20-000123", sum(SIMPLE_300_SUM), sum(SIMPLE_400_SUM))))
        .isEqualTo(("4f 70 65 6e 49 54 42 20 6c 69 6e 6b 20 76 31 20 63 6f 2d 73 69 67 6e | 0c 49 54 42 32 30 2d 30 30 30 31 32 33 |"
            + SIMPLE_300_SUM + "|" + SIMPLE_400_SUM).replaceAll("[ |]", ""));
  }

  @Test
  void theGoldenChecksumsAreTheTherapiesChecksums() {
    assertThat(MessageCodec.checksum(Fixtures.simpleTherapy())).isEqualTo(sum(SIMPLE_300_SUM));
    assertThat(MessageCodec.checksum(Fixtures.raisedTherapy())).isEqualTo(sum(SIMPLE_400_SUM));
    assertThat(MessageCodec.checksum(Fixtures.flexTherapy())).isEqualTo(sum(FLEX_SUM));
    assertThat(MessageCodec.checksum(Optional.empty())).isEqualTo(TherapyChecksum.NONE);
  }

  @Test
  void everyRecordClassIsTheClassItsTypeNames() {
    for (Vector v : vectors()) {
      assertThat(v.message()).isInstanceOf(v.message().type().messageClass());
    }
    assertThat(Stream.of(MessageType.values()).map(MessageType::code).distinct().count()).isEqualTo(MessageType.values().length);
    assertThat(Arrays.stream(MessageType.values()).filter(t -> t.needsArming()).allMatch(MessageType::changesDelivery)).isTrue();
  }
}
