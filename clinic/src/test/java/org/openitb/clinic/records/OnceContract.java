// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.ServerContract;
import org.openitb.clinic.TestSupport;

/**
 * Issue 9 defects 3, 5 and 7 over HTTP, run against each database by a subclass: a double submit
 * records one refill and answers the first result; two nurses, or two clinicians, writing at one
 * instant get one 201 and one 409 naming what changed; a co-sign is approved from the second
 * person's own login and counts for exactly the request approved; a prescription cannot put a
 * concentration the pump does not hold.
 */
public abstract class OnceContract extends ServerContract {
  long newPatient(String mrn) {
    HttpResponse<String> r = demo.post("/api/patients",
        "{\"mrn\":\"" + mrn + "\",\"name\":\"Once " + mrn + "\",\"etiology\":\"spinal\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    long id = TestSupport.json(r.body()).get("id").asLong();
    ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-" + mrn
        + "\",\"catheterLengthCm\":50,\"implantDate\":\"2026-06-01\"}"), 201);
    ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\","
        + "\"start\":\"2026-06-01T10:00\"}"), 201);
    ok(demo.write("/api/patients/" + id + "/refills", "{\"at\":\"2026-10-01T10:00\",\"expected\":\"0 mL\",\"withdrawn\":\"0 mL\","
        + "\"fill\":\"20 mL\"}"), 201);
    return id;
  }

  @Test
  void aSecondIdenticalSubmitReturnsTheFirstResultAndRecordsOnce() {
    long id = newPatient("O-1");
    String path = "/api/patients/" + id + "/refills";
    String body = demo.withVersion(path, "{\"withdrawn\":\"3.4 mL\",\"fill\":\"20 mL\"}");
    HttpResponse<String> first = demo.postKeyed(path, body, "form-o1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    HttpResponse<String> again = demo.postKeyed(path, body, "form-o1");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue(Once.REPLAY_HEADER)).contains("true");
    assertThat(count("refill", id)).isEqualTo(2);
    // The same key with other values is not a replay; nothing is recorded.
    HttpResponse<String> other = demo.postKeyed(path, body.replace("3.4 mL", "3.5 mL"), "form-o1");
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(count("refill", id)).isEqualTo(2);
    // Without a key the write is refused: a form that could double-submit never reaches the records.
    HttpResponse<String> keyless = demo.send("POST", path, demo.withVersion(path, "{\"withdrawn\":\"3.4 mL\",\"fill\":\"20 mL\"}"), demo.csrf, null);
    assertThat(keyless.statusCode()).isEqualTo(400);
    assertThat(TestSupport.json(keyless.body()).get("field").asText()).isEqualTo(Once.HEADER);
  }

  @Test
  void aDoubleClickAtOneInstantRecordsOneRefill() throws Exception {
    long id = newPatient("O-2");
    String path = "/api/patients/" + id + "/refills";
    String body = demo.withVersion(path, "{\"withdrawn\":\"3.4 mL\",\"fill\":\"20 mL\"}");
    List<HttpResponse<String>> both = atOnce(() -> demo.postKeyed(path, body, "form-o2"), () -> demo.postKeyed(path, body, "form-o2"));
    assertThat(count("refill", id)).isEqualTo(2);
    long created = both.stream().filter(r -> r.statusCode() == 201).count();
    assertThat(created).as(both.get(0).body() + " / " + both.get(1).body()).isPositive();
    for (HttpResponse<String> r : both) {
      // the other one is the same answer, or "already submitted, still being processed"
      assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
      if (r.statusCode() == 201) {
        assertThat(TestSupport.json(r.body()).get("id").asLong()).isEqualTo(TestSupport.json(both.stream().filter(x -> x.statusCode() == 201)
            .findFirst().orElseThrow().body()).get("id").asLong());
      } else {
        assertThat(TestSupport.json(r.body()).get("error").asText()).contains("already submitted");
      }
    }
  }

  @Test
  void twoNursesRecordingOneRefillAtOneInstantGetOne201AndOne409() throws Exception {
    long id = newPatient("O-3");
    String path = "/api/patients/" + id + "/refills";
    TestSupport.Client nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    TestSupport.Client other = TestSupport.Client.checkedLogin(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
    String body = nurse.withVersion(path, "{\"withdrawn\":\"3.4 mL\",\"fill\":\"20 mL\"}");
    List<HttpResponse<String>> both = atOnce(() -> nurse.post(path, body), () -> other.post(path, body));
    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList()).as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(201, 409);
    JsonNode conflict = TestSupport.json(both.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow().body());
    assertThat(conflict.get("field").asText()).isEqualTo("therapyVersion");
    assertThat(conflict.get("error").asText()).contains("changed since this form was opened", "refill", "recorded by");
    assertThat(count("refill", id)).isEqualTo(2);
  }

  @Test
  void twoClinicianPrescriptionsAtOneInstantGetOne201AndOne409() throws Exception {
    long id = newPatient("O-4");
    String path = "/api/patients/" + id + "/prescriptions";
    TestSupport.Client second = TestSupport.Client.checkedLogin(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
    String a = demo.withVersion(path, "{\"dose\":\"310 mcg/day\",\"concentration\":\"500 mcg/mL\"}");
    String b = demo.withVersion(path, "{\"dose\":\"320 mcg/day\",\"concentration\":\"500 mcg/mL\"}");
    List<HttpResponse<String>> both = atOnce(() -> demo.post(path, a), () -> second.post(path, b));
    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList()).as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(201, 409);
    assertThat(TestSupport.json(both.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow().body()).get("error").asText())
        .contains("prescription", "recorded by demo");
    assertThat(count("prescription", id)).isEqualTo(2);
  }

  @Test
  void aPrescriptionCannotPutAConcentrationThePumpDoesNotHold() {
    long id = newPatient("O-5");
    HttpResponse<String> r = demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"2000 mcg/mL\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode e = TestSupport.json(r.body());
    assertThat(e.get("field").asText()).isEqualTo("concentration");
    assertThat(e.get("allowed").asText()).isEqualTo("500 mcg/mL");
    assertThat(e.get("error").asText()).contains("with the refill");
    assertThat(count("prescription", id)).isEqualTo(1);
  }

  @Test
  void aCoSignIsApprovedFromTheSecondPersonsOwnLoginForExactlyThatRequest() {
    long id = newPatient("O-6");
    String path = "/api/patients/" + id + "/refills";
    TestSupport.Client nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) TestSupport.json(
        demo.withVersion(path, "{\"withdrawn\":\"0.5 mL\",\"fill\":\"20 mL\",\"concentration\":\"2000 mcg/mL\"}"));
    JsonNode ask = TestSupport.json(demo.post(path, body.toString()).body());
    body.put("confirmed", ask.get("confirmationToken").asText());
    JsonNode cosign = ok(demo.post("/api/patients/" + id + "/cosigns", "{\"action\":\"refills\",\"request\":" + body + "}"), 201);
    long cosignId = cosign.get("id").asLong();
    assertThat(cosign.get("status").asText()).isEqualTo("PENDING");
    assertThat(cosign.get("summary").asText()).contains("concentration 2000 mcg/mL");
    // not approved yet: refused
    body.put("cosignId", cosignId);
    assertThat(demo.post(path, body.toString()).statusCode()).isEqualTo(409);
    // the operator cannot approve their own request
    assertThat(demo.post("/api/cosigns/" + cosignId + "/approve", "{}").statusCode()).isEqualTo(403);
    // the nurse sees it waiting and approves it from her own session
    JsonNode pending = TestSupport.json(nurse.get("/api/cosigns").body());
    assertThat(pending.findValues("id").stream().map(JsonNode::asLong).toList()).contains(cosignId);
    assertThat(ok(nurse.post("/api/cosigns/" + cosignId + "/approve", "{}"), 200).get("approvedBy").asText()).isEqualTo("nurse");
    // a different request under that co-sign is refused
    com.fasterxml.jackson.databind.node.ObjectNode changed = body.deepCopy();
    changed.put("withdrawn", "0.6 mL");
    assertThat(demo.post(path, changed.toString()).statusCode()).isEqualTo(409);
    HttpResponse<String> r = demo.post(path, body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode refill = TestSupport.json(r.body());
    String audit = server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE entity = 'refill' AND entity_id = :id")
        .bind("id", refill.get("id").asText()).mapTo(String.class).one());
    assertThat(audit).contains("second person nurse (NURSE, co-sign " + cosignId + " approved from own login");
    // used once
    body.put("therapyVersion", refill.get("therapyVersion").asLong());
    r = demo.post(path, body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
  }

  /**
   * Issue 9 defect 8: the first refill after a new implant is recorded without an expected volume typed (it follows from
   * the reservoir filled at implant, shown on the worksheet), and an implant date in the future is refused.
   */
  @Test
  void theFirstRefillAfterANewImplantFollowsFromTheImplantFill() throws Exception {
    HttpResponse<String> r = demo.post("/api/patients", "{\"mrn\":\"O-7\",\"name\":\"Once O-7\",\"etiology\":\"spinal\","
        + "\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    long id = TestSupport.json(r.body()).get("id").asLong();
    JsonNode future = ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-O7\","
        + "\"catheterLengthCm\":50,\"implantDate\":\"2026-12-24\"}"), 400);
    assertThat(future.get("field").asText()).isEqualTo("implantDate");
    ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-O7\",\"catheterLengthCm\":50,"
        + "\"implantDate\":\"2026-11-14\"}"), 201);
    ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\"}"), 201);
    // 20 mL at implant (noon, 14 Nov), 0.6 mL/day for 9 days 21 h: 14.075 mL left at 24 Nov 09:00.
    JsonNode ws = ok(demo.get("/api/patients/" + id + "/worksheet"), 200);
    assertThat(ws.get("expectedResidual").asText()).isEqualTo("14.075 mL");
    assertThat(ws.get("expectedFrom").asText()).contains("fill at implant on 14 Nov 2026");
    JsonNode refill = ok(demo.write("/api/patients/" + id + "/refills", "{\"withdrawn\":\"14 mL\",\"fill\":\"20 mL\"}"), 201);
    assertThat(refill.get("expectedNl").asLong()).isEqualTo(14_075_000L);
    assertThat(refill.get("flagged").asBoolean()).isFalse();
    HttpResponse<byte[]> pdf = demo.bytes("/api/patients/" + id + "/worksheet.pdf?lot=B123&expiry=2027-08");
    assertThat(pdf.statusCode()).isEqualTo(200);
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " "))
          .contains("Expected residual volume:", "Vial lot: B123", "Expiry: 2027-08", "Second person check");
    }
  }

  /**
   * A refill form opened before a new pump was recorded computed with the old pump (reservoir, dead volume): sent after
   * the implant it is refused with 409 naming the implant, and nothing is saved.
   */
  @Test
  void aFormOpenedBeforeANewImplantIsRefusedNamingTheImplant() {
    long id = newPatient("O-8");
    String path = "/api/patients/" + id + "/refills";
    String staleForm = demo.withVersion(path, "{\"withdrawn\":\"3 mL\",\"fill\":\"20 mL\"}");
    long refills = count("refill", id);
    ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-40\",\"serial\":\"S-O8-NEW\",\"catheterLengthCm\":60,"
        + "\"implantDate\":\"2026-11-20\"}"), 201);
    HttpResponse<String> stale = demo.post(path, staleForm);
    TestSupport.conflict(stale, "therapyVersion", "the patient's therapy changed since this form was opened", "implant ",
        "(pump ITB-40 serial S-O8-NEW)");
    assertThat(count("refill", id)).isEqualTo(refills);
  }

  /**
   * The server died between taking a submission's key and answering it (kill -9): a retry of that form is not told it is
   * "still being processed" forever, nor run a second time; it is told to check the record and enter it again if missing.
   */
  @Test
  void aSubmissionTheServerNeverFinishedIsNamedSoOnRetry() {
    long id = newPatient("O-9");
    String path = "/api/patients/" + id + "/alarms";
    String body = "{\"kind\":\"LOW_RESERVOIR\",\"at\":\"2026-11-02T08:00\"}";
    long user = server.jdbi().withHandle(h -> h.createQuery("SELECT id FROM app_user WHERE username = :u")
        .bind("u", org.openitb.clinic.DemoClinic.CLINICIAN_USER).mapTo(Long.class).one());
    java.time.LocalDateTime now = java.time.LocalDateTime.now(TestSupport.CLOCK);
    for (String[] k : new String[][] {{"form-died", "11"}, {"form-busy", "1"}}) {
      server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO idempotent_request(user_id, idem_key, route, request_hash, created_at) "
          + "VALUES (:u, :k, :r, :h, :at)").bind("u", user).bind("k", k[0]).bind("r", "POST " + path)
          .bind("h", Once.requestHash("POST " + path, body)).bind("at", now.minusMinutes(Long.parseLong(k[1]))).execute());
    }
    TestSupport.conflict(demo.postKeyed(path, body, "form-died"), Once.HEADER, "never finished", "check the record for it");
    TestSupport.conflict(demo.postKeyed(path, body, "form-busy"), Once.HEADER, "still being processed");
    assertThat(count("alarm", id)).isZero();
  }

  /**
   * A dose doubled ten days after a refill empties the pump twice as fast: the refill's alarm, refill-by and stop dates
   * follow it on the record, the dashboard and the ID card (the dates printed at the refill would book the next visit
   * after the pump stopped), and the next refill's expected volume counts each dose for its own stretch.
   */
  @Test
  void aDoseChangeAfterARefillMovesItsDatesEverywhere() throws Exception {
    long id = newPatient("O-10"); // 300 mcg/day at 500 mcg/mL (0.6 mL/day); 20 mL filled on 1 Oct 10:00
    String rxPath = "/api/patients/" + id + "/prescriptions";
    JsonNode refill = TestSupport.json(demo.get("/api/patients/" + id).body()).get("refills").get(0);
    assertThat(refill.get("refillBy").asText()).startsWith("2026-10-24T10:00"); // 18 mL to the alarm at 0.6 mL/day, less 7 days
    String doubled = "{\"dose\":\"600 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-10-11T10:00\"";
    JsonNode ask = ok(demo.write(rxPath, doubled + "}"), 400);
    ok(demo.write(rxPath, doubled + ",\"confirmed\":\"" + ask.get("confirmationToken").asText() + "\"}"), 201);
    // 14 mL left on 11 Oct, 1.2 mL/day since: alarm at 2 mL on 21 Oct, refill by 14 Oct, the pump stops at 0.5 mL on 22 Oct 16:00
    refill = TestSupport.json(demo.get("/api/patients/" + id).body()).get("refills").get(0);
    assertThat(refill.get("alarmAt").asText()).startsWith("2026-10-21T10:00");
    assertThat(refill.get("refillBy").asText()).startsWith("2026-10-14T10:00");
    JsonNode due = null;
    for (JsonNode item : TestSupport.json(demo.get("/api/dashboard?limit=10000").body())) {
      if (item.get("patientId").asLong() == id && item.get("kind").asText().toLowerCase(java.util.Locale.ROOT).contains("refill")) {
        due = item;
      }
    }
    assertThat(due).as("the dashboard's refill item").isNotNull();
    assertThat(due.get("overdue").asBoolean()).isTrue();
    HttpResponse<byte[]> card = demo.bytes("/api/patients/" + id + "/id-card.pdf");
    assertThat(card.statusCode()).isEqualTo(200);
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(card.body())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " "))
          .contains("Refill by: 14 Oct 2026").contains("STOPS giving baclofen on 22 Oct 2026");
    }
    // Refilled on 16 Oct: 14 mL less 5 days at 1.2 mL/day = 8 mL expected (the old dose for 10 days, the new for 5)
    JsonNode next = ok(demo.write("/api/patients/" + id + "/refills", "{\"at\":\"2026-10-16T10:00\",\"withdrawn\":\"8 mL\","
        + "\"fill\":\"20 mL\"}"), 201);
    assertThat(next.get("expectedNl").asLong()).isEqualTo(8_000_000L);
    assertThat(next.get("flagged").asBoolean()).isFalse();
  }

  /**
   * The refill-by date keeps its buffer before the conservative alarm, the one with every allowed patient bolus used, as
   * the calculator and the programmer compute it: 0.6 mL/day plus 4 x 25 mcg at 500 mcg/mL is 0.8 mL/day at most (without
   * the boluses, refill by 24 Oct 10:00).
   */
  @Test
  void theRefillByDateCountsEveryAllowedPatientBolus() {
    HttpResponse<String> r = demo.post("/api/patients", "{\"mrn\":\"O-11\",\"name\":\"Once O-11\",\"etiology\":\"spinal\","
        + "\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    long id = TestSupport.json(r.body()).get("id").asLong();
    ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-O11\",\"catheterLengthCm\":50,"
        + "\"implantDate\":\"2026-06-01\"}"), 201);
    ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\","
        + "\"start\":\"2026-06-01T10:00\",\"patientBolusDose\":\"25 mcg\",\"patientBolusLockoutMinutes\":120,\"patientBolusMaxPerDay\":4}"), 201);
    ok(demo.write("/api/patients/" + id + "/refills", "{\"at\":\"2026-10-01T10:00\",\"expected\":\"0 mL\","
        + "\"withdrawn\":\"0 mL\",\"fill\":\"20 mL\"}"), 201);
    JsonNode refill = TestSupport.json(demo.get("/api/patients/" + id).body()).get("refills").get(0);
    assertThat(refill.get("alarmAt").asText()).startsWith("2026-10-31T10:00"); // 18 mL at 0.6 mL/day
    // each day's 4 boluses (0.2 mL) taken as soon as the day begins, the worst case: 22 days use 17.6 mL, day 23's boluses
    // 0.2 mL more, and the last 0.2 mL of basal at 0.6 mL/day takes 8 h
    assertThat(refill.get("conservativeAlarmAt").asText()).startsWith("2026-10-23T18:00");
    assertThat(refill.get("refillBy").asText()).startsWith("2026-10-16T18:00");
  }

  /** Fires both requests at one instant (both threads released together) and returns both answers. */
  @SafeVarargs
  static List<HttpResponse<String>> atOnce(Supplier<HttpResponse<String>>... requests) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(requests.length);
    ExecutorService pool = Executors.newFixedThreadPool(requests.length);
    try {
      List<Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
      for (Supplier<HttpResponse<String>> s : requests) {
        futures.add(pool.submit(() -> {
          barrier.await();
          return s.get();
        }));
      }
      List<HttpResponse<String>> out = new java.util.ArrayList<>();
      for (Future<HttpResponse<String>> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  long count(String table, long patient) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE patient_id = :p")
        .bind("p", patient).mapTo(Long.class).one());
  }

  public static JsonNode ok(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return TestSupport.json(r.body());
  }
}
