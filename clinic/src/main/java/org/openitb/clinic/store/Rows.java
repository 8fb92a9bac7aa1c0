// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.store;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.openitb.clinic.json.Responses;

/** Reads database values: times and dates as ISO text or java.time values, numbers as long (the response records in {@link Responses} use it). */
public final class Rows {
  private Rows() {}

  public static Object value(Object v) {
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof LocalDateTime || v instanceof LocalDate || v instanceof OffsetDateTime) {
      return v.toString();
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }

  public static LocalDateTime dateTime(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof LocalDateTime l) {
      return l;
    }
    return LocalDateTime.parse(v.toString());
  }

  public static LocalDate date(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Date d) {
      return d.toLocalDate();
    }
    if (v instanceof LocalDate l) {
      return l;
    }
    return LocalDate.parse(v.toString().substring(0, 10));
  }

  public static long num(Object v) {
    return ((Number) v).longValue();
  }
}
