// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.reports.BatteryHistory;
import org.openitb.clinic.store.Rows;

/** Demo seeding is deterministic and produces a realistic history. */
class DemoClinicTest {
  @Test
  void sameClockAndCountGiveTheSameClinic() {
    List<Map<String, Object>> a;
    List<Map<String, Object>> b;
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("demo-a")).withDemoPatients(8))) {
      a = snapshot(s);
      assertThat(count(s, "patient")).isEqualTo(8);
      assertThat(count(s, "refill")).isGreaterThan(8 * 2);
      long concentrations = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT concentration_ng_per_ml) FROM prescription")
          .mapTo(Long.class).one());
      assertThat(concentrations).isGreaterThan(1);
      var c = TestSupport.Client.login(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      assertThat(TestSupport.json(c.get("/api/dashboard").body()).size()).isGreaterThanOrEqualTo(8);
      // Battery history: interrogation session records the battery chart reads, draining over time.
      assertThat(count(s, "session_record")).isGreaterThan(8);
      long first = TestSupport.json(c.get("/api/patients?q=DEMO-00001").body()).get(0).get("id").asLong();
      List<BatteryHistory.Reading> readings = new BatteryHistory(s.jdbi()).readings(first);
      assertThat(readings).hasSizeGreaterThan(1);
      assertThat(readings.get(0).percent()).isLessThanOrEqualTo(BatteryHistory.MAX_PERCENT);
      for (int i = 1; i < readings.size(); i++) {
        assertThat(readings.get(i).percent()).isLessThanOrEqualTo(readings.get(i - 1).percent());
        assertThat(readings.get(i).at()).isAfter(readings.get(i - 1).at());
      }
    }
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("demo-b")).withDemoPatients(8))) {
      b = snapshot(s);
    }
    assertThat(b).isEqualTo(a);
  }

  private static long count(ClinicServer s, String table) {
    return s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private static List<Map<String, Object>> snapshot(ClinicServer s) {
    return s.jdbi().withHandle(h -> h.createQuery(
        "SELECT p.mrn, p.name, r.at, r.withdrawn_nl, r.fill_nl, r.refill_by, r.concentration_ng_per_ml FROM refill r "
            + "JOIN patient p ON p.id = r.patient_id ORDER BY p.mrn, r.at").mapToMap().list()).stream()
        .map(r -> {
          Map<String, Object> m = new java.util.TreeMap<>();
          r.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), Rows.value(v)));
          return m;
        }).toList();
  }
}
