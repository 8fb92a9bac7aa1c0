// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.util.Objects;

/**
 * Who sent a command: the sender's role and the identifier of the sending device. Both go into the
 * pump's event log, so a device identifier is limited to {@link #MAX_DEVICE_ID_LENGTH} printable
 * ASCII characters (the log stores it exactly, never truncated).
 */
public record Origin(Role role, String deviceId) {
  /** Longest device identifier the event log stores. */
  public static final int MAX_DEVICE_ID_LENGTH = 16;

  public Origin {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(deviceId, "deviceId");
    if (deviceId.isEmpty() || deviceId.length() > MAX_DEVICE_ID_LENGTH || !deviceId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "deviceId: '" + deviceId + "' must be 1-" + MAX_DEVICE_ID_LENGTH + " printable ASCII characters without spaces");
    }
  }

  public static Origin clinician(String deviceId) {
    return new Origin(Role.CLINICIAN, deviceId);
  }

  public static Origin patient(String deviceId) {
    return new Origin(Role.PATIENT, deviceId);
  }

  @Override
  public String toString() {
    return role + ":" + deviceId;
  }
}
