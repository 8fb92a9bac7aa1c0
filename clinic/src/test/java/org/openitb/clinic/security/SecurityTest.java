// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.TestSupport;

/** Logins, roles, CSRF, patient isolation, injection, malformed input and the append-only audit log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {
  ClinicServer server;
  TestSupport.Client demo;
  long own;
  long other;

  @BeforeAll
  void start() {
    server = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("security")).withDemoPatients(3));
    demo = TestSupport.Client.login(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
    own = TestSupport.json(demo.get("/api/patients?q=DEMO-00001").body()).get(0).get("id").asLong();
    other = TestSupport.json(demo.get("/api/patients?q=DEMO-00002").body()).get(0).get("id").asLong();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  @Test
  void noApiWithoutLogin() {
    TestSupport.Client anon = new TestSupport.Client(server.port());
    for (String route : server.routes()) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      if (path.equals("/api/login")) {
        continue;
      }
      HttpResponse<String> r = anon.send(method, path, "{}");
      assertThat(r.statusCode()).as(route).isEqualTo(401);
      assertThat(TestSupport.json(r.body()).get("error").asText()).as(route).contains("not logged in");
    }
  }

  @Test
  void noPageWithoutLogin() {
    TestSupport.Client anon = new TestSupport.Client(server.port());
    for (String page : List.of("/", "/index.html", "/patient.html?id=1", "/js/app.js")) {
      HttpResponse<String> r = anon.get(page);
      assertThat(r.statusCode()).as(page).isIn(302, 303);
      assertThat(r.headers().firstValue("Location").orElse("")).as(page).endsWith("/login.html");
    }
    assertThat(anon.get("/login.html").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefused() {
    TestSupport.Client c = new TestSupport.Client(server.port());
    HttpResponse<String> r = c.post("/api/login", "{\"username\":\"demo\",\"password\":\"wrong\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    JsonNode audit = TestSupport.json(demo.get("/api/audit?limit=5").body());
    assertThat(audit.toString()).contains("login-failed");
  }

  @Test
  void sessionCookieIsHttpOnlyAndSameSite() {
    TestSupport.Client c = new TestSupport.Client(server.port());
    HttpResponse<String> r = c.post("/api/login", "{\"username\":\"demo\",\"password\":\"demo-clinician\"}");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains(Guard.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
        .as("plain http on localhost: a Secure cookie would never come back").doesNotContainIgnoringCase("Secure");
  }

  @Test
  void sessionCookieIsSecureBehindTheTlsProxy() throws Exception {
    HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/login"))
        .header("Content-Type", "application/json").header(Guard.FORWARDED_PROTO, "https")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"demo-clinician\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure")
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
  }

  @Test
  void sessionsLiveInTheDatabaseNotTheServer() {
    ClinicServer second = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("unused")));
    second.stop();
    long stored = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM login_session").mapTo(Long.class).one());
    assertThat(stored).isPositive();
    String hashes = server.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM login_session").mapTo(String.class).list()).toString();
    assertThat(hashes).doesNotContain(demo.csrf);
  }

  @Test
  void stateChangesNeedTheCsrfToken() {
    String body = "{\"mrn\":\"CSRF-1\",\"name\":\"x\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}";
    HttpResponse<String> none = demo.send("POST", "/api/patients", body, null);
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(TestSupport.json(none.body()).get("error").asText()).contains("CSRF");
    assertThat(demo.send("POST", "/api/patients", body, "wrong-token").statusCode()).isEqualTo(403);
    assertThat(demo.send("PUT", "/api/patients/" + own, "{\"version\":1}", null).statusCode()).isEqualTo(403);
    assertThat(TestSupport.json(demo.get("/api/patients?q=CSRF-1").body())).isEmpty();
    assertThat(demo.post("/api/patients", body).statusCode()).isEqualTo(201);
  }

  @Test
  void aPatientSeesOnlyTheirOwnRecord() {
    TestSupport.Client patient = TestSupport.Client.login(server.port(), DemoClinic.PATIENT_USER, DemoClinic.PATIENT_PASSWORD);
    assertThat(patient.get("/api/patients/" + own).statusCode()).isEqualTo(200);
    assertThat(patient.bytes("/api/patients/" + own + "/id-card.pdf").statusCode()).isEqualTo(200);
    for (String path : List.of("", "/id-card.pdf", "/discharge.pdf", "/calendar.ics", "/charts/dose/png")) {
      assertThat(patient.get("/api/patients/" + other + path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(patient.get("/api/dashboard").statusCode()).isEqualTo(403);
    assertThat(patient.get("/api/patients").statusCode()).isEqualTo(403);
    assertThat(patient.get("/api/audit").statusCode()).isEqualTo(403);
    assertThat(patient.write("/api/patients/" + own + "/refills", "{\"withdrawn\":\"1 mL\",\"fill\":\"20 mL\"}").statusCode()).isEqualTo(403);
  }

  @Test
  void sqlInjectionIsStoredLiterallyAndNeverExecuted() {
    String evil = "Robert'); DROP TABLE patient; --";
    HttpResponse<String> r = demo.post("/api/patients",
        "{\"mrn\":\"INJ-1\",\"name\":\"" + evil + "\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(TestSupport.json(r.body()).get("name").asText()).isEqualTo(evil);
    JsonNode found = TestSupport.json(demo.get("/api/patients?q=" + java.net.URLEncoder.encode("' OR '1'='1", java.nio.charset.StandardCharsets.UTF_8)).body());
    assertThat(found).isEmpty();
    assertThat(demo.get("/api/patients/1%20OR%201=1").statusCode()).isEqualTo(400);
    assertThat(TestSupport.json(demo.get("/api/patients?q=INJ-1").body()).get(0).get("name").asText()).isEqualTo(evil);
    assertThat(TestSupport.json(demo.get("/api/patients").body()).size()).isGreaterThan(3);
  }

  @Test
  void malformedJsonAndBadValuesAreClearErrors() {
    HttpResponse<String> r = demo.post("/api/patients", "{\"mrn\": \"X\", \"name\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestSupport.json(r.body()).get("error").asText()).contains("malformed JSON");
    r = demo.post("/api/patients", "[1,2]");
    assertThat(r.statusCode()).isEqualTo(400);
    r = demo.write("/api/patients/" + own + "/prescriptions", "{\"dose\":\"60\",\"concentration\":\"500 mcg/mL\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = TestSupport.json(r.body());
    assertThat(e.get("field").asText()).isEqualTo("dose");
    assertThat(e.get("value").asText()).isEqualTo("60");
    assertThat(e.get("allowed").asText()).isNotBlank();
    r = demo.write("/api/patients/" + own + "/prescriptions", "{\"dose\":\"5000 mcg/day\",\"concentration\":\"500 mcg/mL\"}");
    assertThat(TestSupport.json(r.body()).get("allowed").asText()).contains("2000 mcg/day");
    r = demo.post("/api/patients", "{\"mrn\":\"E-1\",\"name\":\"x\",\"etiology\":\"LUMBAR\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    assertThat(TestSupport.json(r.body()).get("allowed").asText()).contains("SPINAL", "CEREBRAL", "PAEDIATRIC");
    r = demo.post("/api/patients", "{\"mrn\":\"E-2\",\"name\":\"x\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70\"}");
    assertThat(TestSupport.json(r.body()).get("field").asText()).isEqualTo("weight");
  }

  @Test
  void theAuditLogCannotBeAltered() {
    demo.post("/api/patients", "{\"mrn\":\"AUD-1\",\"name\":\"x\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
    JsonNode before = TestSupport.json(demo.get("/api/audit").body());
    long id = before.get(0).get("id").asLong();
    for (String method : List.of("PUT", "DELETE", "PATCH", "POST")) {
      int status = demo.send(method, "/api/audit/" + id, "{\"detail\":\"erased\"}").statusCode();
      assertThat(status).as(method).isIn(404, 405);
      assertThat(demo.send(method, "/api/audit", "{}").statusCode()).as(method).isIn(404, 405);
    }
    assertThat(TestSupport.json(demo.get("/api/audit").body()).get(0)).isEqualTo(before.get(0));
    assertThatThrownBy(() -> server.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET detail = 'x' WHERE id = ?", id)))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> server.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE id = ?", id)))
        .hasMessageContaining("append-only");
  }

  @Test
  void rolesLimitWhatUsersMayDo() {
    TestSupport.Client admin = TestSupport.Client.login(server.port(), DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD);
    assertThat(admin.get("/api/patients/" + own).statusCode()).isEqualTo(403);
    assertThat(admin.get("/api/audit").statusCode()).isEqualTo(200);
    TestSupport.Client nurse = TestSupport.Client.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    assertThat(nurse.write("/api/patients/" + own + "/prescriptions", "{\"dose\":\"300 mcg/day\",\"concentration\":\"500 mcg/mL\"}")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> r = admin.post("/api/users", "{\"username\":\"nurse2\",\"password\":\"long-enough-1\",\"role\":\"NURSE\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    TestSupport.Client.login(server.port(), "nurse2", "long-enough-1");
    String hash = server.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM app_user WHERE username = 'nurse2'").mapTo(String.class).one());
    assertThat(hash).startsWith(Passwords.PREFIX + "$2").doesNotContain("long-enough-1");
  }

  @Test
  void logoutEndsTheSessionInTheDatabase() {
    TestSupport.Client c = TestSupport.Client.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    assertThat(c.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(c.post("/api/logout", "{}").statusCode()).isEqualTo(200);
    assertThat(c.get("/api/me").statusCode()).isEqualTo(401);
  }
}
