// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.LocalDateTime;
import java.util.Objects;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Pump-local date-times the calculators accept. A pump clock outside these years is a typo or a
 * clock fault, and refusing it keeps every computed date plausible (and inside LocalDateTime).
 */
final class PumpTime {
  static final LocalDateTime EARLIEST = LocalDateTime.of(1970, 1, 1, 0, 0);
  static final LocalDateTime LATEST = LocalDateTime.of(2999, 12, 31, 23, 59, 59);

  private PumpTime() {}

  static LocalDateTime check(String field, LocalDateTime t) {
    Objects.requireNonNull(t, field);
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw new InvalidValueException(field, t.toString(), EARLIEST + " to " + LATEST + " (pump-local)",
          "not a plausible pump-local date-time; check the year");
    }
    return t;
  }
}
