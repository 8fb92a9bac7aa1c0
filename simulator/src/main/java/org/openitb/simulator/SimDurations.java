// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Parses the durations scenario files and {@code --until} use: a whole number and a unit, "90s",
 * "45m", "8h", "56d", "12w", "7y" (a year is 365 days: simulation spans are counted in days, not
 * calendar years, so "7y" is the same length whatever the start date).
 */
public final class SimDurations {
  private static final Pattern TEXT = Pattern.compile("^\\s*(\\d+)\\s*(s|m|min|h|d|w|y)\\s*$");
  static final long DAYS_PER_YEAR = 365;

  private SimDurations() {}

  public static Duration parse(String text, String field) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new InvalidValueException(field, String.valueOf(text), "a whole number with s, m, h, d, w or y (e.g. 8h, 56d, 7y)", "not a duration");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(7 * n);
      default -> Duration.ofDays(DAYS_PER_YEAR * n);
    };
  }
}
