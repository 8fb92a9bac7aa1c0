// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.util.Optional;

/** The pump side of a transport: turns one received frame into at most one reply frame. */
@FunctionalInterface
public interface FrameResponder {
  Optional<byte[]> onFrame(byte[] frame);
}
