// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openitb.link.fixtures.Fixtures;
import org.openitb.link.message.Message;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.WireLimits;

/**
 * Bounded, seeded fuzzing of every body decoder: mutations of the golden bodies, bodies of one
 * type fed to another, and random bytes. The only allowed failure is
 * {@link MalformedMessageException}; whatever decodes must re-encode to exactly the input bytes
 * (the encoding is canonical, so no two byte strings mean the same message). The timeout only
 * guards against a hang; it is not a performance assertion.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecoderFuzzTest {
  static final long SEED = 20260301L;
  static final int ITERATIONS = 20_000;
  static final int MAX_RANDOM_LENGTH = 600;
  static final MessageCodec CODEC = new MessageCodec(Fixtures.LIBRARY);
  static final List<byte[]> CORPUS = GoldenVectorsTest.vectors().stream().map(GoldenVectorsTest.Vector::bytes).toList();
  static final List<MessageType> CORPUS_TYPES = GoldenVectorsTest.vectors().stream().map(v -> v.message().type()).toList();

  @Test
  void decodersRejectMalformedInputOnlyWithTheTypedExceptionAndAcceptOnlyCanonicalBodies() {
    Random random = new Random(SEED);
    int decoded = 0;
    int refused = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      int pick = random.nextInt(CORPUS.size());
      MessageType type = CORPUS_TYPES.get(pick);
      byte[] input = switch (random.nextInt(4)) {
        case 0 -> randomBytes(random);
        case 1 -> CORPUS.get(random.nextInt(CORPUS.size())); // another type's valid body
        default -> mutate(random, CORPUS.get(pick));
      };
      if (random.nextInt(8) == 0) {
        List<MessageType> types = List.of(MessageType.values());
        type = types.get(random.nextInt(types.size()));
      }
      try {
        Message m = CODEC.decode(type, input);
        assertThat(m.type()).isEqualTo(type);
        assertThat(HexFormat.of().formatHex(MessageCodec.encode(m))).as("canonical re-encoding of %s", m).isEqualTo(HexFormat.of().formatHex(input));
        decoded++;
      } catch (MalformedMessageException expected) {
        assertThat(expected.field()).isNotBlank();
        refused++;
      } catch (Throwable other) {
        fail("input " + HexFormat.of().formatHex(input) + " as " + type + " threw " + other, other);
      }
    }
    // Both outcomes must really occur, or the fuzzer is not exercising the decoders.
    assertThat(decoded).isGreaterThan(ITERATIONS / 50);
    assertThat(refused).isGreaterThan(ITERATIONS / 2);
  }

  @Test
  void unknownTypeCodesAndOversizedBodiesAreMalformed() {
    for (int code = 0; code < 256; code++) {
      if (MessageType.fromCode(code).isEmpty()) {
        int c = code;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CODEC.decode(c, new byte[0])).isInstanceOf(MalformedMessageException.class);
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CODEC.decode(MessageType.STATUS_REQUEST, new byte[WireLimits.MAX_BODY_BYTES + 1]))
        .isInstanceOf(MalformedMessageException.class);
  }

  static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(MAX_RANDOM_LENGTH)];
    random.nextBytes(b);
    return b;
  }

  /** One to four mutations of the kinds that break parsers: bit flips, boundary bytes, truncation, growth, shifts. */
  static byte[] mutate(Random random, byte[] valid) {
    byte[] b = valid.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      switch (random.nextInt(7)) {
        case 0 -> {
          if (b.length > 0) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (b.length > 0) {
            byte[] boundary = {0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 0x01, (byte) 0xFE};
            b[random.nextInt(b.length)] = boundary[random.nextInt(boundary.length)];
          }
        }
        case 2 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
        case 3 -> {
          byte[] extra = new byte[1 + random.nextInt(8)];
          random.nextBytes(extra);
          byte[] grown = Arrays.copyOf(b, b.length + extra.length);
          System.arraycopy(extra, 0, grown, b.length, extra.length);
          b = grown;
        }
        case 4 -> {
          if (b.length > 1) {
            int at = random.nextInt(b.length);
            byte[] shorter = new byte[b.length - 1];
            System.arraycopy(b, 0, shorter, 0, at);
            System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
            b = shorter;
          }
        }
        case 5 -> {
          int at = random.nextInt(b.length + 1);
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
        }
        default -> {
          if (b.length > 0) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
          }
        }
      }
    }
    return b;
  }
}
