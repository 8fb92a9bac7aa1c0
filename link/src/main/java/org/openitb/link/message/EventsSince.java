// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Asks for at most {@code maxEvents} log events with a sequence number greater than {@code afterSequence}. */
public record EventsSince(long afterSequence, int maxEvents) implements ProgrammerRequest {
  public EventsSince {
    Check.range("after sequence", afterSequence, 0, WireLimits.MAX_SEQUENCE);
    Check.range("max events", maxEvents, 1, WireLimits.MAX_EVENTS_PER_PAGE);
  }

  @Override
  public MessageType type() {
    return MessageType.EVENTS_SINCE;
  }
}
