// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes an RFC 5545 calendar by hand: CRLF lines, text escaping and 75-octet folding. */
public final class ICalendar {
  static final int MAX_OCTETS = 75;
  static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  private ICalendar() {}

  /** One all-day event. */
  public record Event(String uid, java.time.LocalDate date, String summary, String description) {}

  public static String write(String name, List<Event> events, Clock clock) {
    StringBuilder sb = new StringBuilder();
    line(sb, "BEGIN:VCALENDAR");
    line(sb, "VERSION:2.0");
    line(sb, "PRODID:-//OpenITB//clinic//EN");
    line(sb, "CALSCALE:GREGORIAN");
    line(sb, "X-WR-CALNAME:" + escape(name));
    String stamp = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(UTC);
    for (Event e : events) {
      line(sb, "BEGIN:VEVENT");
      line(sb, "UID:" + escape(e.uid()));
      line(sb, "DTSTAMP:" + stamp);
      line(sb, "DTSTART;VALUE=DATE:" + e.date().format(DATE));
      line(sb, "DTEND;VALUE=DATE:" + e.date().plusDays(1).format(DATE));
      line(sb, "SUMMARY:" + escape(e.summary()));
      line(sb, "DESCRIPTION:" + escape(e.description()));
      line(sb, "END:VEVENT");
    }
    line(sb, "END:VCALENDAR");
    return sb.toString();
  }

  /**
   * RFC 5545 TEXT: backslash, semicolon and comma escaped; every line break (CRLF, LF or a bare CR)
   * becomes "\\n"; other control characters (which TEXT does not allow) become a space.
   */
  static String escape(String s) {
    String text = s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n");
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    return sb.toString();
  }

  /** Appends a content line folded so no physical line exceeds 75 octets (continuations start with a space). */
  static void line(StringBuilder sb, String content) {
    int octets = 0;
    int limit = MAX_OCTETS;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + n > limit) {
        sb.append("\r\n ");
        octets = 0;
        limit = MAX_OCTETS - 1;
      }
      sb.appendCodePoint(cp);
      octets += n;
      i += Character.charCount(cp);
    }
    sb.append("\r\n");
  }
}
