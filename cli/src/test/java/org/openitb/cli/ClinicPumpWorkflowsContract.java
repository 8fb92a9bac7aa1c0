// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * The clinic's pump workflows over HTTP, each driving a real programmer session over the real
 * link to a real virtual pump (firmware on simulated hardware, manual clock): interrogate, a
 * refill with a concentration change and a second person, the post-MRI check, and a dose change
 * by preview and checksum commit. The pump's own state changes; session records and audit rows
 * are stored, with the position in the pump's event log that survives a server restart. Run on
 * each database by a subclass.
 */
abstract class ClinicPumpWorkflowsContract {
  static final Clock CLOCK = TestDatabases.CLOCK;
  static final ObjectMapper JSON = new ObjectMapper();
  /** A daily dose far above baclofen's hard limit for any patient: the safety chain refuses it. */
  static final String REFUSED_DOSE = "5000 mcg/day";

  /** A new, empty clinic database. */
  abstract ClinicConfig database();

  @Test
  void workflowsDriveTheRealPump() throws Exception {
    try (LiveClinic clinic = LiveClinic.start(database().withDemoPatients(3), CLOCK)) {
      ClinicServer server = clinic.server();
      assertThat(clinic.links().live()).hasSize(1);
      VirtualPumpLinks.Live live = clinic.live();
      VirtualPump vp = clinic.pump();
      long patient = live.patientId();
      String base = "/api/patients/" + patient + "/pump/";
      vp.advance(Duration.ofDays(5));

      Http doctor = Http.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      Http patientUser = Http.login(server.port(), DemoClinic.PATIENT_USER, DemoClinic.PATIENT_PASSWORD);
      assertThat(patientUser.post(base + "interrogate", "{}").statusCode()).isEqualTo(403);
      assertThat(doctor.postNoCsrf(base + "interrogate", "{}").statusCode()).isEqualTo(403);

      // interrogate
      HttpResponse<String> r = doctor.post(base + "interrogate", "{}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode i = JSON.readTree(r.body());
      assertThat(i.path("pump").path("delivery").asText()).isEqualTo("DELIVERING");
      assertThat(i.path("sessionRecordId").asLong()).isPositive();
      // the session record carries the pump and how far into its event log the session read
      Map<String, Object> stored = server.jdbi().withHandle(h -> h.createQuery("SELECT pump_serial, last_pump_event FROM session_record "
          + "WHERE id = :id").bind("id", i.path("sessionRecordId").asLong()).mapToMap().one());
      assertThat(stored.get("pump_serial")).isEqualTo(live.serial());
      // the first session read the whole log, events 1..n (the session's own frames log events after the status it read)
      assertThat(((Number) stored.get("last_pump_event")).longValue()).isEqualTo(i.path("pump").path("newEvents").asLong()).isPositive();

      // refill with a concentration change: a clinician's order (nurse 403); the new dates are confirmed first; a typed
      // name is not a second person; the second person's own password is
      Concentration old = vp.status().concentration().orElseThrow();
      Concentration next = old.equals(Concentration.ofMicrogramsPerMillilitre(2000))
          ? Concentration.ofMicrogramsPerMillilitre(1000) : Concentration.ofMicrogramsPerMillilitre(2000);
      Http nurse = Http.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
      String change = "\"fill\":\"20 mL\",\"concentration\":\"" + next + "\"";
      r = nurse.post(base + "refill", "{" + doctor.version(patient) + "," + change + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      r = doctor.post(base + "refill", "{" + doctor.version(patient) + "," + change + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      JsonNode plan = JSON.readTree(r.body());
      assertThat(plan.path("confirmationRequired").asBoolean()).isTrue();
      assertThat(plan.path("plan").path("text").asText()).contains("refill by");
      String confirmed = "\"confirmed\":\"" + plan.path("confirmationToken").asText() + "\"";
      r = doctor.post(base + "refill", "{" + doctor.version(patient) + "," + change + "," + confirmed + ",\"confirmBy\":\""
          + DemoClinic.NURSE_USER + "\",\"confirmRole\":\"NURSE\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(vp.status().concentration()).contains(old);
      r = doctor.post(base + "refill", "{" + doctor.version(patient) + "," + change + "," + confirmed + "," + nurseSigns() + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode refill = JSON.readTree(r.body());
      assertThat(refill.path("completed").asBoolean()).isTrue();
      assertThat(refill.path("bridge").asText()).contains("bridge bolus");
      assertThat(refill.path("secondPerson").asText()).isEqualTo(DemoClinic.NURSE_USER);
      assertThat(vp.status().concentration()).contains(next);
      long refillId = refill.path("refillId").asLong();
      String performedBy = server.jdbi().withHandle(h -> h.createQuery("SELECT performed_by FROM refill WHERE id = :id").bind("id", refillId)
          .mapTo(String.class).one());
      assertThat(performedBy).isEqualTo(DemoClinic.CLINICIAN_USER);

      // post-MRI check
      vp.magneticField(Duration.ofMinutes(30), 1500);
      vp.advance(Duration.ofHours(1));
      assertThat(vp.status().interrogationRequired()).isTrue();
      r = doctor.post(base + "post-mri", "{}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode mri = JSON.readTree(r.body());
      assertThat(mri.path("passed").asBoolean()).as(r.body()).isTrue();
      assertThat(mri.path("stalls").asInt()).isPositive();
      assertThat(vp.status().interrogationRequired()).isFalse();

      // dose change: preview (old beside new, the chain's checks), then commit by the preview's token
      DoseRate now = vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON);
      DoseRate raised = new DoseRate(now.nanogramsPerDay() / 1000 * 1050);
      r = doctor.post(base + "dose/preview", "{" + doctor.version(patient) + ",\"dose\":\"" + raised + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode preview = JSON.readTree(r.body());
      assertThat(preview.path("sideBySide").size()).isPositive();
      assertThat(preview.path("checks").size()).isPositive();
      String token = preview.path("previewToken").asText();
      assertThat(doctor.post(base + "dose/commit", "{\"previewToken\":\"00\"}").statusCode()).isEqualTo(409);
      r = doctor.post(base + "dose/commit", "{\"previewToken\":\"" + token + "\"," + nurseSigns() + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode committed = JSON.readTree(r.body());
      assertThat(committed.path("committed").path("dose").asText()).isEqualTo(raised.toString());
      assertThat(committed.path("readBackChecksum").asText()).isEqualTo(preview.path("checksum").asText());
      assertThat(committed.path("summary").asText()).contains("Committed " + raised, preview.path("checksum").asText());
      assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(raised);

      long sessions = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM session_record WHERE patient_id = :p")
          .bind("p", patient).mapTo(Long.class).one());
      assertThat(sessions).isGreaterThanOrEqualTo(4);
      long audited = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'pump-session'")
          .mapTo(Long.class).one());
      assertThat(audited).isGreaterThanOrEqualTo(4);
      String body = doctor.get("/api/patients/" + patient + "/sessions/" + mri.path("sessionRecordId").asLong()).body();
      assertThat(JSON.readTree(body).path("workflow").asText()).isEqualTo("POST_MRI");
    }
  }

  /**
   * Issue 9 defects 1 and 2: a dose change is a clinician's order on the pump routes too, and a commit commits exactly
   * its preview: another pump action cancels it, a dose other than the previewed one is refused, a preview commits
   * once, and the result names the committed therapy and the read-back checksum.
   */
  @Test
  void aDoseCommitIsBoundToItsPreviewAndIsAClinicansOrder() throws Exception {
    try (LiveClinic clinic = LiveClinic.start(database().withDemoPatients(1), CLOCK)) {
      ClinicServer server = clinic.server();
      VirtualPump vp = clinic.pump();
      long patient = clinic.live().patientId();
      String base = "/api/patients/" + patient + "/pump/";
      vp.advance(Duration.ofDays(2));
      Http doctor = login(server);
      Http nurse = Http.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
      DoseRate running = vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON);
      DoseRate previewed = new DoseRate(running.nanogramsPerDay() / 1000 * 1050);
      DoseRate typedAfter = new DoseRate(running.nanogramsPerDay() / 1000 * 1020);

      HttpResponse<String> r = nurse.post(base + "dose/preview", "{" + nurse.version(patient) + ",\"dose\":\"" + previewed + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      assertThat(r.body()).contains("CLINICIAN");
      r = doctor.post(base + "dose/preview", "{" + doctor.version(patient) + ",\"dose\":\"" + previewed + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      String token = JSON.readTree(r.body()).path("previewToken").asText();
      assertThat(nurse.post(base + "dose/commit", "{\"previewToken\":\"" + token + "\"}").statusCode()).isEqualTo(403);

      // the trap: after the preview, another pump action; the old preview can no longer be committed
      assertThat(doctor.post(base + "interrogate", "{}").statusCode()).isEqualTo(200);
      r = doctor.post(base + "dose/commit", "{\"previewToken\":\"" + token + "\"," + nurseSigns() + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).path("error").asText()).contains("cancelled by an interrogation");
      assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(running);

      // a commit naming another dose than the one previewed is refused
      r = doctor.post(base + "dose/preview", "{" + doctor.version(patient) + ",\"dose\":\"" + previewed + "\"}");
      JsonNode preview = JSON.readTree(r.body());
      token = preview.path("previewToken").asText();
      r = doctor.post(base + "dose/commit", "{\"previewToken\":\"" + token + "\",\"dose\":\"" + typedAfter + "\"," + nurseSigns() + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).path("field").asText()).isEqualTo("dose");
      assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(running);

      r = doctor.post(base + "dose/commit", "{\"previewToken\":\"" + token + "\"," + nurseSigns() + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode done = JSON.readTree(r.body());
      assertThat(done.path("committed").path("dose").asText()).isEqualTo(previewed.toString());
      assertThat(done.path("readBackChecksum").asText()).isEqualTo(preview.path("checksum").asText());
      assertThat(vp.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(previewed);
      String audit = server.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_log WHERE entity = 'prescription' ORDER BY id DESC "
          + "LIMIT 1").mapTo(String.class).one());
      assertThat(audit).contains("read back " + preview.path("checksum").asText(), "second person nurse (NURSE, own password)");
      // committed once: the same preview cannot be committed again
      r = doctor.post(base + "dose/commit", "{\"previewToken\":\"" + token + "\"," + nurseSigns() + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    }
  }

  @Test
  void theLastEventSeenSurvivesARestartAndTheNextSessionReadsOnlyNewEvents() throws Exception {
    ClinicConfig db = database().withDemoPatients(1);
    DeferredPumpLinks deferred = new DeferredPumpLinks();
    VirtualPumpLinks links = null;
    try {
      VirtualPumpLinks.Live live;
      VirtualPump vp;
      long seen;
      try (ClinicServer server = ClinicServer.start(db.withPumpLinks(deferred))) {
        links = VirtualPumpLinks.fromRecords(server.jdbi(), 1, CLOCK, 0);
        deferred.set(links);
        live = links.live().get(0);
        vp = links.pump(live.serial()).orElseThrow(); // built now, while this server's records are open
        vp.advance(Duration.ofDays(2));
        HttpResponse<String> r = login(server).post(interrogate(live), "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        seen = lastSeen(server, live);
        assertThat(JSON.readTree(r.body()).path("pump").path("newEvents").asLong()).isEqualTo(seen).isPositive(); // the whole log, 1..seen
      }
      vp.advance(Duration.ofDays(3));
      try (ClinicServer restarted = ClinicServer.start(db.withPumpLinks(deferred))) {
        HttpResponse<String> r = login(restarted).post(interrogate(live), "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long now = lastSeen(restarted, live);
        assertThat(now).isGreaterThan(seen);
        assertThat(vp.eventsSince(0).getLast().number()).isGreaterThanOrEqualTo(now);
        // only the events after the position stored before the restart: seen+1..now
        assertThat(JSON.readTree(r.body()).path("pump").path("newEvents").asLong()).isEqualTo(now - seen);
      }
    } finally {
      if (links != null) {
        links.close();
      }
    }
  }

  @Test
  void aRefillRefusedByTheSafetyChainLeavesTheVirtualReservoirUntouched() throws Exception {
    try (LiveClinic clinic = LiveClinic.start(database().withDemoPatients(1), CLOCK)) {
      ClinicServer server = clinic.server();
      VirtualPumpLinks.Live live = clinic.live();
      VirtualPump vp = clinic.pump();
      vp.advance(Duration.ofDays(5));
      Volume before = vp.trueReservoirVolume();
      Concentration conc = vp.status().concentration().orElseThrow();
      long refillsBefore = refills(server, live.patientId());

      Http doctor = login(server);
      HttpResponse<String> r = doctor.post("/api/patients/" + live.patientId() + "/pump/refill",
          "{" + doctor.version(live.patientId()) + ",\"fill\":\"20 mL\",\"dose\":\"" + REFUSED_DOSE + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
      JsonNode refused = JSON.readTree(r.body());
      assertThat(refused.path("completed").asBoolean()).isFalse();
      assertThat(refused.path("summary").asText()).startsWith("refused before anything was sent: the safety chain refused");
      assertThat(refused.path("withdrawn").asText()).isEqualTo(before.toString());
      assertThat(vp.trueReservoirVolume()).isEqualTo(before);
      assertThat(vp.status().concentration()).contains(conc);
      assertThat(refills(server, live.patientId())).isEqualTo(refillsBefore);

      // the same refill at the running dose goes through: then, and only then, the pump's needle withdraws and fills
      r = doctor.post("/api/patients/" + live.patientId() + "/pump/refill", "{" + doctor.version(live.patientId()) + ",\"fill\":\"20 mL\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("withdrawn").asText()).isEqualTo(before.toString());
      assertThat(vp.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(20));
      assertThat(refills(server, live.patientId())).isEqualTo(refillsBefore + 1);
    }
  }

  @Test
  void withoutPumpLinksTheWorkflowsSayNoProgrammerIsConnected() throws Exception {
    try (ClinicServer server = ClinicServer.start(database().withDemoPatients(1))) {
      Http doctor = Http.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      long patient = server.jdbi().withHandle(h -> h.createQuery("SELECT MIN(patient_id) FROM implant").mapTo(Long.class).one());
      HttpResponse<String> r = doctor.post("/api/patients/" + patient + "/pump/interrogate", "{}");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("no programmer connected to this pump");
    }
  }

  /** The demo nurse as the second person, signing with her own password. */
  static String nurseSigns() {
    return "\"secondPerson\":{\"username\":\"" + DemoClinic.NURSE_USER + "\",\"password\":\"" + DemoClinic.NURSE_PASSWORD + "\"}";
  }

  static String interrogate(VirtualPumpLinks.Live live) {
    return "/api/patients/" + live.patientId() + "/pump/interrogate";
  }

  /** The pump event position the clinic has stored for {@code live}'s pump. */
  static long lastSeen(ClinicServer server, VirtualPumpLinks.Live live) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT MAX(last_pump_event) FROM session_record WHERE pump_serial = :s")
        .bind("s", live.serial()).mapTo(Long.class).one());
  }

  static Http login(ClinicServer server) throws Exception {
    return Http.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
  }

  static long refills(ClinicServer server, long patient) {
    return server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refill WHERE patient_id = :p").bind("p", patient)
        .mapTo(Long.class).one());
  }

  /** A browser-like client: session cookie plus the CSRF token from the login. */
  record Http(String base, HttpClient client, String csrf) {
    static Http login(int port, String user, String password) throws Exception {
      HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      String base = "http://localhost:" + port;
      HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return new Http(base, c, JSON.readTree(r.body()).path("csrfToken").asText());
    }

    /** A POST as a form sends it: with the CSRF token and a new idempotency key. */
    HttpResponse<String> post(String path, String body) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .header("X-CSRF-Token", csrf).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code "therapyVersion":N} with the patient's current therapy version, for a write's JSON. */
    String version(long patient) throws Exception {
      return "\"therapyVersion\":" + JSON.readTree(get("/api/patients/" + patient).body()).path("therapyVersion").asLong();
    }

    HttpResponse<String> postNoCsrf(String path, String body) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
