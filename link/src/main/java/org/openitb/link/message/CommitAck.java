// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** The therapy with this checksum now runs; {@code eventSequence} is the log entry recording the change. */
public record CommitAck(TherapyChecksum checksum, long eventSequence, long pumpTimeMillis) implements Reply {
  public CommitAck {
    Check.range("event sequence", eventSequence, 1, WireLimits.MAX_SEQUENCE);
    Check.range("pump time ms", pumpTimeMillis, 0, WireLimits.MAX_TIME_MILLIS);
  }

  @Override
  public MessageType type() {
    return MessageType.COMMIT_ACK;
  }
}
