// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;

/**
 * The byte-level codecs at their edges: a flex prescription with scheduled and patient boluses as
 * its golden bytes (the settings copy's golden vector holds only a simple one), the stopped basal,
 * every corrupt form refused, and the reader's bounds.
 */
class CodecEdgesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final DrugLibrary LIBRARY = DrugLibrary.standard();
  private static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);

  private static Prescription full() {
    return new Prescription(DrugLibrary.baclofen(), C500,
        new FlexSchedule(List.of(new FlexStep(LocalTime.of(6, 30), DoseRate.ofMicrogramsPerDay(400)),
            new FlexStep(LocalTime.of(22, 0), DoseRate.ofMicrogramsPerDay(200)))),
        List.of(new ScheduledBolus(LocalTime.of(8, 15), Mass.ofMicrograms(25), Duration.ofMinutes(30))),
        Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(20), Duration.ofMinutes(10), Duration.ofHours(3), 4)));
  }

  private static final String FULL = "08" + "6261636c6f66656e" // "baclofen"
      + "000000000007a120" // 500 000 ng/mL
      + "02" + "02" // FLEX, two steps:
      + "00000186" + "0000000000061a80" // 06:30 (minute 390), 400 000 ng/day
      + "00000528" + "0000000000030d40" // 22:00 (minute 1320), 200 000 ng/day
      + "01" + "000001ef" + "00000000000061a8" + "000000000000001e" // one scheduled bolus: 08:15 (495), 25 000 ng, 30 min
      + "01" + "0000000000004e20" + "000000000000000a" + "0000000000a4cb80" + "00000004"; // patient: 20 000 ng, 10 min, 3 h, 4/day

  private static byte[] bytes(Prescription p) {
    ByteWriter w = new ByteWriter();
    PrescriptionCodec.write(w, p);
    return w.toArray();
  }

  private static Prescription read(byte[] b) {
    ByteReader r = new ByteReader(b, 0, b.length);
    Prescription p = PrescriptionCodec.read(r, LIBRARY);
    r.expectEnd();
    return p;
  }

  @Test
  void aFlexPrescriptionWithBolusesIsExactlyItsGoldenBytes() {
    assertThat(HEX.formatHex(bytes(full()))).isEqualTo(FULL);
    assertThat(read(HEX.parseHex(FULL))).isEqualTo(full());
    assertThat(PrescriptionCodec.checksum(full())).isEqualTo(Checksums.crc32(HEX.parseHex(FULL), 0, FULL.length() / 2));
    assertThat(PrescriptionCodec.checksum(full())).isNotEqualTo(PrescriptionCodec.checksum(
        Prescription.simple(DrugLibrary.baclofen(), C500, DoseRate.ofMicrogramsPerDay(400))));
  }

  @Test
  void aStoppedBasalIsOneByte() {
    Prescription stopped = new Prescription(DrugLibrary.baclofen(), C500, new Stopped(), List.of(),
        Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(20), Duration.ofMinutes(10), Duration.ofHours(3), 4)));
    String hex = HEX.formatHex(bytes(stopped));
    assertThat(hex).startsWith("08" + "6261636c6f66656e" + "000000000007a120" + "00" + "00" + "01");
    assertThat(read(bytes(stopped))).isEqualTo(stopped);
  }

  @Test
  void everyCorruptPrescriptionIsRefused() {
    String head = "08" + "6261636c6f66656e" + "000000000007a120";
    List<String> bad = List.of(
        head + "03", // no basal kind 3
        head + "02" + "19", // 25 flex steps: more than the 24 stored
        head + "02" + "01" + "000005a0" + "0000000017d78400" + "00" + "00", // a step at minute 1440: not a time of day
        head + "01" + "0000000017d78400" + "09", // 9 scheduled boluses: more than the 8 stored
        head + "01" + "0000000017d78400" + "00" + "02", // a presence byte of 2
        head + "01" + "0000000017d78400" + "00" + "01" + "0000000000004e20" + "000000000000000a" + "0000000000000000" + "00000004",
        // a lockout shorter than the bolus: the allowance does not validate
        "08" + "6d6f727068696e65" + "000000000007a120" + "01" + "0000000017d78400" + "00" + "00"); // "morphine": not in the library
    for (String b : bad) {
      assertThatThrownBy(() -> read(HEX.parseHex(b))).as(b).isInstanceOf(CorruptDataException.class);
    }
    // the largest counts the store allows still read
    assertThat(read(bytes(Prescription.simple(DrugLibrary.baclofen(), C500, DoseRate.ofMicrogramsPerDay(1))))).isNotNull();
  }

  @Test
  void theReaderRefusesEveryOverrunAndCountsUpToItsMaximum() {
    byte[] four = {0, 0, 0, 5};
    assertThat(new ByteReader(four, 0, 4).getInt()).isEqualTo(5);
    assertThatThrownBy(() -> new ByteReader(four, 1, 4)).isInstanceOf(CorruptDataException.class).hasMessage("bad range 1+4");
    assertThatThrownBy(() -> new ByteReader(four, -1, 2)).isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(() -> new ByteReader(four, 0, -1)).isInstanceOf(CorruptDataException.class);
    assertThat(new ByteReader(four, 0, 4).getCount(0)).isZero();
    assertThat(new ByteReader(four, 3, 1).getCount(5)).isEqualTo(5);
    assertThatThrownBy(() -> new ByteReader(four, 3, 1).getCount(4)).isInstanceOf(CorruptDataException.class).hasMessage("count 5 > 4");
    ByteReader r = new ByteReader(four, 0, 3);
    assertThatThrownBy(r::getInt).isInstanceOf(CorruptDataException.class).hasMessage("read past the end");
    ByteReader partial = new ByteReader(four, 0, 4);
    partial.getByte();
    assertThatThrownBy(partial::expectEnd).isInstanceOf(CorruptDataException.class).hasMessage("3 trailing bytes");
    assertThat(new ByteReader(new byte[] {1}, 0, 1).getBoolean()).isTrue();
    assertThat(new ByteReader(new byte[] {0}, 0, 1).getBoolean()).isFalse();
    assertThatThrownBy(() -> new ByteReader(new byte[] {2}, 0, 1).getBoolean()).isInstanceOf(CorruptDataException.class).hasMessage("boolean 2");
    assertThatThrownBy(() -> new ByteReader(new byte[] {3, 'a', 'b'}, 0, 3).getString()).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void theWriterStoresBigEndianAndRefusesAStringTooLongToCount() {
    ByteWriter w = new ByteWriter().putInt(0x01020304).putLong(-2).putBoolean(true).putString("é");
    assertThat(HEX.formatHex(w.toArray())).isEqualTo("01020304" + "fffffffffffffffe" + "01" + "02" + "c3a9");
    assertThat(w.length()).isEqualTo(4 + 8 + 1 + 3);
    ByteReader r = new ByteReader(w.toArray(), 0, w.length());
    assertThat(r.getInt()).isEqualTo(0x01020304);
    assertThat(r.getLong()).isEqualTo(-2);
    assertThat(r.getBoolean()).isTrue();
    assertThat(r.getString()).isEqualTo("é");
    r.expectEnd();
    assertThat(new ByteWriter().putString("x".repeat(255)).length()).isEqualTo(256);
    assertThatThrownBy(() -> new ByteWriter().putString("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    // a long buffer grows without losing what it held
    ByteWriter big = new ByteWriter();
    for (int i = 0; i < 3000; i++) {
      big.putByte(i);
    }
    assertThat(big.length()).isEqualTo(3000);
    assertThat(big.toArray()[2999]).isEqualTo((byte) (2999 & 0xff));
    assertThat(big.toArray()[256]).isEqualTo((byte) 0);
    big.reset();
    assertThat(big.length()).isZero();
  }

  @Test
  void aReusedWriterZeroFillsCopiesSlicesAndGrowsForEveryKindOfPut() {
    ByteWriter w = new ByteWriter();
    for (int i = 0; i < 8; i++) {
      w.putByte(0xff);
    }
    w.reset(); // the buffer still holds the 0xff bytes: zeros must be written, not skipped
    byte[] src = {9, 8, 7, 6};
    w.putZeros(3).putBytes(src, 1, 2).putZeros(1).putByte(5);
    assertThat(HEX.formatHex(w.toArray())).isEqualTo("000000" + "0807" + "00" + "05");
    // past the initial 256 bytes: zeros and a string each grow the buffer
    ByteWriter zeros = new ByteWriter().putByte(1).putZeros(300).putByte(2);
    assertThat(zeros.length()).isEqualTo(302);
    assertThat(zeros.toArray()[301]).isEqualTo((byte) 2);
    String id = "x".repeat(255);
    ByteWriter string = new ByteWriter().putLong(7).putString(id);
    assertThat(string.length()).isEqualTo(8 + 1 + 255);
    ByteReader r = new ByteReader(string.toArray(), 0, string.length());
    assertThat(r.getLong()).isEqualTo(7);
    assertThat(r.getString()).isEqualTo(id);
    r.expectEnd();
  }

  @Test
  void aLongIsNeverReadPastItsWindowEvenWhenTheArrayGoesOn() {
    byte[] sixteen = new byte[16];
    sixteen[7] = 1;
    assertThat(new ByteReader(sixteen, 0, 8).getLong()).isEqualTo(1);
    assertThatThrownBy(() -> new ByteReader(sixteen, 0, 7).getLong()).isInstanceOf(CorruptDataException.class)
        .hasMessage("read past the end");
  }

  @Test
  void anEventWithTrailingBytesDoesNotDecode() {
    ByteWriter w = new ByteWriter();
    int type = EventCodec.encode(new org.openitb.firmware.PumpEvent.TelemetryFramesSuppressed(3), w);
    assertThat(EventCodec.decode(type, new ByteReader(w.toArray(), 0, w.length())))
        .isEqualTo(new org.openitb.firmware.PumpEvent.TelemetryFramesSuppressed(3));
    w.putByte(0);
    assertThatThrownBy(() -> EventCodec.decode(type, new ByteReader(w.toArray(), 0, w.length()))).isInstanceOf(CorruptDataException.class)
        .hasMessage("1 trailing bytes");
  }
}
