// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ASVS V2 on the API: password rules, no truncation, throttling with the wait (on a clock the test
 * moves), one BCrypt per login whether or not the user exists, one-time codes, password change and
 * reset, deactivation, ending sessions, and demo logins shown only by a demo server.
 */
class LoginSecurityTest {
  /** A clock the test moves; nothing sleeps. */
  static final class MovingClock extends Clock {
    Instant now = TestSupport.CLOCK.instant();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  MovingClock clock;
  ClinicServer server;
  TestSupport.Client admin;

  @BeforeEach
  void start() {
    clock = new MovingClock();
    server = ClinicServer.start(ClinicConfig.embedded(TestSupport.tempDir("login"), clock));
    DemoClinic.seed(server.jdbi(), clock, 0);
    admin = login(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void weakPasswordsAreRefusedWithoutEchoingThem() {
    for (String weak : new String[] {"12345678", "password", "Password2024!", "short-pass1", "nurse7-nurse7-nurse7", "aaaaaaaaaaaaaaaa",
        "correct horse battery staple", "x".repeat(Passwords.MAX + 1)}) {
      HttpResponse<String> r = admin.post("/api/users", user("nurse7", weak));
      assertThat(r.statusCode()).as(weak + " " + r.body()).isEqualTo(400);
      JsonNode e = TestSupport.json(r.body());
      assertThat(e.get("field").asText()).isEqualTo("password");
      assertThat(e.get("value").asText()).isEqualTo(Body.SECRET);
      assertThat(e.get("allowed").asText()).isEqualTo(Passwords.ALLOWED);
      if (!weak.equals("password")) { // the word itself is the field's name
        assertThat(r.body()).doesNotContain(weak);
      }
    }
  }

  @Test
  void anyUnicodeExactlyAsTypedAndNothingTruncated() {
    String spaced = "  Zoë Łukasiewicz-Müller ≤ µ  ";
    assertThat(admin.post("/api/users", user("zoe", spaced)).statusCode()).isEqualTo(201);
    assertThat(attempt("zoe", spaced, null).statusCode()).isEqualTo(200);
    assertThat(attempt("zoe", spaced.strip(), null).statusCode()).as("never trimmed").isEqualTo(401);
    String longA = "ü".repeat(40) + " tail A";
    String longB = "ü".repeat(40) + " tail B";
    assertThat(longA.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(Passwords.BCRYPT_MAX_BYTES);
    HttpResponse<String> r = admin.post("/api/users", user("umlaut", longA));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(attempt("umlaut", longA, null).statusCode()).isEqualTo(200);
    assertThat(attempt("umlaut", longB, null).statusCode()).as("differs only after byte 72").isEqualTo(401);
    String hash = server.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM app_user WHERE username = 'umlaut'").mapTo(String.class).one());
    assertThat(hash).startsWith(Passwords.PREFIX + "$2");
  }

  @Test
  void anAccountIsThrottledWithTheWaitAndFreedWhenTheWindowPasses() {
    for (int i = 0; i < Throttle.PER_ACCOUNT; i++) {
      assertThat(attempt(DemoClinic.NURSE_USER, "wrong " + i, null).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
    assertThat(r.statusCode()).as("even the right password waits").isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("900");
    assertThat(TestSupport.json(r.body()).get("retryAfterSeconds").asLong()).isEqualTo(900);
    assertThat(TestSupport.json(r.body()).get("error").asText()).contains("try again in 900 s");
    clock.now = clock.now.plus(Duration.ofSeconds(899));
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).headers().firstValue("Retry-After")).hasValue("1");
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).isEqualTo(200);
    assertThat(attempt(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null).statusCode()).as("other accounts unaffected").isEqualTo(200);
  }

  @Test
  void anAddressIsThrottledAcrossUsernames() {
    for (int i = 0; i < Throttle.PER_ADDRESS; i++) {
      clock.now = clock.now.plusSeconds(1);
      assertThat(attempt("guess" + i, "wrong password " + i, null).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = attempt(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue(String.valueOf(Throttle.WINDOW.toSeconds() - Throttle.PER_ADDRESS + 1));
  }

  @Test
  void unknownUsersCostOneBcryptLikeKnownOnes() {
    long before = Passwords.VERIFICATIONS.get();
    assertThat(attempt("nobody-here", "some long password", null).statusCode()).isEqualTo(401);
    long unknown = Passwords.VERIFICATIONS.get() - before;
    before = Passwords.VERIFICATIONS.get();
    HttpResponse<String> known = attempt(DemoClinic.NURSE_USER, "some long password", null);
    assertThat(known.statusCode()).isEqualTo(401);
    assertThat(unknown).isEqualTo(1).isEqualTo(Passwords.VERIFICATIONS.get() - before);
    assertThat(TestSupport.json(known.body()).get("error").asText()).isEqualTo(Sessions.WRONG);
  }

  @Test
  void administratorsNeedAOneTimeCodeAndOthersMayTurnItOn() {
    HttpResponse<String> r = attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestSupport.json(r.body()).get("codeRequired").asBoolean()).isTrue();
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, "000000").statusCode()).isEqualTo(401);
    HttpResponse<String> created = admin.post("/api/users", "{\"username\":\"admin2\",\"password\":\"another admin phrase\",\"role\":\"ADMINISTRATOR\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String secret = TestSupport.json(created.body()).get("totpSecret").asText();
    assertThat(TestSupport.json(created.body()).get("totpUri").asText()).startsWith("otpauth://totp/OpenITB%3Aadmin2?secret=" + secret);
    assertThat(attempt("admin2", "another admin phrase", Totp.code(secret, clock)).statusCode()).isEqualTo(200);

    TestSupport.Client nurse = TestSupport.Client.login(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    String pending = TestSupport.json(nurse.post("/api/me/totp", "{}").body()).get("totpSecret").asText();
    assertThat(nurse.post("/api/me/totp/confirm", "{\"code\":\"000000\"}").statusCode()).isEqualTo(400);
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).as("not yet on").isEqualTo(200);
    assertThat(nurse.post("/api/me/totp/confirm", "{\"code\":\"" + Totp.code(pending, clock) + "\"}").statusCode()).isEqualTo(200);
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).isEqualTo(401);
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, Totp.code(pending, clock)).statusCode()).isEqualTo(200);
  }

  @Test
  void passwordsChangeAndResetAndLoginsDeactivateAndSessionsEnd() {
    long id = TestSupport.json(admin.post("/api/users", user("carol", "first phrase of hers")).body()).get("id").asLong();
    TestSupport.Client first = login("carol", "first phrase of hers", null);
    TestSupport.Client second = login("carol", "first phrase of hers", null);
    assertThat(first.post("/api/me/password", "{\"currentPassword\":\"wrong one entirely\",\"password\":\"second phrase of hers\"}")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> changed = first.post("/api/me/password", "{\"currentPassword\":\"first phrase of hers\",\"password\":\"second phrase of hers\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(TestSupport.json(changed.body()).get("otherSessionsEnded").asInt()).isEqualTo(1);
    assertThat(first.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(second.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(attempt("carol", "first phrase of hers", null).statusCode()).isEqualTo(401);

    assertThat(admin.post("/api/users/" + id + "/password", "{\"password\":\"set by the administrator\"}").statusCode()).isEqualTo(200);
    assertThat(first.get("/api/me").statusCode()).isEqualTo(401);
    TestSupport.Client third = login("carol", "set by the administrator", null);
    assertThat(TestSupport.json(admin.post("/api/users/" + id + "/sessions/end", "{}").body()).get("sessionsEnded").asInt()).isEqualTo(1);
    assertThat(third.get("/api/me").statusCode()).isEqualTo(401);
    TestSupport.Client fourth = login("carol", "set by the administrator", null);
    assertThat(admin.post("/api/users/" + id + "/deactivate", "{}").statusCode()).isEqualTo(200);
    assertThat(fourth.get("/api/me").statusCode()).isEqualTo(401);
    HttpResponse<String> r = attempt("carol", "set by the administrator", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestSupport.json(r.body()).get("error").asText()).isEqualTo(Sessions.WRONG);
    String audit = TestSupport.json(login(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null).get("/api/audit").body()).toString();
    assertThat(audit).contains("password-changed", "password-reset", "end-sessions", "deactivate");
  }

  @Test
  void onlyADemoServerShowsDemoLogins() {
    assertThat(TestSupport.json(new TestSupport.Client(server.port()).get("/api/login").body()).has("demoLogins")).isFalse();
    try (ClinicServer demo = ClinicServer.start(ClinicConfig.embedded(TestSupport.tempDir("login-demo"), clock).withDemoPatients(1))) {
      assertThat(TestSupport.json(new TestSupport.Client(demo.port()).get("/api/login").body()).get("demoLogins").asText())
          .contains(DemoClinic.CLINICIAN_PASSWORD);
    }
    String page = new TestSupport.Client(server.port()).get("/login.html").body();
    assertThat(page).doesNotContain(DemoClinic.CLINICIAN_PASSWORD);
  }

  private static String user(String name, String password) {
    return "{\"username\":\"" + name + "\",\"password\":\"" + password.replace("\"", "\\\"") + "\",\"role\":\"NURSE\"}";
  }

  private HttpResponse<String> attempt(String user, String password, String code) {
    return new TestSupport.Client(server.port()).post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password
        + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}");
  }

  private TestSupport.Client login(String user, String password, String code) {
    TestSupport.Client c = new TestSupport.Client(server.port());
    HttpResponse<String> r = c.post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password.replace("\"", "\\\"")
        + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    c.csrf = TestSupport.json(r.body()).get("csrfToken").asText();
    return c;
  }
}
