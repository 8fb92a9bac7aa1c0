// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.openitb.link.fixtures.Rig;
import org.openitb.link.message.MessageType;

/**
 * Coverage-guided fuzzing of the pump's frame decoder: header parsing, the handshake decoders and
 * the sealed path, through {@link PumpEndpoint#onFrame} (Jazzer; inputs under
 * {@code src/test/resources/org/openitb/link/session/EndpointFuzzTestInputs/}). Whatever arrives,
 * the endpoint never throws, never hands the handler anything (no session exists), and answers
 * only with a challenge or a refusal.
 */
class EndpointFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyFrameIsHandledWithoutThrowingOrReachingThePump(byte[] frame) {
    Rig rig = new Rig();
    Optional<byte[]> reply = rig.endpoint.onFrame(frame);
    assertThat(rig.listener.size()).isEqualTo(1);
    assertThat(rig.pump.calls()).isEmpty();
    reply.ifPresent(r -> assertThat(FrameHeader.parse(r).type()).isIn(MessageType.SESSION_CHALLENGE, MessageType.SESSION_REFUSED));
  }
}
