// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.records.RecordFormsContract;

/**
 * Issue 9 defect 8, the workflows: a post-MRI check is closed only on an interrogation after the
 * scan that shows delivery resumed; a scan above the pump's MR label is refused when planned and
 * needs an acknowledgement when it has taken place; a flagged refill discrepancy is resolved with
 * who, when, what was found and what was done, and leaves the dashboard. Run against each database
 * by a subclass. The tests' clock stands at 24 Nov 2026 09:00.
 */
public abstract class MriDiscrepancyContract extends ServerContract {
  TestSupport.Client nurse;

  /** A spinal adult with an ITB-20 (labelled up to 1.5 T), 300 mcg/day at 500 mcg/mL, filled on 1 Oct 2026. */
  long newPatient(String mrn) {
    if (nurse == null) {
      nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    }
    long id = RecordFormsContract.ok(demo.post("/api/patients", "{\"mrn\":\"" + mrn + "\",\"name\":\"Mri " + mrn + "\",\"etiology\":\"SPINAL\","
        + "\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}"), 201).get("id").asLong();
    RecordFormsContract.ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-" + mrn
        + "\",\"catheterLengthCm\":50,\"implantDate\":\"2026-06-01\"}"), 201);
    RecordFormsContract.ok(demo.write("/api/patients/" + id + "/prescriptions",
        "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-06-01T10:00\"}"), 201);
    RecordFormsContract.ok(demo.write("/api/patients/" + id + "/refills",
        "{\"at\":\"2026-10-01T10:00\",\"expected\":\"0 mL\",\"withdrawn\":\"0 mL\",\"fill\":\"20 mL\"}"), 201);
    return id;
  }

  public static String interrogation(String pumpLocalTime, String delivery, String postMri) {
    return "{\"schemaVersion\":1,\"workflow\":\"POST_MRI\",\"interrogations\":[{\"pumpLocalTime\":\"" + pumpLocalTime + "\",\"delivery\":\""
        + delivery + "\"}]" + (postMri == null ? "" : ",\"postMri\":" + postMri) + "}";
  }

  String dashboard() {
    return demo.get("/api/dashboard").body();
  }

  /** The kinds of the dashboard's items for one patient. */
  java.util.List<String> dashboardKinds(long patient) {
    java.util.List<String> kinds = new java.util.ArrayList<>();
    TestSupport.json(dashboard()).forEach(i -> {
      if (i.get("patientId").asLong() == patient) {
        kinds.add(i.get("kind").asText());
      }
    });
    return kinds;
  }

  @Test
  void theSameScanRecordedTwiceIsSavedOnce() throws Exception {
    long id = newPatient("M-9");
    String base = "/api/patients/" + id;
    String scan = "{\"scanAt\":\"2026-11-22T15:00\",\"fieldStrength\":\"1.5 T\"}";
    RecordFormsContract.ok(nurse.post(base + "/mri", scan), 201);
    TestSupport.conflict(nurse.post(base + "/mri", scan), null, "already recorded", "nothing was saved");
    // two at the same instant: one 201, one 409
    String other = "{\"scanAt\":\"2026-11-24T09:30\",\"fieldStrength\":\"1.5 T\"}";
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.Callable<Integer> post = () -> {
        go.await();
        return nurse.post(base + "/mri", other).statusCode();
      };
      java.util.concurrent.Future<Integer> a = pool.submit(post);
      java.util.concurrent.Future<Integer> b = pool.submit(post);
      go.countDown();
      assertThat(java.util.List.of(a.get(), b.get())).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdownNow();
    }
    JsonNode page = TestSupport.json(nurse.get(base).body());
    assertThat(page.get("mriScans")).hasSize(2);
  }

  @Test
  void aPostMriCheckIsClosedOnlyOnAnInterrogationAfterTheScanThatShowsDeliveryResumed() {
    long id = newPatient("M-1");
    String base = "/api/patients/" + id;
    long scan = RecordFormsContract.ok(nurse.post(base + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"1.5 T\"}"), 201)
        .get("id").asLong();
    String check = "{\"result\":\"ok\"}";
    // Nothing stored after the scan: refused, naming what is missing.
    JsonNode e = RecordFormsContract.ok(nurse.post(base + "/mri/" + scan + "/check", check), 400);
    assertThat(e.get("field").asText()).isEqualTo("interrogation");
    assertThat(e.get("value").asText()).isEqualTo("none after 23 Nov 2026 15:00");
    assertThat(e.get("error").asText()).contains("no pump interrogation is stored after the scan at 23 Nov 2026 15:00", "interrogate the pump");
    assertThat(e.get("allowed").asText()).contains("DELIVERING");
    // An imported record whose interrogation was made before the scan does not count.
    RecordFormsContract.ok(nurse.post(base + "/sessions", interrogation("2026-11-23T14:00", "DELIVERING", null)), 201);
    e = RecordFormsContract.ok(nurse.post(base + "/mri/" + scan + "/check", check), 400);
    assertThat(e.get("error").asText()).contains("made at 23 Nov 2026 14:00, not after the scan");
    // The latest interrogation after the scan shows the pump stopped: delivery has not resumed.
    RecordFormsContract.ok(nurse.post(base + "/sessions", interrogation("2026-11-24T08:30", "STOPPED", null)), 201);
    e = RecordFormsContract.ok(nurse.post(base + "/mri/" + scan + "/check", check), 400);
    assertThat(e.get("value").asText()).isEqualTo("delivery STOPPED");
    assertThat(e.get("error").asText()).contains("shows the pump STOPPED, not DELIVERING", "not receiving baclofen");
    // Delivering, but its post-MRI check found a stall without recovery.
    RecordFormsContract.ok(nurse.post(base + "/sessions", interrogation("2026-11-24T08:40", "DELIVERING", "{\"deliveryConfirmed\":false}")), 201);
    e = RecordFormsContract.ok(nurse.post(base + "/mri/" + scan + "/check", check), 400);
    assertThat(e.get("value").asText()).isEqualTo("deliveryConfirmed false");
    assertThat(dashboardKinds(id)).contains("POST_MRI_CHECK");
    assertThat(TestSupport.json(demo.get(base).body()).get("mriScans").get(0).get("checkedAt").isNull()).isTrue();
    // Delivery resumed: the check closes, naming the interrogation that proved it.
    JsonNode proof = RecordFormsContract.ok(nurse.post(base + "/sessions",
        interrogation("2026-11-24T08:50", "DELIVERING", "{\"deliveryConfirmed\":true}")), 201);
    JsonNode done = RecordFormsContract.ok(nurse.post(base + "/mri/" + scan + "/check", check), 200);
    assertThat(done.get("checkSessionId").asLong()).isEqualTo(proof.get("id").asLong());
    assertThat(done.get("checkedBy").asText()).isEqualTo(DemoClinic.NURSE_USER);
    assertThat(done.get("checkedAt").asText()).isEqualTo("2026-11-24T09:00");
    String audit = server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE entity = 'mri_scan' AND entity_id = :id "
        + "AND action = 'update'").bind("id", Long.toString(scan)).mapTo(String.class).one());
    assertThat(audit).contains("post-MRI check: ok", "evidence: session record " + proof.get("id").asLong(), "DELIVERING");
    assertThat(dashboardKinds(id)).doesNotContain("POST_MRI_CHECK");
  }

  @Test
  void aThreeTeslaScanIsRefusedWhenPlannedAndNeedsAnAcknowledgementWhenItHasTakenPlace() {
    long id = newPatient("M-2");
    String base = "/api/patients/" + id;
    // Planned (after now) on a 3 T scanner: refused, the pump is labelled for 1.5 T.
    JsonNode e = RecordFormsContract.ok(nurse.post(base + "/mri", "{\"scanAt\":\"2026-11-30T10:00\",\"fieldStrength\":\"3 T\"}"), 400);
    assertThat(e.get("field").asText()).isEqualTo("fieldStrength");
    assertThat(e.get("value").asText()).isEqualTo("3 T");
    assertThat(e.get("allowed").asText()).isEqualTo("<= 1.5 T for a planned scan");
    assertThat(e.get("error").asText()).contains("ITB-20 is labelled MR conditional up to 1.5 T");
    // Even acknowledged, a planned scan above the label is refused.
    RecordFormsContract.ok(nurse.post(base + "/mri", "{\"scanAt\":\"2026-11-30T10:00\",\"fieldStrength\":\"3 T\",\"outsideLabel\":true}"), 400);
    // Taken place: recorded only with the acknowledgement.
    e = RecordFormsContract.ok(nurse.post(base + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"3 T\"}"), 400);
    assertThat(e.get("field").asText()).isEqualTo("outsideLabel");
    assertThat(e.get("error").asText()).contains("3 T scan is outside the ITB-20's MR labelling (<= 1.5 T)", "interrogate the pump at once");
    assertThat(count("mri_scan", id)).isZero();
    JsonNode scan = RecordFormsContract.ok(nurse.post(base + "/mri",
        "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"3 T\",\"outsideLabel\":true}"), 201);
    assertThat(scan.get("outsideLabel").asBoolean()).isTrue();
    assertThat(scan.get("acknowledgedBy").asText()).isEqualTo(DemoClinic.NURSE_USER);
    String audit = server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE entity = 'mri_scan' AND entity_id = :id")
        .bind("id", scan.get("id").asText()).mapTo(String.class).one());
    assertThat(audit).contains("OUTSIDE the ITB-20's label (<= 1.5 T), acknowledged by nurse");
    assertThat(dashboard()).contains("3 T MRI OUTSIDE the pump's label at 23 Nov 2026 15:00", "check for motor stall and over-infusion now");
    // A 1.5 T scan, planned or done, needs nothing more.
    JsonNode ok = RecordFormsContract.ok(nurse.post(base + "/mri", "{\"scanAt\":\"2026-11-30T10:00\",\"fieldStrength\":\"1.5 T\"}"), 201);
    assertThat(ok.get("outsideLabel").asBoolean()).isFalse();
  }

  @Test
  void aFlaggedDiscrepancyIsResolvedWithWhoWhenWhatWasFoundAndDoneAndLeavesTheDashboard() {
    long id = newPatient("M-3");
    String base = "/api/patients/" + id;
    // 5 mL expected, 1 mL withdrawn: 4 mL beyond the ITB-20's 1 mL limit.
    JsonNode refill = TestSupport.flaggedRefill(nurse, base);
    long rid = refill.get("id").asLong();
    assertThat(dashboardKinds(id)).contains("DISCREPANCY");
    String path = base + "/refills/" + rid + "/resolve";
    JsonNode e = RecordFormsContract.ok(nurse.post(path, "{\"found\":\"needle position checked\"}"), 400);
    assertThat(e.get("field").asText()).isEqualTo("action");
    long unflagged = TestSupport.json(demo.get(base).body()).get("refills").get(1).get("id").asLong();
    e = RecordFormsContract.ok(nurse.post(base + "/refills/" + unflagged + "/resolve", "{\"found\":\"x\",\"action\":\"y\"}"), 400);
    assertThat(e.get("error").asText()).contains("was not flagged");
    JsonNode done = RecordFormsContract.ok(nurse.post(path, "{\"found\":\"pump log shows 4 mL less delivered: a stall last week\","
        + "\"action\":\"rotor study booked; patient told the withdrawal signs\"}"), 200);
    assertThat(done.get("resolved").asBoolean()).isTrue();
    assertThat(done.get("resolvedBy").asText()).isEqualTo(DemoClinic.NURSE_USER);
    assertThat(done.get("resolvedAt").asText()).isEqualTo("2026-11-24T09:00");
    assertThat(done.get("resolutionFound").asText()).isEqualTo("pump log shows 4 mL less delivered: a stall last week");
    assertThat(done.get("resolutionAction").asText()).isEqualTo("rotor study booked; patient told the withdrawal signs");
    String audit = server.jdbi().withHandle(h -> h.createQuery("SELECT actor || ' ' || action || ' ' || detail FROM audit_log "
        + "WHERE entity = 'refill' AND entity_id = :id AND action = 'resolve'").bind("id", Long.toString(rid)).mapTo(String.class).one());
    assertThat(audit).isEqualTo("nurse resolve patient=" + id + " discrepancy -4.000 mL resolved by nurse at 24 Nov 2026 09:00; found: pump log "
        + "shows 4 mL less delivered: a stall last week; done: rotor study booked; patient told the withdrawal signs");
    assertThat(dashboardKinds(id)).doesNotContain("DISCREPANCY");
    TestSupport.conflict(demo.post(path, "{\"found\":\"x\",\"action\":\"y\"}"), null, "already resolved by nurse at 24 Nov 2026 09:00");
    // Another patient's refill is not found.
    assertThat(demo.post("/api/patients/999999/refills/" + rid + "/resolve", "{\"found\":\"x\",\"action\":\"y\"}").statusCode()).isEqualTo(404);
  }

  long count(String table, long patient) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE patient_id = :p")
        .bind("p", patient).mapTo(Long.class).one());
  }
}
