// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.MriDiscrepancyContract;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.store.Rows;

/**
 * The dashboard's precomputed {@code refill_due} row (migration V4, kept by a trigger) equals the
 * value recomputed from the refill history after every kind of write, on H2 and on PostgreSQL, and
 * the dashboard's per-kind cut gives the same ranking as reading everything.
 */
class RefillDueTest {
  @Test
  void h2() {
    scenario(TestSupport.h2(TestSupport.tempDir("refill-due")));
  }

  @Test
  void postgres() {
    scenario(TestSupport.postgres());
  }

  private static void scenario(ClinicConfig config) {
    try (ClinicServer s = ClinicServer.start(config.withDemoPatients(12))) {
      check(s);
      var demo = TestSupport.Client.login(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      HttpResponse<String> r = demo.post("/api/patients",
          "{\"mrn\":\"RD-1\",\"name\":\"Due Test\",\"etiology\":\"spinal\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      long id = TestSupport.json(r.body()).get("id").asLong();
      String base = "/api/patients/" + id;
      ok(demo.post(base + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-RD-1\",\"catheterLengthCm\":50,\"implantDate\":\"2026-06-01\"}"));
      ok(demo.write(base + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-06-01T10:00\"}"));
      check(s);
      ok(demo.write(base + "/refills", "{\"at\":\"2026-10-01T10:00\",\"expected\":\"0 mL\",\"withdrawn\":\"0 mL\",\"fill\":\"20 mL\"}"));
      assertThat(row(s, id)).isNotNull();
      check(s);
      JsonNode flagged = TestSupport.json(ok(demo.write(base + "/refills", "{\"expected\":\"5 mL\",\"withdrawn\":\"2 mL\",\"fill\":\"20 mL\"}")).body());
      check(s);
      ok(demo.post(base + "/refills/" + flagged.get("id").asLong() + "/resolve",
          "{\"found\":\"needle position confirmed\",\"action\":\"observed\"}"));
      check(s);
      ok(demo.writeConfirmed(base + "/refills", "{\"withdrawn\":\"0.5 mL\",\"fill\":\"20 mL\",\"concentration\":\"2000 mcg/mL\"}",
          DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD));
      long latest = row(s, id);
      check(s);
      // A back-dated record does not replace the latest refill.
      ok(demo.write(base + "/refills", "{\"at\":\"2026-10-15T10:00\",\"expected\":\"0 mL\",\"withdrawn\":\"0 mL\",\"fill\":\"20 mL\"}"));
      assertThat(row(s, id)).isEqualTo(latest);
      check(s);
      JsonNode scan = TestSupport.json(ok(demo.post(base + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"1.5 T\"}")).body());
      check(s);
      ok(demo.post(base + "/sessions", MriDiscrepancyContract.interrogation("2026-11-24T08:00", "DELIVERING", null)));
      ok(demo.post(base + "/mri/" + scan.get("id").asLong() + "/check", "{\"result\":\"pump resumed\"}"));
      check(s);
      ok(demo.post(base + "/replacements", "{\"eriDate\":\"2026-11-01\"}"));
      check(s);
      ok(demo.post(base + "/implants", "{\"pumpModel\":\"ITB-40\",\"serial\":\"S-RD-2\",\"catheterLengthCm\":50,\"implantDate\":\"2026-11-20\"}"));
      check(s);
      // Deleting the latest refill (not possible through the API) falls back to the one before.
      s.jdbi().useHandle(h -> h.createUpdate("DELETE FROM refill WHERE id = :id").bind("id", latest).execute());
      assertThat(row(s, id)).isNotEqualTo(latest).isNotNull();
      check(s);
      s.jdbi().useHandle(h -> h.createUpdate("DELETE FROM refill WHERE patient_id = :p").bind("p", id).execute());
      assertThat(row(s, id)).isNull();
      check(s);
    }
  }

  private static HttpResponse<String> ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return r;
  }

  private static Long row(ClinicServer s, long patient) {
    return s.jdbi().withHandle(h -> h.createQuery("SELECT refill_id FROM refill_due WHERE patient_id = :p").bind("p", patient)
        .mapTo(Long.class).findOne().orElse(null));
  }

  /** refill_due equals the recomputation from the refill table; the limited dashboard is a prefix of the full one. */
  private static void check(ClinicServer s) {
    List<String> expected = new ArrayList<>();
    s.jdbi().useHandle(h -> {
      for (Long p : h.createQuery("SELECT DISTINCT patient_id FROM refill ORDER BY patient_id").mapTo(Long.class).list()) {
        Map<String, Object> r = h.createQuery("SELECT id, refill_by, conservative_alarm_at FROM refill WHERE patient_id = :p "
            + "ORDER BY at DESC, id DESC LIMIT 1").bind("p", p).mapToMap().one();
        LocalDateTime by = Rows.dateTime(r.get("refill_by"));
        expected.add(p + " " + Rows.num(r.get("id")) + " " + by + " " + Planning.due(Rows.dateTime(r.get("conservative_alarm_at")), by));
      }
    });
    List<String> actual = s.jdbi().withHandle(h -> h.createQuery("SELECT patient_id, refill_id, refill_by, due_at FROM refill_due "
        + "ORDER BY patient_id").mapToMap().list()).stream()
        .map(r -> Rows.num(r.get("patient_id")) + " " + Rows.num(r.get("refill_id")) + " " + Rows.dateTime(r.get("refill_by")) + " "
            + Rows.dateTime(r.get("due_at")))
        .toList();
    assertThat(actual).isEqualTo(expected);
    Planning planning = new Planning(s.jdbi(), TestSupport.CLOCK);
    List<Planning.Item> all = planning.items(null, Planning.MAX_LIMIT);
    long refillItems = all.stream().filter(i -> i.kind() == Planning.Kind.REFILL).count();
    assertThat(refillItems).isEqualTo(expected.size());
    for (int limit : new int[] {1, 3, 10}) {
      assertThat(planning.items(null, limit)).isEqualTo(all.subList(0, Math.min(limit, all.size())));
    }
  }
}
