// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The bytes a second clinician signs for a command (link/PROTOCOL.md 8.10), byte for byte. */
class CoSignatureTest {
  @Test
  void aCommandCoSignatureCoversContextSerialTranscriptSequenceTypeAndBody() {
    byte[] th = new byte[32];
    Arrays.fill(th, (byte) 0x11);
    byte[] signed = CoSignature.commandSignedBytes("ITB20-000123", th, 5, MessageType.STOP_DELIVERY, new byte[] {0x00, 0x78});
    String expected = HexFormat.of().formatHex("OpenITB link v2 co-sign command".getBytes(StandardCharsets.US_ASCII))
        + "0c" + HexFormat.of().formatHex("ITB20-000123".getBytes(StandardCharsets.US_ASCII))
        + "11".repeat(32)
        + "00000005"
        + "35"
        + "0078";
    assertThat(HexFormat.of().formatHex(signed)).isEqualTo(expected);
    assertThat(CoSignature.COMMAND_CONTEXT).hasSize(31);
  }

  @Test
  void aCommandCoSignatureNeedsAWholeTranscriptHashAndAWireSequence() {
    assertThatThrownBy(() -> CoSignature.commandSignedBytes("P", new byte[31], 1, MessageType.REFILL, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transcript hash");
    assertThatThrownBy(() -> CoSignature.commandSignedBytes("P", new byte[32], 0, MessageType.REFILL, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
  }
}
