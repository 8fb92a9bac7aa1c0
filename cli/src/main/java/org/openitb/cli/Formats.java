// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/** Shared input and output formats of the calculators. */
final class Formats {
  /** Pump-local date-times to the minute, rounded down (the earlier time is the safe side). */
  static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private Formats() {}

  static LocalDateTime dateTime(String text, String option) {
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(option, text, "an ISO local date-time such as 2026-03-01T09:30", "not a date-time");
    }
  }

  static String minute(LocalDateTime t) {
    return t.truncatedTo(ChronoUnit.MINUTES).format(MINUTE);
  }

  static String minute(Optional<LocalDateTime> t) {
    return t.map(Formats::minute).orElse(null);
  }

  static String minuteOrNever(Optional<LocalDateTime> t, String never) {
    return t.map(Formats::minute).orElse(never);
  }

  /** mL with 3 decimals as a JSON number. */
  static BigDecimal ml(Volume v) {
    return new BigDecimal(v.millilitres());
  }

  static BigDecimal mlPerDay(VolumeRate r) {
    return new BigDecimal(r.millilitresPerDay());
  }
}
