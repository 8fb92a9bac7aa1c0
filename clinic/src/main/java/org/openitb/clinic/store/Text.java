// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.store;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times as people read them: "2 Dec 2026", "2 Dec 2026 10:13" (no ISO 'T', no seconds). */
public final class Text {
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ENGLISH);

  private Text() {}

  public static String date(LocalDate d) {
    return d == null ? "-" : DATE.format(d);
  }

  public static String dateTime(LocalDateTime t) {
    return t == null ? "-" : DATE_TIME.format(t);
  }
}
