// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.TestSupport;

/**
 * The cached dashboard is never staler than the rules allow: a server's own write shows at once,
 * a write through another server instance on the same database shows once the cache is
 * {@link DashboardCache#MAX_AGE} old, and what it serves then equals a fresh ranking.
 */
class DashboardCacheTest {
  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    private volatile Instant now = TestSupport.CLOCK.instant();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the clinic uses the clock's own zone");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void ownWritesShowAtOnceOtherInstancesWithinMaxAge() {
    HandClock clock = new HandClock();
    ClinicConfig config = ClinicConfig.embedded(TestSupport.tempDir("dashboard-cache"), clock);
    try (ClinicServer a = ClinicServer.start(config.withDemoPatients(12)); ClinicServer b = ClinicServer.start(config)) {
      var onA = TestSupport.Client.login(a.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      var onB = TestSupport.Client.login(b.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      Planning fresh = new Planning(a.jdbi(), clock);
      assertThat(dashboard(onA)).isEqualTo(ids(fresh.items(null, Planning.DEFAULT_LIMIT)));

      // A post-MRI check is overdue at once, so a new scan ranks among the first items of the dashboard.
      assertThat(dashboard(onA)).doesNotContain("POST_MRI_CHECK 3", "POST_MRI_CHECK 5");
      long first = scan(onA, 3);
      assertThat(dashboard(onA)).as("the server's own write shows at once").contains("POST_MRI_CHECK " + first)
          .isEqualTo(ids(fresh.items(null, Planning.DEFAULT_LIMIT)));

      long second = scan(onB, 5);
      assertThat(dashboard(onA)).as("within MAX_AGE server A serves its cached ranking").doesNotContain("POST_MRI_CHECK " + second);
      clock.advance(DashboardCache.MAX_AGE);
      assertThat(dashboard(onA)).as("another instance's write shows once the cache is MAX_AGE old")
          .contains("POST_MRI_CHECK " + second)
          .isEqualTo(ids(fresh.items(null, Planning.DEFAULT_LIMIT)));

      HttpResponse<String> three = onA.get("/api/dashboard?limit=3");
      assertThat(three.statusCode()).isEqualTo(200);
      List<String> top3 = new ArrayList<>();
      TestSupport.json(three.body()).forEach(n -> top3.add(n.get("kind").asText() + " " + n.get("patientId").asLong()));
      assertThat(top3).as("a smaller limit is the prefix of the cached ranking").isEqualTo(dashboard(onA).subList(0, 3));
    }
  }

  private static long scan(TestSupport.Client c, long patient) {
    HttpResponse<String> r = c.post("/api/patients/" + patient + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"1.5 T\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return patient;
  }

  private static List<String> dashboard(TestSupport.Client c) {
    HttpResponse<String> r = c.get("/api/dashboard");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode n : TestSupport.json(r.body())) {
      out.add(n.get("kind").asText() + " " + n.get("patientId").asLong());
    }
    return out;
  }

  private static List<String> ids(List<Planning.Item> items) {
    return items.stream().map(i -> i.kind().name() + " " + i.patientId()).toList();
  }
}
