// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer.fake;

import java.util.Optional;
import org.openitb.link.message.Direction;
import org.openitb.link.message.MessageType;
import org.openitb.link.transport.FrameFault;

/**
 * Loses the next {@code count} frames of one message type (read from the clear header byte 1),
 * in either direction, once armed: "the link dropped during the commit" made exact. With
 * {@code count} = 3 every retransmission is lost too, so the sender times out.
 */
public final class DropFrames implements FrameFault {
  /** Every attempt the link makes before giving up (link's Exchange.MAX_SEND_ATTEMPTS). */
  public static final int ALL_ATTEMPTS = 3;
  private static final int TYPE_OFFSET = 1;
  private MessageType type;
  private int remaining;
  private int dropped;

  public void arm(MessageType type, int count) {
    this.type = type;
    this.remaining = count;
  }

  public int dropped() {
    return dropped;
  }

  @Override
  public Optional<byte[]> apply(Direction direction, long index, byte[] frame) {
    if (remaining > 0 && frame.length > TYPE_OFFSET && (frame[TYPE_OFFSET] & 0xFF) == type.code()) {
      remaining--;
      dropped++;
      return Optional.empty();
    }
    return Optional.of(frame);
  }
}
