// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.util.Optional;
import org.openitb.link.message.Direction;

/**
 * What happens to a frame on the way: delivered as is, changed, or lost (empty). {@code index}
 * counts frames in that direction from 0, so a test can hit exactly the n-th frame.
 */
@FunctionalInterface
public interface FrameFault {
  Optional<byte[]> apply(Direction direction, long index, byte[] frame);
}
