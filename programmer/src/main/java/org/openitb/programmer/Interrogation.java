// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyChecksum;

/**
 * What one interrogation read: status (clock, reservoir, delivery state, battery, flags, alarms),
 * the running therapy and its checksum, the events logged since the last one the programmer saw,
 * and the resolution of an uncertain change from before, if there was one.
 */
public record Interrogation(
    StatusReport status,
    Optional<Therapy> therapy,
    TherapyChecksum checksum,
    List<LogEvent> newEvents,
    LocalDateTime pumpLocalTime,
    Optional<Resolution> resolved) {
  public Interrogation {
    newEvents = List.copyOf(newEvents);
  }

  public List<Integer> activeAlarms() {
    return status.activeAlarms();
  }
}
