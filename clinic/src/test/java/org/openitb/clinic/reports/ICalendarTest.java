// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.TestSupport;

class ICalendarTest {
  @Test
  void linesAreFoldedAt75OctetsAndTextIsEscaped() {
    String description = "ä".repeat(100) + "; a, b\\c\nnext";
    String ics = ICalendar.write("cal", List.of(new ICalendar.Event("u1@x", LocalDate.of(2027, 3, 17), "Refill", description)),
        TestSupport.CLOCK);
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    String unfolded = ics.replace("\r\n ", "");
    assertThat(unfolded).contains("DESCRIPTION:" + "ä".repeat(100) + "\\; a\\, b\\\\c\\nnext\r\n");
    assertThat(unfolded).contains("DTSTAMP:20261124T090000Z", "DTSTART;VALUE=DATE:20270317", "DTEND;VALUE=DATE:20270318");
    assertThat(ics.replace("\r\n", "")).doesNotContain("\n");
  }

  @Test
  void bareCarriageReturnsAndControlCharactersNeverReachTheFeed() {
    String name = "Eve\rBEGIN:VEVENT\u0000\u001b[2J\u0085x\u007f";
    String ics = ICalendar.write("cal", List.of(new ICalendar.Event("u1@x", LocalDate.of(2027, 3, 17), "Refill: " + name, name)),
        TestSupport.CLOCK);
    assertThat(ics.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    assertThat(ics.chars().filter(c -> Character.isISOControl(c) && c != '\r' && c != '\n').count()).isZero();
    assertThat(ics.split("\r\n")).filteredOn(l -> l.equals("BEGIN:VEVENT")).hasSize(1);
    assertThat(ics).contains("SUMMARY:Refill: Eve\\nBEGIN:VEVENT  [2J x \r\n");
  }
}
