// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.Optional;
import java.util.function.Function;
import org.openitb.link.transport.Transport;

/**
 * Sends a frame and waits for its answer, device side. A lost frame or answer is retransmitted
 * byte for byte (the pump answers a repeat from its cache without acting twice); frames that are
 * not the answer (stale, corrupted, foreign) are skipped, a bounded number of them.
 */
final class Exchange {
  static final int MAX_SEND_ATTEMPTS = 3;
  static final int MAX_SKIPPED_FRAMES = 8;

  private Exchange() {}

  /** The first received frame that {@code answer} recognises, or empty after every attempt. */
  static <T> Optional<T> sendAndAwait(Transport transport, byte[] frame, StatsCounter stats, Function<byte[], Optional<T>> answer) {
    for (int attempt = 0; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      transport.send(frame);
      stats.sent(frame.length, true);
      for (int skipped = 0; skipped <= MAX_SKIPPED_FRAMES; skipped++) {
        Optional<byte[]> received = transport.receive();
        if (received.isEmpty()) {
          break;
        }
        stats.received(received.get().length);
        Optional<T> result = answer.apply(received.get());
        if (result.isPresent()) {
          return result;
        }
      }
    }
    return Optional.empty();
  }
}
