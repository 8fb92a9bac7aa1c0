// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.List;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * The pump's status as the pump believes it: clock and UTC offset, reservoir volume, delivery
 * state and the stop's expiry (0 unless stopped), the dose rate now, battery, flags, active
 * alarms (firmware codes), the last event sequence number and the running therapy's checksum.
 */
public record StatusReport(
    long pumpTimeMillis,
    int utcOffsetMinutes,
    Volume reservoir,
    DeliveryState delivery,
    long stopExpiresAtMillis,
    DoseRate currentRate,
    BatteryState battery,
    int batteryPercent,
    boolean interrogationRequired,
    boolean bolusActive,
    List<Integer> activeAlarms,
    long lastEventSequence,
    TherapyChecksum therapyChecksum)
    implements Reply {
  public StatusReport {
    Check.range("pump time ms", pumpTimeMillis, 0, WireLimits.MAX_TIME_MILLIS);
    Check.range("utc offset min", utcOffsetMinutes, -WireLimits.MAX_UTC_OFFSET_MINUTES, WireLimits.MAX_UTC_OFFSET_MINUTES);
    Check.range("reservoir nL", reservoir.nanolitres(), 0, WireLimits.MAX_VOLUME_NL);
    Check.range("stop expiry ms", stopExpiresAtMillis, 0, WireLimits.MAX_TIME_MILLIS);
    Check.range("current rate ng/day", currentRate.nanogramsPerDay(), 0, WireLimits.MAX_DOSE_RATE_NG_PER_DAY);
    Check.range("battery %", batteryPercent, 0, 100);
    activeAlarms = List.copyOf(activeAlarms);
    Check.range("active alarms", activeAlarms.size(), 0, WireLimits.MAX_ALARMS);
    for (int a : activeAlarms) {
      Check.range("alarm code", a, 1, WireLimits.MAX_ALARM_CODE);
    }
    Check.range("last event sequence", lastEventSequence, 0, WireLimits.MAX_SEQUENCE);
  }

  @Override
  public MessageType type() {
    return MessageType.STATUS_REPORT;
  }
}
