// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.MovingClock;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.store.Text;

/**
 * ASVS V2 on the API, on H2 and PostgreSQL: password rules, no truncation, throttling with the wait
 * (on a clock the test moves), one BCrypt per login whether or not the user exists, one-time codes
 * each accepted once, password change and reset, deactivation (never of the last administrator),
 * ending sessions, and demo logins shown only by a demo server.
 */
public abstract class LoginSecurityContract {
  /** A fresh, empty database on {@code clock}. */
  abstract ClinicConfig database(Clock clock);

  MovingClock clock;
  ClinicConfig config;
  ClinicServer server;
  TestSupport.Client admin;

  @BeforeEach
  void start() {
    clock = new MovingClock();
    config = database(clock);
    server = ClinicServer.start(config);
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
    clock.advance(Duration.ofSeconds(899));
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).headers().firstValue("Retry-After")).hasValue("1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).isEqualTo(200);
    assertThat(attempt(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null).statusCode()).as("other accounts unaffected").isEqualTo(200);
  }

  @Test
  void anAddressIsThrottledAcrossUsernames() {
    for (int i = 0; i < Throttle.PER_ADDRESS; i++) {
      clock.advance(Duration.ofSeconds(1));
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

    TestSupport.Client nurse = TestSupport.Client.checkedLogin(server.port(), DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD);
    // ASVS 3.7.1: a stolen session alone cannot replace the second factor
    assertThat(nurse.post("/api/me/totp", "{}").statusCode()).isEqualTo(400);
    assertThat(nurse.post("/api/me/totp", "{\"currentPassword\":\"not the nurse's password\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> started = nurse.post("/api/me/totp", "{\"currentPassword\":\"" + DemoClinic.NURSE_PASSWORD + "\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String pending = TestSupport.json(started.body()).get("totpSecret").asText();
    assertThat(nurse.post("/api/me/totp/confirm", "{\"code\":\"000000\"}").statusCode()).isEqualTo(400);
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).as("not yet on").isEqualTo(200);
    assertThat(nurse.post("/api/me/totp/confirm", "{\"code\":\"" + Totp.code(pending, clock) + "\"}").statusCode()).isEqualTo(200);
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).isEqualTo(401);
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, Totp.code(pending, clock)).statusCode())
        .as("the code that confirmed the set-up is used up").isEqualTo(401);
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    assertThat(attempt(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, Totp.code(pending, clock)).statusCode()).isEqualTo(200);
  }

  /** ASVS 2.8.4: a one-time code logs in once, within its step and the drift either side, on any server, after a restart. */
  @Test
  void aOneTimeCodeLogsInOnce() {
    String used = Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock); // the set-up logged in with it
    HttpResponse<String> r = attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, used);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestSupport.json(r.body()).get("error").asText()).contains("already used");
    assertThat(TestSupport.json(r.body()).get("codeRequired").asBoolean()).isTrue();
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    assertThat(Totp.verify(DemoClinic.ADMIN_TOTP_SECRET, used, clock)).as("still inside the drift window").isTrue();
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, used).statusCode()).isEqualTo(401);
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock)).statusCode())
        .isEqualTo(200);
    // a code of the next step (a phone clock slightly ahead) leaves the current step's code unusable: only later steps count
    String ahead = Totp.code(DemoClinic.ADMIN_TOTP_SECRET, Clock.offset(clock, Duration.ofSeconds(Totp.STEP_SECONDS)));
    String current = Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock);
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    String now = Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock);
    clock.advance(Duration.ofSeconds(-Totp.STEP_SECONDS));
    assertThat(now).isEqualTo(ahead);
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, ahead).statusCode()).isEqualTo(200);
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, current).statusCode()).as("an earlier step").isEqualTo(401);
    try (ClinicServer other = ClinicServer.start(config)) {
      assertThat(attempt(other, DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, ahead).statusCode()).as("on another server").isEqualTo(401);
    }
    server.stop();
    server = ClinicServer.start(config);
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, ahead).statusCode()).as("after a restart").isEqualTo(401);
    clock.advance(Duration.ofSeconds(2 * Totp.STEP_SECONDS));
    assertThat(attempt(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock)).statusCode())
        .isEqualTo(200);
  }

  /**
   * An administrator cannot deactivate their own login, and two administrators deactivating each other at the same
   * instant leave one of them active (the last active administrator is never deactivated).
   */
  @Test
  void theLastActiveAdministratorStays() throws Exception {
    HttpResponse<String> created = admin.post("/api/users", "{\"username\":\"admin2\",\"password\":\"another admin phrase\",\"role\":\"ADMINISTRATOR\"}");
    long second = TestSupport.json(created.body()).get("id").asLong();
    String secret = TestSupport.json(created.body()).get("totpSecret").asText();
    long first = server.jdbi().withHandle(h -> h.createQuery("SELECT id FROM app_user WHERE username = :u").bind("u", DemoClinic.ADMIN_USER)
        .mapTo(Long.class).one());
    assertThat(admin.post("/api/users/" + first + "/deactivate", "{}").statusCode()).as("own login").isEqualTo(400);
    assertThat(admin.post("/api/users/" + first + "/password", "{\"password\":\"a stolen session sets this\"}").statusCode())
        .as("own password only with the current one").isEqualTo(400);
    assertThat(attempt(DemoClinic.ADMIN_USER, "a stolen session sets this", null).statusCode()).isEqualTo(401);
    for (int round = 0; round < 5; round++) {
      long r = round;
      server.jdbi().useHandle(h -> h.execute("UPDATE app_user SET active = TRUE WHERE role = 'ADMINISTRATOR'"));
      clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
      TestSupport.Client one = login(DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD, Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock));
      TestSupport.Client two = login("admin2", "another admin phrase", Totp.code(secret, clock));
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var a = pool.submit(() -> {
          barrier.await();
          return one.post("/api/users/" + second + "/deactivate", "{}").statusCode();
        });
        var b = pool.submit(() -> {
          barrier.await();
          return two.post("/api/users/" + first + "/deactivate", "{}").statusCode();
        });
        int sa = a.get();
        int sb = b.get();
        assertThat(java.util.List.of(sa, sb)).as("round " + r).containsOnlyOnce(200);
        assertThat(java.util.List.of(sa, sb)).as("round " + r).allMatch(s -> s == 200 || s == 401 || s == 403 || s == 409);
      } finally {
        pool.shutdownNow();
      }
      long active = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_user WHERE role = 'ADMINISTRATOR' AND active")
          .mapTo(Long.class).one());
      assertThat(active).as("round " + r).isEqualTo(1);
    }
  }

  @Test
  void administratorsListLoginsWithoutSecretsAndReactivateThem() {
    long id = TestSupport.json(admin.post("/api/users", user("dora", "a long phrase of her own")).body()).get("id").asLong();
    login("dora", "a long phrase of her own", null);
    HttpResponse<String> list = admin.get("/api/users");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode dora = null;
    for (JsonNode u : TestSupport.json(list.body())) {
      if (u.get("username").asText().equals("dora")) {
        dora = u;
      }
    }
    assertThat(dora).isNotNull();
    assertThat(dora.get("active").asBoolean()).isTrue();
    assertThat(dora.get("sessions").asLong()).isEqualTo(1);
    assertThat(dora.get("totp").asBoolean()).isFalse();
    assertThat(list.body()).doesNotContain("$2").doesNotContain(DemoClinic.ADMIN_TOTP_SECRET).doesNotContainIgnoringCase("password");
    assertThat(admin.post("/api/users/" + id + "/deactivate", "{}").statusCode()).isEqualTo(200);
    assertThat(attempt("dora", "a long phrase of her own", null).statusCode()).isEqualTo(401);
    assertThat(admin.post("/api/users/" + id + "/activate", "{}").statusCode()).isEqualTo(200);
    assertThat(attempt("dora", "a long phrase of her own", null).statusCode()).isEqualTo(200);
    assertThat(TestSupport.Client.checked(server.port()).get("/api/users").statusCode()).isEqualTo(401);
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

  /** ASVS 3.3.4: users see their own sessions and end the others (on other devices) with their password. */
  @Test
  void usersSeeTheirSessionsAndEndTheOthers() {
    TestSupport.Client desk = login(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
    clock.advance(Duration.ofMinutes(5));
    TestSupport.Client tablet = login(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
    HttpResponse<String> list = tablet.get("/api/me/sessions");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode sessions = TestSupport.json(list.body());
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).get("current").asBoolean()).isTrue();
    assertThat(sessions.get(1).get("current").asBoolean()).isFalse();
    assertThat(sessions.get(1).get("startedAt").asText()).isEqualTo(Text.dateTime(java.time.LocalDateTime.ofInstant(
        clock.instant().minus(Duration.ofMinutes(5)), java.time.ZoneOffset.UTC)));
    assertThat(list.body()).doesNotContain(tablet.csrf);
    assertThat(tablet.post("/api/me/sessions/end", "{}").statusCode()).isEqualTo(400);
    assertThat(tablet.post("/api/me/sessions/end", "{\"currentPassword\":\"not hers at all\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> ended = tablet.post("/api/me/sessions/end", "{\"currentPassword\":\"" + DemoClinic.NURSE_PASSWORD + "\"}");
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(TestSupport.json(ended.body()).get("sessionsEnded").asInt()).isEqualTo(1);
    assertThat(desk.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(tablet.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(TestSupport.json(tablet.get("/api/me/sessions").body())).hasSize(1);
  }

  /** ASVS 3.3.2: a session ends after 30 minutes unused, and after 12 hours however much it is used. */
  @Test
  void aSessionEndsWhenIdleAndAtItsLifetime() {
    TestSupport.Client nurse = login(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
    java.time.Instant start = clock.instant();
    Duration step = Sessions.IDLE.minusMinutes(1);
    while (!clock.instant().plus(step).isAfter(start.plus(Sessions.LIFETIME))) {
      clock.advance(step);
      assertThat(nurse.get("/api/me").statusCode()).as("in use, " + Duration.between(start, clock.instant())).isEqualTo(200);
    }
    clock.now = start.plus(Sessions.LIFETIME);
    assertThat(nurse.get("/api/me").statusCode()).as("at its lifetime").isEqualTo(401);
    TestSupport.Client idle = login(DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
    clock.advance(Sessions.IDLE.minusSeconds(1));
    assertThat(idle.get("/api/me").statusCode()).isEqualTo(200);
    clock.advance(Sessions.IDLE);
    assertThat(idle.get("/api/me").statusCode()).as("unused for " + Sessions.IDLE).isEqualTo(401);
    assertThat(idle.get("/index.html").statusCode()).as("pages send it to the login").isEqualTo(302);
  }

  @Test
  void onlyADemoServerShowsDemoLogins() {
    assertThat(TestSupport.json(TestSupport.Client.checked(server.port()).get("/api/login").body()).has("demoLogins")).isFalse();
    try (ClinicServer demo = ClinicServer.start(ClinicConfig.embedded(TestSupport.tempDir("login-demo"), clock).withDemoPatients(1))) {
      assertThat(TestSupport.json(TestSupport.Client.checked(demo.port()).get("/api/login").body()).get("demoLogins").asText())
          .contains(DemoClinic.CLINICIAN_PASSWORD);
    }
    String page = TestSupport.Client.checked(server.port()).get("/login.html").body();
    assertThat(page).doesNotContain(DemoClinic.CLINICIAN_PASSWORD);
  }

  private static String user(String name, String password) {
    return "{\"username\":\"" + name + "\",\"password\":\"" + password.replace("\"", "\\\"") + "\",\"role\":\"NURSE\"}";
  }

  private HttpResponse<String> attempt(String user, String password, String code) {
    return attempt(server, user, password, code);
  }

  public static HttpResponse<String> attempt(ClinicServer server, String user, String password, String code) {
    return TestSupport.Client.checked(server.port()).post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password
        + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}");
  }

  private TestSupport.Client login(String user, String password, String code) {
    TestSupport.Client c = TestSupport.Client.checked(server.port());
    HttpResponse<String> r = c.post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password.replace("\"", "\\\"")
        + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    c.csrf = TestSupport.json(r.body()).get("csrfToken").asText();
    return c;
  }
}
