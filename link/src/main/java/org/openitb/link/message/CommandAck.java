// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.therapy.units.InvalidValueException;

/**
 * The pump did what {@code request} asked; {@code eventSequence} is the log entry recording it,
 * so the programmer can later confirm the dose from the pump's own log.
 */
public record CommandAck(MessageType request, long eventSequence, long pumpTimeMillis) implements Reply {
  public CommandAck {
    if (request.reply().orElse(null) != MessageType.COMMAND_ACK) {
      throw new InvalidValueException("request", request.name(), "a command answered by COMMAND_ACK", "not a command");
    }
    Check.range("event sequence", eventSequence, 1, WireLimits.MAX_SEQUENCE);
    Check.range("pump time ms", pumpTimeMillis, 0, WireLimits.MAX_TIME_MILLIS);
  }

  @Override
  public MessageType type() {
    return MessageType.COMMAND_ACK;
  }
}
