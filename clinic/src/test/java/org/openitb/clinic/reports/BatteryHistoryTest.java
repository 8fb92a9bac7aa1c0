// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Session records are imported as any JSON object: the battery reader takes what it can read and skips the rest. */
class BatteryHistoryTest {
  @Test
  void readsEveryUsableInterrogationAndSkipsTheRest() {
    String body = "{\"schemaVersion\":1,\"pumpSerial\":\"P-1\",\"interrogations\":["
        + "{\"pumpLocalTime\":\"2026-05-01T08:30\",\"battery\":\"OK\",\"batteryPercent\":64},"
        + "{\"pumpLocalTime\":\"2026-06-01T08:30\",\"battery\":\"OK\",\"batteryPercent\":101},"
        + "{\"pumpLocalTime\":\"yesterday\",\"battery\":\"OK\",\"batteryPercent\":60},"
        + "{\"pumpLocalTime\":\"2026-07-01T08:30\",\"battery\":\"OK\",\"batteryPercent\":\"59\"},"
        + "{\"pumpLocalTime\":\"2026-08-01T08:30\",\"battery\":\"ELECTIVE_REPLACEMENT\",\"batteryPercent\":7}]}";
    assertThat(BatteryHistory.parse(body)).containsExactly(
        new BatteryHistory.Reading(LocalDateTime.of(2026, 5, 1, 8, 30), "P-1", 64, "OK"),
        new BatteryHistory.Reading(LocalDateTime.of(2026, 8, 1, 8, 30), "P-1", 7, "ELECTIVE_REPLACEMENT"));
  }

  @Test
  void recordsWithoutInterrogationsGiveNoReadings() {
    assertThat(BatteryHistory.parse("{\"schemaVersion\":1}")).isEmpty();
    assertThat(BatteryHistory.parse("{\"schemaVersion\":1,\"interrogations\":{}}")).isEmpty();
    assertThat(BatteryHistory.parse("not json")).isEmpty();
    assertThat(BatteryHistory.parse("[1,2]")).isEmpty();
  }
}
