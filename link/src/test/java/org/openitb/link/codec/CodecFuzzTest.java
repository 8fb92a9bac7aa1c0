// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.openitb.link.message.Message;
import org.openitb.link.message.MessageType;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * Coverage-guided fuzzing of every message decoder (Jazzer). In the normal build each method runs
 * once per committed input under {@code src/test/resources/org/openitb/link/codec/CodecFuzzTestInputs/}
 * (regression mode); {@code link/FUZZING.md} gives the command that fuzzes for new inputs.
 *
 * <p>The first input byte picks the message type (every type, replies included, since a device
 * decodes those); the rest is the body. A body either decodes, and then re-encodes to exactly the
 * same bytes (the codec is canonical, which the therapy checksum relies on), or is refused with a
 * {@link MalformedMessageException}; anything else is a finding.
 */
class CodecFuzzTest {
  static final MessageCodec CODEC = new MessageCodec(DrugLibrary.standard());

  @FuzzTest(maxDuration = "60s")
  void everyBodyDecodesCanonicallyOrIsRefused(byte[] input) {
    if (input.length == 0) {
      return;
    }
    List<MessageType> types = List.of(MessageType.values());
    MessageType type = types.get((input[0] & 0xFF) % types.size());
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    Message message;
    try {
      message = CODEC.decode(type, body);
    } catch (MalformedMessageException refused) {
      return;
    }
    assertThat(message.type()).isEqualTo(type);
    assertThat(MessageCodec.encode(message)).as("canonical re-encoding of %s", type).isEqualTo(body);
  }
}
