// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.List;

/** Clears the listed latched alarms (firmware codes); the pump decides which ones may be cleared. */
public record ClearAlarms(List<Integer> alarmCodes) implements ProgrammerRequest {
  public ClearAlarms {
    alarmCodes = List.copyOf(alarmCodes);
    Check.range("alarm codes", alarmCodes.size(), 1, WireLimits.MAX_ALARMS);
    for (int a : alarmCodes) {
      Check.range("alarm code", a, 1, WireLimits.MAX_ALARM_CODE);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.CLEAR_ALARMS;
  }
}
