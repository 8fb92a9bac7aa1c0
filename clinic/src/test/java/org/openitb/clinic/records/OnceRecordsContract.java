// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.MriDiscrepancyContract;
import org.openitb.clinic.ServerContract;
import org.openitb.clinic.TestSupport;

/**
 * Issue 9 defect 5 for every other write that must happen once (registration, implant, trial,
 * alarm and its clearing, discrepancy resolution, session import, MRI scan and its check,
 * replacement indicator): each carries the form's idempotency key, so a second identical submit
 * under that key answers the first result (header {@value Once#REPLAY_HEADER}) and records nothing,
 * other values under the same key get 409, a write without a key is refused; and the same
 * real-world event sent twice under two keys, or by two people at one instant, gives one record
 * and a 409 naming the record that holds it. Run against each database by a subclass; the tests'
 * clock stands at 24 Nov 2026 09:00.
 */
public abstract class OnceRecordsContract extends ServerContract {
  TestSupport.Client nurse;

  /** A spinal adult with an ITB-20, 300 mcg/day at 500 mcg/mL, filled on 1 Oct 2026. */
  long newPatient(String mrn) {
    if (nurse == null) {
      nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    }
    long id = OnceContract.ok(demo.post("/api/patients", patient(mrn)), 201).get("id").asLong();
    OnceContract.ok(demo.post("/api/patients/" + id + "/implants", implant("S-" + mrn)), 201);
    OnceContract.ok(demo.write("/api/patients/" + id + "/prescriptions",
        "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-06-01T10:00\"}"), 201);
    OnceContract.ok(demo.write("/api/patients/" + id + "/refills",
        "{\"at\":\"2026-10-01T10:00\",\"expected\":\"0 mL\",\"withdrawn\":\"0 mL\",\"fill\":\"20 mL\"}"), 201);
    return id;
  }

  public static String patient(String mrn) {
    return "{\"mrn\":\"" + mrn + "\",\"name\":\"Once " + mrn + "\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}";
  }

  public static String implant(String serial) {
    return "{\"pumpModel\":\"ITB-20\",\"serial\":\"" + serial + "\",\"catheterLengthCm\":50,\"implantDate\":\"2026-06-01\"}";
  }

  static final String TRIAL = "{\"dose\":\"50 mcg\",\"ashworthBefore\":\"3\",\"ashworthAfter\":\"1+\",\"pennBefore\":3,\"pennAfter\":1,"
      + "\"effectHours\":6,\"at\":\"2026-11-20T09:00\"}";

  /**
   * Sends {@code body} to {@code path} twice under one key: the second answer is the first (same status and body, marked
   * as a replay), then the same key with {@code other} gets 409 naming the key. Returns the first answer.
   */
  JsonNode replayed(TestSupport.Client client, String path, String body, String other, int status, String key) {
    HttpResponse<String> first = client.postKeyed(path, body, key);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(status);
    assertThat(first.headers().firstValue(Once.REPLAY_HEADER)).isEmpty();
    HttpResponse<String> again = client.postKeyed(path, body, key);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(status);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue(Once.REPLAY_HEADER)).contains("true");
    HttpResponse<String> changed = client.postKeyed(path, other, key);
    TestSupport.conflict(changed, Once.HEADER, "already submitted with different values");
    return TestSupport.json(first.body());
  }

  /** The same write by the clinician and the nurse at one instant, each under their own key: one 201, one 409; returns the 409. */
  JsonNode oneOfTwoAtOnce(String path, String body) throws Exception {
    List<HttpResponse<String>> both = OnceContract.atOnce(() -> demo.post(path, body), () -> nurse.post(path, body));
    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList()).as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(201, 409);
    return TestSupport.json(both.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow().body());
  }

  long rows(String table, String where, Object... binds) {
    return server.jdbi().withHandle(h -> {
      var q = h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where);
      for (int i = 0; i < binds.length; i++) {
        q.bind(i, binds[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  @Test
  void everyOneTimeWriteRefusesARequestWithoutTheFormsKey() {
    long id = newPatient("K-0");
    String base = "/api/patients/" + id;
    for (String path : List.of("/api/patients", base + "/implants", base + "/trials", base + "/alarms", base + "/alarms/1/clear",
        base + "/refills/1/resolve", base + "/sessions", base + "/mri", base + "/mri/1/check", base + "/replacements")) {
      HttpResponse<String> r = demo.send("POST", path, "{}", demo.csrf, null);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
      assertThat(TestSupport.json(r.body()).get("field").asText()).as(path).isEqualTo(Once.HEADER);
    }
  }

  @Test
  void aRegistrationSubmittedTwiceCreatesOnePatient() throws Exception {
    newPatient("K-1a");
    JsonNode first = replayed(demo, "/api/patients", patient("K-1"), patient("K-1").replace("Once K-1", "Other K-1"), 201, "reg-k1");
    assertThat(rows("patient", "mrn = ?", "K-1")).isEqualTo(1);
    assertThat(first.get("mrn").asText()).isEqualTo("K-1");
    // two people registering one patient at once: one record, and the other is told which MRN exists
    JsonNode e = oneOfTwoAtOnce("/api/patients", patient("K-1b"));
    assertThat(e.get("error").asText()).contains("MRN K-1b");
    assertThat(rows("patient", "mrn = ?", "K-1b")).isEqualTo(1);
  }

  @Test
  void anImplantSubmittedTwiceIsRecordedOnce() throws Exception {
    long id = newPatient("K-2");
    String path = "/api/patients/" + id + "/implants";
    JsonNode first = replayed(demo, path, implant("S-K2-NEW"), implant("S-K2-OTHER"), 201, "implant-k2");
    assertThat(rows("implant", "serial = ?", "S-K2-NEW")).isEqualTo(1);
    // the same pump again under a new key (a second clinician, the form sent again after a reload): refused by name
    TestSupport.conflict(demo.post(path, implant("S-K2-NEW")), "serial", "serial S-K2-NEW is already recorded for this patient (implant " + first.get("id").asLong(),
        "nothing was saved");
    TestSupport.Client second = TestSupport.Client.checkedLogin(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
    List<HttpResponse<String>> both = OnceContract.atOnce(() -> demo.post(path, implant("S-K2-AT-ONCE")),
        () -> second.post(path, implant("S-K2-AT-ONCE")));
    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList()).as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(201, 409);
    assertThat(rows("implant", "serial = ?", "S-K2-AT-ONCE")).isEqualTo(1);
    assertThat(rows("implant", "patient_id = ? AND explant_date IS NULL", id)).isEqualTo(1);
  }

  @Test
  void aTrialSubmittedTwiceIsRecordedOnce() throws Exception {
    long id = newPatient("K-3");
    String path = "/api/patients/" + id + "/trials";
    JsonNode first = replayed(nurse, path, TRIAL, TRIAL.replace("50 mcg", "75 mcg"), 201, "trial-k3");
    assertThat(rows("screening_trial", "patient_id = ?", id)).isEqualTo(1);
    TestSupport.conflict(nurse.post(path, TRIAL), "at", "trial at 20 Nov 2026 09:00 is already recorded for this patient (trial "
        + first.get("id").asLong() + ", 50 mcg, recorded by nurse)");
    // two at once, given "now" (no time typed): one trial
    JsonNode e = oneOfTwoAtOnce(path, TRIAL.replace(",\"at\":\"2026-11-20T09:00\"", ""));
    assertThat(e.get("error").asText()).contains("trial at 24 Nov 2026 09:00 is already recorded");
    assertThat(rows("screening_trial", "patient_id = ?", id)).isEqualTo(2);
  }

  @Test
  void anAlarmSubmittedTwiceIsRecordedOnce() throws Exception {
    long id = newPatient("K-4");
    String path = "/api/patients/" + id + "/alarms";
    String alarm = "{\"kind\":\"MOTOR_STALL\",\"at\":\"2026-11-23T22:15\"}";
    JsonNode first = replayed(nurse, path, alarm, alarm.replace("MOTOR_STALL", "LOW_RESERVOIR"), 201, "alarm-k4");
    assertThat(first.get("critical").asBoolean()).isTrue();
    assertThat(rows("alarm", "patient_id = ?", id)).isEqualTo(1);
    TestSupport.conflict(demo.post(path, alarm), null, "MOTOR_STALL alarm at 23 Nov 2026 22:15 is already recorded for this patient (alarm "
        + first.get("id").asLong() + ", open)");
    // two nurses recording the alarm the patient phoned in, at once (no time typed): one alarm
    oneOfTwoAtOnce(path, "{\"kind\":\"LOW_RESERVOIR\"}");
    assertThat(rows("alarm", "patient_id = ? AND kind = ?", id, "LOW_RESERVOIR")).isEqualTo(1);
    // another kind at the same instant is another alarm
    OnceContract.ok(nurse.post(path, alarm.replace("MOTOR_STALL", "DELIVERY_FAULT")), 201);
  }

  @Test
  void anAlarmIsClearedOnceAndKeepsItsFirstClearing() throws Exception {
    long id = newPatient("K-5");
    String base = "/api/patients/" + id + "/alarms";
    long alarm = OnceContract.ok(nurse.post(base, "{\"kind\":\"LOW_RESERVOIR\",\"at\":\"2026-11-23T08:00\"}"), 201).get("id").asLong();
    long other = OnceContract.ok(nurse.post(base, "{\"kind\":\"LOW_RESERVOIR\",\"at\":\"2026-11-23T09:00\"}"), 201).get("id").asLong();
    JsonNode cleared = replayed(nurse, base + "/" + alarm + "/clear", "{}", "{\"note\":\"other\"}", 200, "clear-k5");
    assertThat(cleared.get("clearedAt").asText()).isEqualTo("2026-11-24T09:00");
    assertThat(rows("audit_log", "entity = 'alarm' AND entity_id = ? AND action = 'update'", Long.toString(alarm))).isEqualTo(1);
    // cleared again by someone else: 409 naming the first clearing, which stands
    TestSupport.conflict(demo.post(base + "/" + alarm + "/clear", "{}"), "alarmId", "alarm " + alarm + " (LOW_RESERVOIR) was already cleared at 24 Nov 2026 09:00 by nurse");
    assertThat(rows("audit_log", "entity = 'alarm' AND entity_id = ? AND action = 'update'", Long.toString(alarm))).isEqualTo(1);
    // two people clearing one alarm at once: one clears it
    List<HttpResponse<String>> both = OnceContract.atOnce(() -> demo.post(base + "/" + other + "/clear", "{}"),
        () -> nurse.post(base + "/" + other + "/clear", "{}"));
    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList()).as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(200, 409);
    assertThat(rows("audit_log", "entity = 'alarm' AND entity_id = ? AND action = 'update'", Long.toString(other))).isEqualTo(1);
  }

  @Test
  void aDiscrepancyResolutionSubmittedTwiceAnswersItsFirstResult() {
    long id = newPatient("K-6");
    String base = "/api/patients/" + id;
    JsonNode refill = TestSupport.flaggedRefill(nurse, base);
    String path = base + "/refills/" + refill.get("id").asLong() + "/resolve";
    String body = "{\"found\":\"needle outside the reservoir\",\"action\":\"patient observed\"}";
    JsonNode done = replayed(nurse, path, body, body.replace("observed", "sent home"), 200, "resolve-k6");
    assertThat(done.get("resolutionAction").asText()).isEqualTo("patient observed");
    assertThat(rows("audit_log", "entity = 'refill' AND entity_id = ? AND action = 'resolve'", refill.get("id").asText())).isEqualTo(1);
    TestSupport.conflict(demo.post(path, body), null, "already resolved by nurse");
  }

  @Test
  void aSessionRecordImportedTwiceIsStoredOnce() throws Exception {
    long id = newPatient("K-7");
    String path = "/api/patients/" + id + "/sessions";
    String record = MriDiscrepancyContract.interrogation("2026-11-24T08:10", "DELIVERING", null);
    JsonNode first = replayed(nurse, path, record, MriDiscrepancyContract.interrogation("2026-11-24T08:11", "DELIVERING", null), 201, "session-k7");
    assertThat(rows("session_record", "patient_id = ?", id)).isEqualTo(1);
    TestSupport.conflict(demo.post(path, record), null, "session record is already stored for this patient (session record " + first.get("id").asLong()
        + ", imported at 24 Nov 2026 09:00 by nurse)");
    oneOfTwoAtOnce(path, MriDiscrepancyContract.interrogation("2026-11-24T08:20", "DELIVERING", null));
    assertThat(rows("session_record", "patient_id = ?", id)).isEqualTo(2);
  }

  @Test
  void anMriScanAndItsCheckSubmittedTwiceAnswerTheirFirstResult() {
    long id = newPatient("K-8");
    String base = "/api/patients/" + id;
    String scan = "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"1.5 T\"}";
    long scanId = replayed(nurse, base + "/mri", scan, scan.replace("15:00", "16:00"), 201, "mri-k8").get("id").asLong();
    assertThat(rows("mri_scan", "patient_id = ?", id)).isEqualTo(1);
    OnceContract.ok(nurse.post(base + "/sessions", MriDiscrepancyContract.interrogation("2026-11-24T08:50", "DELIVERING", "{\"deliveryConfirmed\":true}")), 201);
    JsonNode checked = replayed(nurse, base + "/mri/" + scanId + "/check", "{\"result\":\"delivery resumed\"}", "{\"result\":\"other\"}", 200,
        "check-k8");
    assertThat(checked.get("checkResult").asText()).isEqualTo("delivery resumed");
    assertThat(rows("audit_log", "entity = 'mri_scan' AND entity_id = ? AND action = 'update'", Long.toString(scanId))).isEqualTo(1);
  }

  @Test
  void aReplacementIndicatorSubmittedTwiceIsRecordedOnce() throws Exception {
    long id = newPatient("K-9");
    String path = "/api/patients/" + id + "/replacements";
    String eri = "{\"eriDate\":\"2026-11-10\"}";
    JsonNode first = replayed(demo, path, eri, "{\"eriDate\":\"2026-11-10\",\"plannedDate\":\"2026-12-01\"}", 201, "eri-k9");
    assertThat(first.get("endOfService").asText()).isEqualTo("2027-02-08");
    TestSupport.conflict(demo.post(path, eri), "eriDate", "replacement indicator of 10 Nov 2026 is already recorded for this patient (replacement "
        + first.get("id").asLong());
    TestSupport.Client second = TestSupport.Client.checkedLogin(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
    String other = "{\"eriDate\":\"2026-11-12\"}";
    List<HttpResponse<String>> both = OnceContract.atOnce(() -> demo.post(path, other), () -> second.post(path, other));
    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList()).as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(201, 409);
    assertThat(rows("replacement", "patient_id = ?", id)).isEqualTo(2);
  }
}
