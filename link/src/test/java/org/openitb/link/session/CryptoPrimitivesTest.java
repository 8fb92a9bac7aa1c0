// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openitb.link.codec.MalformedMessageException;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.message.ClinicianBolus;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.WireLimits;
import org.openitb.therapy.units.Mass;

/**
 * The hand-written crypto plumbing against independent references: RFC 5869's HKDF vectors, and
 * sealed frames and session keys computed with Python's {@code cryptography} package.
 */
class CryptoPrimitivesTest {
  static final HexFormat HEX = HexFormat.of();

  static byte[] run(int first, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  static byte[] repeat(int value, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] prk = Hkdf.extract(run(0x00, 13), repeat(0x0b, 22));
    assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    assertThat(HEX.formatHex(Hkdf.expand(prk, run(0xf0, 10), 42)))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void hkdfMatchesRfc5869TestCase2WithMultipleBlocks() {
    byte[] prk = Hkdf.extract(run(0x60, 80), run(0x00, 80));
    assertThat(HEX.formatHex(Hkdf.expand(prk, run(0xb0, 80), 82))).isEqualTo(
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  @Test
  void hkdfMatchesRfc5869TestCase3WithoutSaltOrInfo() {
    byte[] prk = Hkdf.extract(new byte[0], repeat(0x0b, 22));
    assertThat(HEX.formatHex(Hkdf.expand(prk, new byte[0], 42)))
        .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    assertThatThrownBy(() -> Hkdf.expand(prk, new byte[0], 255 * 32 + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sessionKeysAreTheDocumentedDerivation() {
    SessionKeys keys = SessionKeys.derive(run(0x20, 32), run(0x40, 32));
    assertThat(HEX.formatHex(keys.toPumpKey())).isEqualTo("1e2c7c65350534eeeb195443dfa4e315");
    assertThat(HEX.formatHex(keys.toPumpIv())).isEqualTo("e9d718701b7629d8df17b6ec");
    assertThat(HEX.formatHex(keys.fromPumpKey())).isEqualTo("32f617e7124e1fa3236cc1168f7b204a");
    assertThat(HEX.formatHex(keys.fromPumpIv())).isEqualTo("fa6c475f15e5aa6bea8ea604");
  }

  @Test
  void sealedFramesAreTheGoldenBytes() {
    CipherState sender = new CipherState(run(0x00, 16), run(0x10, 12), 0x01020304L);
    // version | type | session id | sequence | length | tag
    assertThat(HEX.formatHex(sender.seal(MessageType.STATUS_REQUEST, new byte[0])))
        .isEqualTo("01" + "10" + "01020304" + "00000001" + "0010" + "7be456492c44828de7fb1df53d51beb8");
    for (int seq = 2; seq < 7; seq++) {
      sender.seal(MessageType.STATUS_REQUEST, new byte[0]);
    }
    byte[] bolus = MessageCodec.encode(new ClinicianBolus(Mass.ofMicrograms(50), java.time.Duration.ofMinutes(30)));
    assertThat(HEX.formatHex(sender.seal(MessageType.CLINICIAN_BOLUS, bolus)))
        .isEqualTo("01" + "30" + "01020304" + "00000007" + "0016" + "f540ab824313" + "19465233977fb90e38d8c56bc40f59cc");
  }

  @Test
  void aFrameOpensOnlyWithItsOwnDirectionsKeyAndUnchangedHeader() {
    SessionKeys keys = SessionKeys.derive(run(0x20, 32), run(0x40, 32));
    CipherState device = new CipherState(keys.toPumpKey(), keys.toPumpIv(), 77);
    CipherState pump = new CipherState(keys.toPumpKey(), keys.toPumpIv(), 77);
    CipherState reflected = new CipherState(keys.fromPumpKey(), keys.fromPumpIv(), 77);
    byte[] frame = device.seal(MessageType.STATUS_REQUEST, new byte[0]);
    assertThat(pump.open(FrameHeader.parse(frame), frame)).contains(new byte[0]);
    assertThat(reflected.open(FrameHeader.parse(frame), frame)).isEmpty();
    byte[] retyped = frame.clone();
    retyped[1] = (byte) MessageType.THERAPY_READ.code(); // the header is associated data
    assertThat(pump.open(FrameHeader.parse(retyped), retyped)).isEmpty();
  }

  @Test
  void smallOrderX25519KeysAreRefused() {
    var own = X25519.generate(Fixtures.seeded(1)).getPrivate();
    assertThat(X25519.agree(own, new byte[32])).isEmpty(); // u = 0
    byte[] one = new byte[32];
    one[0] = 1; // u = 1, little-endian
    assertThat(X25519.agree(own, one)).isEmpty();
    assertThat(X25519.agree(own, X25519.raw(X25519.generate(Fixtures.seeded(2)).getPublic()))).isPresent();
  }

  @Test
  void theHeaderParserChecksEveryField() {
    byte[] good = new CipherState(new byte[16], new byte[12], 5).seal(MessageType.STATUS_REQUEST, new byte[0]);
    assertThat(FrameHeader.parse(good)).isEqualTo(new FrameHeader(1, MessageType.STATUS_REQUEST, 5, 1, 16));
    byte[] badVersion = good.clone();
    badVersion[0] = 2;
    byte[] unknownType = good.clone();
    unknownType[1] = (byte) 0xEE;
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    byte[] noTag = FrameHeader.clearFrame(MessageType.STATUS_REQUEST, 5, new byte[3]);
    for (byte[] bad : new byte[][] {badVersion, unknownType, longer, noTag, new byte[WireLimits.MAX_FRAME_BYTES + 1], new byte[11]}) {
      assertThatThrownBy(() -> FrameHeader.parse(bad)).isInstanceOf(MalformedMessageException.class);
    }
  }
}
