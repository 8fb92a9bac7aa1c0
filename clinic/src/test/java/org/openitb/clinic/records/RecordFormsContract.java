// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.ServerContract;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.reports.BatteryHistory;
import org.openitb.clinic.reports.Charts;

/**
 * The API behind the patient page's record forms (screening trial with the starting-dose
 * suggestion, prescription with safety findings, MRI scan and post-MRI check, battery chart), run
 * against each database by a subclass. Every refusal names the field and the allowed range and
 * leaves nothing written.
 */
public abstract class RecordFormsContract extends ServerContract {
  /** A spinal adult with an ITB-20 implant (50 cm catheter) and 300 mcg/day at 500 mcg/mL. */
  long newPatient(String mrn) {
    long id = ok(demo.post("/api/patients", "{\"mrn\":\"" + mrn + "\",\"name\":\"Forms " + mrn + "\",\"etiology\":\"SPINAL\","
        + "\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}"), 201).get("id").asLong();
    ok(demo.post("/api/patients/" + id + "/implants", "{\"pumpModel\":\"ITB-20\",\"serial\":\"S-" + mrn + "\",\"catheterLengthCm\":50,"
        + "\"implantDate\":\"2026-06-01\"}"), 201);
    ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\",\"start\":\"2026-06-01T10:00\"}"), 201);
    return id;
  }

  public static JsonNode ok(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return TestSupport.json(r.body());
  }

  long count(String table, long patient) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE patient_id = :p")
        .bind("p", patient).mapTo(Long.class).one());
  }

  long auditRows() {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
  }

  @Test
  void aRespondingTrialSuggestsTwiceTheDoseWithTheUsualRange() {
    long id = newPatient("F-1");
    JsonNode t = ok(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\",\"ashworthBefore\":\"3\",\"ashworthAfter\":\"1+\","
        + "\"pennBefore\":3,\"pennAfter\":1,\"effectHours\":6,\"at\":\"2026-11-20T09:00\"}"), 201);
    assertThat(t.get("doseNg").asLong()).isEqualTo(50_000L);
    assertThat(t.get("sideEffects").asBoolean()).isFalse();
    JsonNode s = t.get("suggestion");
    assertThat(s.get("outcome").asText()).isEqualTo("TWICE_EFFECTIVE_BOLUS");
    assertThat(s.get("startingDose").asText()).isEqualTo("100 mcg/day");
    assertThat(s.get("startingDoseNgPerDay").asLong()).isEqualTo(100_000L);
    assertThat(s.get("reason").asText()).contains("twice the effective screening dose");
    assertThat(s.get("usualRange").asText()).contains("mcg/day", "spinal");
    assertThat(s.get("hardMax").asText()).contains("mcg/day");
    // Starting doses lie below the usual maintenance range (300-800 mcg/day spinal); the suggestion says so rather than hiding it.
    assertThat(s.get("withinUsualRange").asBoolean()).isFalse();
    assertThat(s.get("notes").get(0).asText()).contains("outside the usual daily range", "300 mcg/day - 800 mcg/day");
    assertThat(s.get("responseRule").asText()).contains("Ashworth", "Penn");
    assertThat(t.get("startingDose").asText()).isEqualTo("100 mcg/day");
  }

  @Test
  void sideEffectsOrALongEffectGiveTheDoseItselfPerDay() {
    long id = newPatient("F-2");
    JsonNode t = ok(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"75 mcg\",\"ashworthBefore\":\"3\",\"ashworthAfter\":\"2\","
        + "\"pennBefore\":2,\"pennAfter\":2,\"effectHours\":5,\"sideEffects\":true,\"at\":\"2026-11-23T09:00\"}"), 201);
    assertThat(t.get("sideEffects").asBoolean()).isTrue();
    assertThat(t.get("suggestion").get("outcome").asText()).isEqualTo("EQUAL_TO_EFFECTIVE_BOLUS");
    assertThat(t.get("suggestion").get("startingDose").asText()).isEqualTo("75 mcg/day");
    assertThat(t.get("suggestion").get("reason").asText()).contains("side effects");
    t = ok(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\",\"ashworthBefore\":\"2\",\"ashworthAfter\":\"1\","
        + "\"pennBefore\":2,\"pennAfter\":2,\"effectHours\":10}"), 201);
    assertThat(t.get("suggestion").get("startingDose").asText()).isEqualTo("50 mcg/day");
    assertThat(t.get("suggestion").get("reason").asText()).contains("over 8 h");
    JsonNode trials = TestSupport.json(demo.get("/api/patients/" + id).body()).get("trials");
    assertThat(trials).hasSize(2);
    // The patient record shows each trial's suggestion again, newest first.
    assertThat(trials.get(0).get("suggestion").get("startingDose").asText()).isEqualTo("50 mcg/day");
    assertThat(trials.get(1).get("suggestion").get("startingDose").asText()).isEqualTo("75 mcg/day");
    assertThat(trials.get(1).get("sideEffects").asBoolean()).isTrue();
  }

  @Test
  void noResponseLeadsToTheNextTestDoseThenToNotACandidate() {
    long id = newPatient("F-3");
    JsonNode t = ok(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\",\"ashworthBefore\":\"3\",\"ashworthAfter\":\"3\","
        + "\"pennBefore\":3,\"pennAfter\":3,\"effectHours\":0,\"at\":\"2026-11-20T09:00\"}"), 201);
    JsonNode s = t.get("suggestion");
    assertThat(s.get("responded").asBoolean()).isFalse();
    assertThat(s.get("outcome").asText()).isEqualTo("NEXT_TEST_DOSE");
    assertThat(s.get("nextTestDose").asText()).isEqualTo("75 mcg");
    assertThat(s.get("nextTestNotBefore").asText()).isEqualTo("2026-11-21T09:00");
    assertThat(s.get("startingDose").isNull()).isTrue();
    t = ok(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"100 mcg\",\"ashworthBefore\":\"3\",\"ashworthAfter\":\"3\","
        + "\"pennBefore\":3,\"pennAfter\":4,\"effectHours\":0}"), 201);
    assertThat(t.get("suggestion").get("outcome").asText()).isEqualTo("NOT_A_CANDIDATE");
    assertThat(t.get("suggestion").get("reason").asText()).contains("not a candidate");
    assertThat(t.get("suggestion").get("withinUsualRange").isNull()).isTrue();
  }

  @Test
  void badTrialInputNamesTheFieldAndRangeAndWritesNothing() {
    long id = newPatient("F-4");
    long audit = auditRows();
    String good = "\"ashworthBefore\":\"3\",\"ashworthAfter\":\"1\",\"pennBefore\":3,\"pennAfter\":1,\"effectHours\":6";
    // A positive response to 150 mcg used to be stored before the calculator refused it; now it is refused first.
    refused(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"150 mcg\"," + good + "}"), "dose", "150 mcg", "100 mcg");
    refused(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50\"," + good + "}"), "dose", "50", "mcg");
    refused(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\"," + good.replace("\"pennBefore\":3", "\"pennBefore\":7") + "}"),
        "pennBefore", "7", "0-4");
    refused(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\"," + good.replace("6", "99") + "}"), "effectHours", "99", "0-72");
    refused(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\"," + good + ",\"sideEffects\":\"yes\"}"),
        "sideEffects", "yes", "true, false");
    refused(demo.post("/api/patients/" + id + "/trials", "{\"dose\":\"50 mcg\"," + good.replace("\"1\"", "\"1-\"") + "}"),
        "ashworthAfter", "1-", "1+");
    assertThat(count("screening_trial", id)).isZero();
    assertThat(auditRows()).isEqualTo(audit);
  }

  static void refused(HttpResponse<String> r, String field, String value, String allowedContains) {
    JsonNode e = ok(r, 400);
    assertThat(e.get("field").asText()).as(r.body()).isEqualTo(field);
    assertThat(e.get("value").asText()).as(r.body()).isEqualTo(value);
    assertThat(e.get("allowed").asText()).as(r.body()).contains(allowedContains);
    assertThat(e.get("error").asText()).isNotBlank();
  }

  @Test
  void aPrescriptionReturnsEverySafetyFinding() {
    long id = newPatient("F-5");
    JsonNode rx = ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"330 mcg/day\",\"concentration\":\"500 mcg/mL\","
        + "\"alarmVolume\":\"2 mL\"}"), 201);
    assertThat(rx.get("doseNgPerDay").asLong()).isEqualTo(330_000L);
    assertThat(rx.get("alarmVolumeNl").asLong()).isEqualTo(2_000_000L);
    List<String> steps = new ArrayList<>();
    rx.get("findings").forEach(f -> steps.add(f.get("step").asText() + ":" + f.get("severity").asText()));
    assertThat(steps).contains("daily-dose:INFO").noneMatch(s -> s.endsWith(":HARD"));
    assertThat(rx.get("withinUsualRange").asBoolean()).isTrue();

    // 100 mcg/day (0.2 mL/day at 500 mcg/mL) is allowed but below the usual spinal range: a SOFT finding to confirm.
    long saved = count("prescription", id);
    JsonNode ask = ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"100 mcg/day\",\"concentration\":\"500 mcg/mL\"}"), 400);
    assertThat(ask.get("field").asText()).isEqualTo("confirmed");
    assertThat(ask.get("confirmationRequired").asBoolean()).isTrue();
    assertThat(ask.get("error").asText()).contains("confirmation required", "usual", "confirmationToken");
    assertThat(first(ask.get("findings"), "SOFT").get("step").asText()).isEqualTo("daily-dose");
    String token = ask.get("confirmationToken").asText();
    assertThat(token).hasSize(Records.CONFIRMATION_TOKEN_CHARS);
    assertThat(count("prescription", id)).as("nothing saved before the confirmation").isEqualTo(saved);
    // A plain "true", or the token of 100 mcg/day sent with another dose outside the usual range, confirms nothing.
    ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"100 mcg/day\",\"concentration\":\"500 mcg/mL\",\"confirmed\":true}"), 400);
    JsonNode other = ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"90 mcg/day\",\"concentration\":\"500 mcg/mL\","
        + "\"confirmed\":\"" + token + "\"}"), 400);
    assertThat(other.get("confirmationToken").asText()).isNotEqualTo(token);
    assertThat(count("prescription", id)).isEqualTo(saved);
    rx = ok(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"100 mcg/day\",\"concentration\":\"500 mcg/mL\","
        + "\"confirmed\":\"" + token + "\"}"), 201);
    assertThat(count("prescription", id)).isEqualTo(saved + 1);
    assertThat(rx.get("withinUsualRange").asBoolean()).isFalse();
    JsonNode soft = first(rx.get("findings"), "SOFT");
    assertThat(soft.get("step").asText()).isEqualTo("daily-dose");
    assertThat(soft.get("message").asText()).contains("usual", "100 mcg/day");
  }

  @Test
  void aPrescriptionTheSafetyChainRefusesIsNotSaved() {
    long id = newPatient("F-6");
    long before = count("prescription", id);
    long audit = auditRows();
    // 20 mcg/day at 500 mcg/mL (the concentration in the pump) is 0.040 mL/day, below the ITB-20's lowest programmable
    // rate (0.048 mL/day).
    HttpResponse<String> r = demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"20 mcg/day\",\"concentration\":\"500 mcg/mL\"}");
    JsonNode e = ok(r, 400);
    assertThat(e.get("error").asText()).contains("device-rate", "lowest programmable rate");
    assertThat(e.get("field").asText()).isEqualTo("dose");
    assertThat(e.get("allowed").asText()).contains("mL/day", "ITB-20");
    assertThat(first(e.get("findings"), "HARD").get("step").asText()).isEqualTo("device-rate");
    refused(demo.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\",\"alarmVolume\":\"9 mL\"}"),
        "alarmVolume", "9.000 mL", "-");
    assertThat(count("prescription", id)).isEqualTo(before);
    assertThat(auditRows()).isEqualTo(audit);

    TestSupport.Client nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    JsonNode denied = ok(nurse.write("/api/patients/" + id + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\"}"), 403);
    assertThat(denied.get("error").asText()).contains("NURSE", "CLINICIAN");
    assertThat(count("prescription", id)).isEqualTo(before);
  }

  static JsonNode first(JsonNode findings, String severity) {
    for (JsonNode f : findings) {
      if (f.get("severity").asText().equals(severity)) {
        return f;
      }
    }
    throw new AssertionError("no " + severity + " finding in " + findings);
  }

  @Test
  void anMriScanIsCheckedOnceAndThePlanFollows() {
    long id = newPatient("F-7");
    String base = "/api/patients/" + id;
    refused(demo.post(base + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"7 T\"}"), "fieldStrength", "7 T", "1.5 T, 3 T");
    refused(demo.post(base + "/mri", "{\"scanAt\":\"23.11.2026\",\"fieldStrength\":\"3 T\"}"), "scanAt", "23.11.2026", "YYYY-MM-DD");
    assertThat(count("mri_scan", id)).isZero();
    JsonNode scan = ok(demo.post(base + "/mri", "{\"scanAt\":\"2026-11-23T15:00\",\"fieldStrength\":\"1.5 T\"}"), 201);
    assertThat(scan.get("checkedAt").isNull()).isTrue();
    assertThat(scan.get("fieldStrength").asText()).isEqualTo("1.5 T");
    assertThat(TestSupport.json(demo.get(base).body()).get("plan").toString()).contains("POST_MRI_CHECK");
    long sid = scan.get("id").asLong();
    refused(demo.post(base + "/mri/" + sid + "/check", "{\"result\":\"\"}"), "result", "", "1-1000");
    // the check needs an interrogation after the scan that shows delivery resumed (MriWorkflowContract tests the refusals)
    ok(demo.post(base + "/sessions", "{\"schemaVersion\":1,\"interrogations\":[{\"pumpLocalTime\":\"2026-11-24T08:50\",\"delivery\":\"DELIVERING\"}]}"), 201);
    JsonNode checked = ok(demo.post(base + "/mri/" + sid + "/check", "{\"result\":\"interrogated: no stall, delivery resumed\"}"), 200);
    assertThat(checked.get("checkedAt").asText()).isEqualTo("2026-11-24T09:00");
    assertThat(checked.get("checkResult").asText()).isEqualTo("interrogated: no stall, delivery resumed");
    assertThat(TestSupport.json(demo.get(base).body()).get("plan").toString()).doesNotContain("POST_MRI_CHECK");
    JsonNode again = ok(demo.post(base + "/mri/" + sid + "/check", "{\"result\":\"overwrite\"}"), 409);
    assertThat(again.get("error").asText()).contains("already checked");
    JsonNode scans = TestSupport.json(demo.get(base).body()).get("mriScans");
    assertThat(scans.get(0).get("checkResult").asText()).isEqualTo("interrogated: no stall, delivery resumed");
    long other = newPatient("F-8");
    assertThat(demo.post("/api/patients/" + other + "/mri/" + sid + "/check", "{\"result\":\"x\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void theBatteryChartSaysWhenThereIsNoDataAndPlotsInterrogations() {
    long id = newPatient("F-9");
    HttpResponse<byte[]> empty = demo.bytes("/api/patients/" + id + "/charts/battery/svg");
    assertThat(new String(empty.body(), StandardCharsets.UTF_8)).contains("<svg");
    assertThat(empty.headers().firstValue(Charts.TITLE_HEADER).orElse("")).isEqualTo(Charts.NO_BATTERY_DATA).contains("no data");
    BatteryHistory history = new BatteryHistory(server.jdbi());
    assertThat(history.readings(id)).isEmpty();

    String session = "{\"schemaVersion\":1,\"workflow\":\"INTERROGATE\",\"pumpSerial\":\"S-F-9\",\"interrogations\":["
        + "{\"pumpLocalTime\":\"2026-08-01T10:00\",\"battery\":\"OK\",\"batteryPercent\":91},"
        + "{\"pumpLocalTime\":\"2026-11-01T10:00\",\"battery\":\"OK\",\"batteryPercent\":87}]}";
    ok(demo.post("/api/patients/" + id + "/sessions", session), 201);
    ok(demo.post("/api/patients/" + id + "/sessions", "{\"schemaVersion\":1,\"note\":\"no interrogations\"}"), 201);
    ok(demo.post("/api/patients/" + id + "/replacements", "{\"eriDate\":\"2026-11-10\"}"), 201);
    assertThat(history.readings(id)).extracting(BatteryHistory.Reading::percent).containsExactly(91, 87);
    assertThat(history.eriDates(id)).extracting(BatteryHistory.Eri::date).containsExactly(java.time.LocalDate.of(2026, 11, 10));
    HttpResponse<byte[]> png = demo.bytes("/api/patients/" + id + "/charts/battery/png");
    assertThat(png.headers().firstValue(Charts.TITLE_HEADER).orElse(""))
        .contains("last 87% OK on 2026-11-01", "ERI 2026-11-10", "end of service 2027-02-08").doesNotContain("no data");
    var chart = new Charts(server.jdbi()).chart(id, Charts.Kind.BATTERY);
    assertThat(chart.getSeriesMap()).containsOnlyKeys("battery S-F-9", "ERI 2026-11-10");
    assertThat(chart.getSeriesMap().get("battery S-F-9").getYData()).containsExactly(91.0, 87.0);
    assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
    assertThat(new String(png.body(), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  /**
   * Issue 9 defect 6: the prescription form runs the programmer's rules. "60 mcg/h" is echoed as its daily total and must
   * be confirmed (and the +380 % step is beyond the titration guardrail); flex steps through the day are stored with
   * their time-weighted daily total, with a patient-bolus allowance, and the stored therapy plans the refill with them.
   */
  @Test
  void perHourEntryFlexStepsAndPatientBolus() {
    long id = newPatient("F-10");
    String path = "/api/patients/" + id + "/prescriptions";
    JsonNode ask = ok(demo.write(path, "{\"dose\":\"60 mcg/h\",\"concentration\":\"500 mcg/mL\"}"), 400);
    assertThat(ask.get("confirmationRequired").asBoolean()).isTrue();
    assertThat(ask.get("dailyTotal").asText()).isEqualTo("1440 mcg/day");
    assertThat(ask.get("enteredPerHour").asBoolean()).isTrue();
    assertThat(ask.get("error").asText()).contains("entered per hour", "1440 mcg/day", "titration");
    assertThat(count("prescription", id)).isEqualTo(1);
    JsonNode echo = ok(demo.get("/api/daily-total?dose=60%20mcg/h"), 200);
    assertThat(echo.get("dailyTotal").asText()).isEqualTo("1440 mcg/day");

    JsonNode flex = ok(demo.write(path, "{\"flex\":\"06:00=400 mcg/day, 22:00=200 mcg/day\",\"concentration\":\"500 mcg/mL\","
        + "\"patientBolusDose\":\"20 mcg\",\"patientBolusLockoutMinutes\":120,\"patientBolusMaxPerDay\":4}"), 201);
    // (16 h x 400 + 8 h x 200) / 24 h = 333.333... mcg/day, rounded up to the nanogram
    assertThat(flex.get("dailyTotal").asText()).isEqualTo("333.334 mcg/day");
    assertThat(flex.get("flex").asText()).isEqualTo("06:00=400 mcg/day,22:00=200 mcg/day");
    assertThat(flex.get("patientBolus").asText()).startsWith("20 mcg|10|120|4");
    assertThat(flex.get("described").asText()).contains("from 06:00 400 mcg/day", "from 22:00 200 mcg/day", "daily total 333.334 mcg/day");
    // the record reads back as flex steps (the patient page shows them; a refill plans with them)
    JsonNode rx = TestSupport.json(demo.get("/api/patients/" + id).body()).get("prescriptions").get(0);
    assertThat(rx.get("flex").asText()).contains("22:00=200 mcg/day");
    ok(demo.write("/api/patients/" + id + "/refills", "{\"withdrawn\":\"3 mL\",\"expected\":\"3 mL\",\"fill\":\"20 mL\"}"), 201);
  }
}
