// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * One entry of the pump's event log as it travels: its sequence number (the pump's own id, used
 * to reconcile provisional doses), pump time, the firmware's event code, one signed value whose
 * meaning the code defines, and the device that caused it (empty for the pump itself).
 */
public record LogEvent(long sequence, long timeMillis, int code, long value, String source) {
  public LogEvent {
    Check.range("event sequence", sequence, 1, WireLimits.MAX_SEQUENCE);
    Check.range("event time ms", timeMillis, 0, WireLimits.MAX_TIME_MILLIS);
    Check.range("event code", code, 0, WireLimits.MAX_EVENT_CODE);
    if (!source.isEmpty()) {
      Check.deviceId("event source", source);
    }
  }
}
