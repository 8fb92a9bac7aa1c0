// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.time.Duration;
import org.openitb.therapy.units.InvalidValueException;

/** Constructor validation shared by the message records; every refusal names field, value and range. */
final class Check {
  private Check() {}

  static long range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidValueException(field, String.valueOf(value), min + ".." + max, "out of range");
    }
    return value;
  }

  static int range(String field, int value, int min, int max) {
    return (int) range(field, (long) value, min, max);
  }

  /** Whole minutes within {@code 1..maxMinutes}; returns the minutes. */
  static int minutes(String field, Duration d, int minMinutes, int maxMinutes) {
    if (d.isNegative() || d.toSecondsPart() != 0 || d.toNanosPart() != 0) {
      throw new InvalidValueException(field, d.toString(), "whole minutes " + minMinutes + ".." + maxMinutes, "not whole minutes");
    }
    long m = d.toMinutes();
    return (int) range(field, m, minMinutes, maxMinutes);
  }

  static Octets length(String field, Octets o, int length) {
    if (o.length() != length) {
      throw new InvalidValueException(field, o.length() + " bytes", length + " bytes", "wrong length");
    }
    return o;
  }

  /** A device id or pump serial: 1..32 of [A-Za-z0-9._-]; public, never a secret. */
  static String deviceId(String field, String id) {
    if (id.isEmpty() || id.length() > WireLimits.MAX_DEVICE_ID_CHARS || !id.chars().allMatch(Check::isIdChar)) {
      throw new InvalidValueException(field, id, "1.." + WireLimits.MAX_DEVICE_ID_CHARS + " of A-Z a-z 0-9 . _ -", "not a device id");
    }
    return id;
  }

  /** Printable ASCII of {@code min..max} characters. */
  static String text(String field, String text, int min, int max) {
    if (text.length() < min || text.length() > max || !text.chars().allMatch(Check::isPrintable)) {
      throw new InvalidValueException(field, text, min + ".." + max + " printable ASCII characters", "not allowed text");
    }
    return text;
  }

  static boolean isPrintable(int c) {
    return c >= 0x20 && c <= 0x7E;
  }

  private static boolean isIdChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  }
}
