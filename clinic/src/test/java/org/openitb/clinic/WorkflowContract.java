// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** API workflow tests, run against each database by a subclass. */
abstract class WorkflowContract extends ServerContract {
  long newPatient(String mrn) {
    HttpResponse<String> r = demo.post("/api/patients",
        "{\"mrn\":\"" + mrn + "\",\"name\":\"Test " + mrn + "\",\"etiology\":\"spinal\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    long id = TestSupport.json(r.body()).get("id").asLong();
    r = demo.post("/api/patients/" + id + "/implants",
        "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-" + mrn + "\",\"catheterLengthCm\":50,\"implantDate\":\"2026-06-01\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    r = demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-06-01T10:00\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(TestSupport.json(r.body()).get("doseNgPerDay").asLong()).isEqualTo(300_000L);
    assertThat(TestSupport.json(r.body()).get("concentrationNgPerMl").asLong()).isEqualTo(500_000L);
    r = demo.write("/api/patients/" + id + "/refills", "{\"at\":\"2026-10-01T10:00\",\"expected\":\"0 mL\",\"withdrawn\":\"0 mL\",\"fill\":\"20 mL\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return id;
  }

  @Test
  void refillWithConcentrationChangeComputesBridgeAndNewDates() {
    long id = newPatient("W-1");
    JsonNode first = TestSupport.json(demo.get("/api/patients/" + id).body()).get("refills").get(0);
    // 18 mL above the 2 mL alarm at 0.6 mL/day = 30 days; refill-by 7 days earlier.
    assertThat(first.get("alarmAt").asText()).isEqualTo("2026-10-31T10:00");
    assertThat(first.get("refillBy").asText()).isEqualTo("2026-10-24T10:00");
    JsonNode mine = dashboardItem(id, "REFILL");
    assertThat(mine.get("overdue").asBoolean()).isTrue();
    assertThat(mine.get("daysLeft").asLong()).isEqualTo(-24);
    assertDashboardRanked();

    String path = "/api/patients/" + id + "/refills";
    String change = "{\"withdrawn\":\"0.5 mL\",\"fill\":\"20 mL\",\"concentration\":\"2000 mcg/mL\"}";
    // Issue 9 defect 4: a nurse cannot order a concentration change with a refill; nothing is saved.
    TestSupport.Client nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    HttpResponse<String> r = nurse.write(path, change);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(TestSupport.json(r.body()).get("error").asText()).contains("clinician's order");
    assertThat(count("prescription", id)).isEqualTo(1);
    // A clinician first sees the new alarm and refill-by dates, the interval against the current concentration.
    r = demo.write(path, change);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode ask = TestSupport.json(r.body());
    assertThat(ask.get("confirmationRequired").asBoolean()).isTrue();
    assertThat(ask.get("plan").get("refillBy").asText()).isEqualTo("17 Mar 2027");
    assertThat(ask.get("plan").get("daysToRefillBy").asLong()).isEqualTo(113);
    String token = ask.get("confirmationToken").asText();
    // Issue 9 defect 3: a typed name is not a second person; a wrong password neither (and it is audited).
    r = demo.write(path, change.replace("{", "{\"confirmed\":\"" + token + "\",\"confirmBy\":\"nurse\",\"confirmRole\":\"NURSE\","));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(TestSupport.json(r.body()).get("field").asText()).isEqualTo("secondPerson");
    r = demo.write(path, change.replace("{", "{\"confirmed\":\"" + token + "\",\"secondPerson\":{\"username\":\"nurse\",\"password\":\"guess\"},"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(TestSupport.json(r.body()).get("field").asText()).isEqualTo("secondPerson.password");
    r = demo.write(path, change.replace("{", "{\"confirmed\":\"" + token + "\",\"secondPerson\":{\"username\":\"demo\",\"password\":\""
        + DemoClinic.CLINICIAN_PASSWORD + "\"},"));
    assertThat(r.statusCode()).as("the operator is not their own second person: " + r.body()).isEqualTo(400);
    assertThat(count("prescription", id)).isEqualTo(1);
    assertThat(count("refill", id)).isEqualTo(1);
    r = demo.write(path, change.replace("{", "{\"confirmed\":\"" + token + "\",\"secondPerson\":{\"username\":\"nurse\",\"password\":\""
        + DemoClinic.NURSE_PASSWORD + "\"},"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode refill = TestSupport.json(r.body());
    assertThat(refill.get("verifiedBy").asText()).isEqualTo("nurse");
    assertThat(refill.get("secondPerson").asText()).startsWith("nurse (nurse, ");
    String audit = server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE entity = 'refill' AND entity_id = :id")
        .bind("id", refill.get("id").asText()).mapTo(String.class).one());
    assertThat(audit).contains("second person nurse (NURSE, own password)");
    long failed = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'second-person-failed'")
        .mapTo(Long.class).one());
    assertThat(failed).isPositive();
    assertThat(refill.get("expectedNl").asLong()).isZero();
    assertThat(refill.get("flagged").asBoolean()).isFalse();
    assertThat(refill.get("bridgeRequired").asBoolean()).isTrue();
    // Dead volume 0.140 + 50 cm x 2.2 uL = 0.250 mL; at 0.6 mL/day the bridge takes 10 h; without it 25 % for 40 h.
    assertThat(refill.get("bridgeDetail").asText()).contains("deliver 0.242 mL", "dead volume 0.250 mL less", "9.7 h", "25%", "40.0 h", "under-dose");
    // 18 mL at 0.15 mL/day = 120 days.
    assertThat(refill.get("alarmAt").asText()).isEqualTo("2027-03-24T09:00");
    assertThat(refill.get("refillBy").asText()).isEqualTo("2027-03-17T09:00");
    JsonNode p = TestSupport.json(demo.get("/api/patients/" + id).body());
    assertThat(p.get("prescriptions").get(0).get("concentrationNgPerMl").asLong()).isEqualTo(2_000_000L);
    assertThat(p.get("plan").get(0).get("daysLeft").asLong()).isEqualTo(120);
    assertThat(dashboardItem(id, "REFILL").get("overdue").asBoolean()).isFalse();
    assertDashboardRanked();

    String ics = demo.get("/api/patients/" + id + "/calendar.ics").body();
    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("DTSTART;VALUE=DATE:20270317\r\n").endsWith("END:VCALENDAR\r\n");
  }

  @Test
  void flaggedDiscrepancyIsPlannedUntilResolved() {
    long id = newPatient("W-2");
    HttpResponse<String> r = demo.write("/api/patients/" + id + "/refills",
        "{\"expected\":\"5 mL\",\"withdrawn\":\"2 mL\",\"fill\":\"20 mL\"}");
    JsonNode refill = TestSupport.json(r.body());
    assertThat(refill.get("flagged").asBoolean()).isTrue();
    assertThat(refill.get("discrepancyNl").asLong()).isEqualTo(-3_000_000L);
    assertThat(refill.get("interpretation").asText()).contains("pocket fill");
    assertThat(kinds(id)).contains("DISCREPANCY");
    r = demo.post("/api/patients/" + id + "/refills/" + refill.get("id").asLong() + "/resolve",
        "{\"found\":\"needle position confirmed\",\"action\":\"observed for withdrawal signs\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(kinds(id)).doesNotContain("DISCREPANCY");
  }

  JsonNode dashboardItem(long patient, String kind) {
    for (JsonNode i : TestSupport.json(demo.get("/api/dashboard?limit=10000").body())) {
      if (i.get("patientId").asLong() == patient && i.get("kind").asText().equals(kind)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " item for patient " + patient + " on the dashboard");
  }

  /** Overdue items first, then by due date. */
  void assertDashboardRanked() {
    JsonNode items = TestSupport.json(demo.get("/api/dashboard?limit=10000").body());
    for (int i = 1; i < items.size(); i++) {
      JsonNode a = items.get(i - 1);
      JsonNode b = items.get(i);
      assertThat(!a.get("overdue").asBoolean() && b.get("overdue").asBoolean()).as("overdue first at " + i).isFalse();
      if (a.get("overdue").asBoolean() == b.get("overdue").asBoolean()) {
        assertThat(a.get("due").asText().compareTo(b.get("due").asText())).as("due order at " + i).isLessThanOrEqualTo(0);
      }
    }
  }

  private String kinds(long id) {
    return TestSupport.json(demo.get("/api/patients/" + id).body()).get("plan").toString();
  }

  @Test
  void concurrentEditsOfOnePatientConflict() {
    long id = newPatient("W-3");
    TestSupport.Client nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    long version = TestSupport.json(demo.get("/api/patients/" + id).body()).get("version").asLong();
    HttpResponse<String> ok = demo.put("/api/patients/" + id, "{\"version\":" + version + ",\"weight\":\"72 kg\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    HttpResponse<String> stale = nurse.put("/api/patients/" + id, "{\"version\":" + version + ",\"notes\":\"nurse edit\"}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(TestSupport.json(stale.body()).get("error").asText()).contains("changed by someone else", "reload");
    JsonNode p = TestSupport.json(demo.get("/api/patients/" + id).body());
    assertThat(p.get("weightGrams").asLong()).isEqualTo(72_000L);
    assertThat(p.get("notes").asText()).isEmpty();
  }

  /** One dialect: a patient as GET answers it, with one field changed, is a valid PUT, and reads back with that change only. */
  @Test
  void aPatientReadCanBeEditedAndSentBack() {
    long id = newPatient("W-ROUND-TRIP");
    demo.put("/api/patients/" + id, "{\"version\":1,\"dateOfBirth\":\"1970-05-04\",\"catheterTip\":\"T10\",\"contact\":\"+44 20 7946 0000\"}");
    com.fasterxml.jackson.databind.node.ObjectNode read = (com.fasterxml.jackson.databind.node.ObjectNode) TestSupport.json(
        demo.get("/api/patients/" + id).body());
    assertThat(read.has("age_group")).isFalse();
    com.fasterxml.jackson.databind.node.ObjectNode before = read.deepCopy();
    read.put("ageGroup", "CHILD");
    HttpResponse<String> put = demo.put("/api/patients/" + id, read.toString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode after = TestSupport.json(demo.get("/api/patients/" + id).body());
    for (String field : java.util.List.of("ageGroup", "version")) {
      assertThat(after.get(field)).as(field).isNotEqualTo(before.get(field));
    }
    assertThat(after.get("ageGroup").asText()).isEqualTo("CHILD");
    assertThat(after.get("version").asLong()).isEqualTo(before.get("version").asLong() + 1);
    // every other field of the record reads back as it was sent
    for (String field : java.util.List.of("mrn", "name", "etiology", "weight", "weightGrams", "notes", "dateOfBirth", "catheterTip", "contact",
        "therapyVersion", "createdAt", "implants", "prescriptions")) {
      assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
    }
    assertThat(before.get("weight").asText()).endsWith(" kg");
    assertThat(before.get("dateOfBirth").asText()).isEqualTo("1970-05-04");
  }

  @Test
  void aFailedRefillLeavesNoHalfRecord() {
    long id = newPatient("W-4");
    long rx = count("prescription", id);
    long refills = count("refill", id);
    long audit = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    // The dose change is written first, then the over-full fill is refused: everything must roll back.
    HttpResponse<String> r = demo.write("/api/patients/" + id + "/refills",
        "{\"expected\":\"1 mL\",\"withdrawn\":\"1 mL\",\"fill\":\"25 mL\",\"dose\":\"320 mcg/day\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestSupport.json(r.body()).get("field").asText()).isEqualTo("fill volume");
    assertThat(count("prescription", id)).isEqualTo(rx);
    assertThat(count("refill", id)).isEqualTo(refills);
    long auditAfter = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    assertThat(auditAfter).isEqualTo(audit);
  }

  long count(String table, long patient) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE patient_id = :p")
        .bind("p", patient).mapTo(Long.class).one());
  }

  @Test
  void everyChangeIsAudited() {
    long id = newPatient("W-5");
    JsonNode audit = TestSupport.json(demo.get("/api/audit?limit=500").body());
    boolean found = false;
    for (JsonNode a : audit) {
      if (a.get("entity").asText().equals("patient") && a.get("entityId").asText().equals(String.valueOf(id))) {
        assertThat(a.get("actor").asText()).isEqualTo("demo");
        assertThat(a.get("action").asText()).isEqualTo("create");
        assertThat(a.get("remoteAddr").asText()).isNotBlank();
        found = true;
      }
    }
    assertThat(found).as("audit row for patient " + id).isTrue();
  }

  @Test
  void otherRecordsAreStoredAndPlanned() {
    long id = newPatient("W-6");
    String base = "/api/patients/" + id;
    HttpResponse<String> r = demo.post(base + "/trials",
        "{\"dose\":\"50 mcg\",\"ashworthBefore\":\"3\",\"ashworthAfter\":\"1+\",\"pennBefore\":3,\"pennAfter\":1,\"effectHours\":6}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(TestSupport.json(r.body()).get("startingDose").asText()).isEqualTo("100 mcg/day");
    assertThat(demo.post(base + "/trials", "{\"dose\":\"50 mcg\",\"ashworthBefore\":\"5\",\"ashworthAfter\":\"1\",\"pennBefore\":3,"
        + "\"pennAfter\":1,\"effectHours\":6}").statusCode()).isEqualTo(400);
    r = demo.post(base + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"1.5 T\"}");
    long scan = TestSupport.json(r.body()).get("id").asLong();
    assertThat(kinds(id)).contains("POST_MRI_CHECK");
    assertThat(demo.post(base + "/mri/" + scan + "/check", "{\"result\":\"pump resumed\"}").statusCode()).as("no interrogation yet").isEqualTo(400);
    assertThat(kinds(id)).contains("POST_MRI_CHECK");
    demo.post(base + "/sessions", MriDiscrepancyContract.interrogation("2026-11-24T08:00", "DELIVERING", null));
    assertThat(demo.post(base + "/mri/" + scan + "/check", "{\"result\":\"pump resumed, stall recovery logged\"}").statusCode()).isEqualTo(200);
    assertThat(kinds(id)).doesNotContain("POST_MRI_CHECK");
    r = demo.post(base + "/replacements", "{\"eriDate\":\"2026-11-01\"}");
    assertThat(TestSupport.json(r.body()).get("endOfService").asText()).isEqualTo("2027-01-30");
    r = demo.post(base + "/alarms", "{\"kind\":\"LOW_RESERVOIR\",\"critical\":false}");
    assertThat(r.statusCode()).isEqualTo(201);
    String session = "{\"schemaVersion\":1,\"pump\":{\"serial\":\"S-W-6\"},\"events\":[1,2,3],\"note\":\"x  y\"}";
    r = demo.post(base + "/sessions", session);
    long sid = TestSupport.json(r.body()).get("id").asLong();
    assertThat(demo.get(base + "/sessions/" + sid).body()).isEqualTo(session);
  }
}
