// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.List;
import org.openitb.therapy.units.InvalidValueException;

/**
 * One page of the event log in rising sequence order. {@code oldestAvailable} is the oldest
 * sequence number the bounded log still holds (a gap before it means events were overwritten);
 * {@code more} says further events follow the last one on this page.
 */
public record EventsPage(List<LogEvent> events, long oldestAvailable, boolean more) implements Reply {
  public EventsPage {
    events = List.copyOf(events);
    Check.range("events", events.size(), 0, WireLimits.MAX_EVENTS_PER_PAGE);
    Check.range("oldest available", oldestAvailable, 0, WireLimits.MAX_SEQUENCE);
    for (int i = 1; i < events.size(); i++) {
      if (events.get(i).sequence() <= events.get(i - 1).sequence()) {
        throw new InvalidValueException("event sequence", String.valueOf(events.get(i).sequence()), "> " + events.get(i - 1).sequence(), "events out of order");
      }
    }
  }

  @Override
  public MessageType type() {
    return MessageType.EVENTS_PAGE;
  }
}
