// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns database rows into JSON-ready maps: dates as ISO text, keys in snake_case lower case. */
final class Rows {
  private Rows() {}

  static Map<String, Object> clean(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), value(v)));
    return out;
  }

  static List<Map<String, Object>> cleanAll(List<Map<String, Object>> rows) {
    return rows.stream().map(Rows::clean).toList();
  }

  static Object value(Object v) {
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

  static LocalDateTime dateTime(Object v) {
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

  static LocalDate date(Object v) {
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

  static long num(Object v) {
    return ((Number) v).longValue();
  }
}
