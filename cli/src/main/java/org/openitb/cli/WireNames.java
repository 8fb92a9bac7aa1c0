// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.util.List;

/** Names for the pump's wire codes (alarms and event types), as firmware/TELEMETRY.md tabulates them. */
final class WireNames {
  private static final List<String> ALARMS = List.of("?", "LOW_RESERVOIR", "REPLACEMENT_INDICATOR", "SETTINGS_COPY_CORRUPTED",
      "LOG_FAILURE", "RESERVOIR_EMPTY", "END_OF_SERVICE", "MOTOR_STALL", "MOTOR_RUNAWAY", "DELIVERY_FAULT", "SETTINGS_LOST",
      "STOP_EXPIRED", "RESET_LOOP");
  private static final List<String> EVENTS = List.of("Unreadable", "Booted", "StrokesDelivered", "AlarmRaised", "AlarmCleared",
      "AlarmTested", "TherapyProgrammed", "Refilled", "BolusStarted", "BolusEnded", "CommandRefused", "StallStarted",
      "StallRecovered", "RunawayDetected", "SafeStateEntered", "SettingsCopyCorrupted", "ClockSet", "TherapyStopped",
      "TherapyResumed", "StopExpired", "MagnetField", "Interrogated", "ReplacementIndicator", "EndOfService",
      "DeliveryWrittenOff", "ReservoirEmpty", "TelemetryFrame", "TelemetryFramesSuppressed");

  private WireNames() {}

  static String alarm(int code) {
    return code > 0 && code < ALARMS.size() ? ALARMS.get(code) : "ALARM_" + code;
  }

  static String event(int code) {
    return code >= 0 && code < EVENTS.size() ? EVENTS.get(code) : "Event" + code;
  }
}
