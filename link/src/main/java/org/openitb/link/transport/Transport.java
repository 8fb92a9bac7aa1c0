// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.util.Optional;

/**
 * Carries whole frames between a device and a pump. It neither reads nor trusts them: security
 * lives in the session layer, so every transport (in-memory, TCP, a simulated radio) is equally
 * safe. Frames are at most {@link org.openitb.link.message.WireLimits#MAX_FRAME_BYTES} long.
 */
public interface Transport extends AutoCloseable {
  /** Sends one frame; it may be lost on the way. */
  void send(byte[] frame);

  /** The next frame received, or empty when none arrives within this transport's wait (never blocks forever). */
  Optional<byte[]> receive();

  @Override
  void close();
}
