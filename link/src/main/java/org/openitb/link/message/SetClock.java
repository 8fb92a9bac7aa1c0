// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * Sets the pump clock and its UTC offset. Changes delivery because flex schedules run in
 * pump-local time (a daylight-saving shift moves every step).
 */
public record SetClock(long timeMillis, int utcOffsetMinutes) implements DeliveryChange {
  public SetClock {
    Check.range("time ms", timeMillis, WireLimits.MIN_CLOCK_MILLIS, WireLimits.MAX_TIME_MILLIS);
    Check.range("utc offset min", utcOffsetMinutes, -WireLimits.MAX_UTC_OFFSET_MINUTES, WireLimits.MAX_UTC_OFFSET_MINUTES);
  }

  @Override
  public MessageType type() {
    return MessageType.SET_CLOCK;
  }
}
