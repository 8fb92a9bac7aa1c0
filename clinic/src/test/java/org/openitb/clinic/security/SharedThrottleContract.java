// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.clinic.MovingClock;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;

/**
 * The login throttle lives in the database (ASVS 2.2.1, issue 10.4): two server instances on one
 * database count the same attempts, a restart forgets none, a parallel burst from an attacker's own
 * client gets exactly the limit of password checks, the address is the one the clinic's proxy saw,
 * and a second person's password cannot be guessed around the throttle. On H2 and PostgreSQL, on a
 * clock the test moves.
 */
abstract class SharedThrottleContract {
  /** A fresh, empty database on {@code clock}. */
  abstract ClinicConfig database(Clock clock);

  MovingClock clock;
  ClinicConfig config;
  ClinicServer one;
  ClinicServer two;

  @BeforeEach
  void start() {
    clock = new MovingClock();
    config = database(clock);
    one = ClinicServer.start(config);
    DemoClinic.seed(one.jdbi(), clock, 1);
    two = ClinicServer.start(config);
  }

  @AfterEach
  void stop() {
    one.stop();
    two.stop();
  }

  @Test
  void twoServersOnOneDatabaseCountTheSameAttempts() {
    for (int i = 0; i < Throttle.PER_ACCOUNT; i++) {
      ClinicServer s = i % 2 == 0 ? one : two;
      assertThat(attempt(s, DemoClinic.NURSE_USER, "wrong guess " + i, null).statusCode()).isEqualTo(401);
    }
    for (ClinicServer s : List.of(one, two)) {
      HttpResponse<String> r = attempt(s, DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).hasValue(String.valueOf(Throttle.WINDOW.toSeconds()));
    }
    clock.advance(Throttle.WINDOW);
    assertThat(attempt(two, DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aRestartForgetsNoAttempt() {
    for (int i = 0; i < Throttle.PER_ACCOUNT; i++) {
      assertThat(attempt(one, DemoClinic.NURSE_USER, "wrong guess " + i, null).statusCode()).isEqualTo(401);
    }
    one.stop();
    two.stop();
    one = ClinicServer.start(config);
    two = ClinicServer.start(config);
    clock.advance(Throttle.WINDOW.minusSeconds(1));
    HttpResponse<String> r = attempt(one, DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(attempt(one, DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD, null).statusCode()).isEqualTo(200);
    assertThat(attempt(one, DemoClinic.NURSE_USER, "wrong again", null).statusCode()).as("a success cleared the account").isEqualTo(401);
  }

  /** An attacker's own client fires many guesses at once, on both servers: only the limit gets a password check. */
  @Test
  void aParallelBurstGetsExactlyTheLimitOfPasswordChecks() throws Exception {
    int n = 3 * Throttle.PER_ACCOUNT;
    long before = Passwords.VERIFICATIONS.get();
    CyclicBarrier barrier = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ClinicServer s = i % 2 == 0 ? one : two;
        String guess = "parallel guess " + i;
        answers.add(pool.submit(() -> {
          barrier.await();
          return attempt(s, DemoClinic.NURSE_USER, guess, null).statusCode();
        }));
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : answers) {
        codes.add(f.get());
      }
      assertThat(codes.stream().filter(c -> c == 401).count()).as(codes.toString()).isEqualTo(Throttle.PER_ACCOUNT);
      assertThat(codes.stream().filter(c -> c == 429).count()).as(codes.toString()).isEqualTo(n - Throttle.PER_ACCOUNT);
      assertThat(Passwords.VERIFICATIONS.get() - before).isEqualTo(Throttle.PER_ACCOUNT);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Behind the clinic's reverse proxy every request comes from loopback: the client is the address the proxy added
   * last, not one the client wrote into the header itself, and not the proxy's.
   */
  @Test
  void theAddressIsTheOneTheProxySaw() {
    for (int i = 0; i < Throttle.PER_ADDRESS; i++) {
      // the attacker writes a new address of their own each time; the proxy appends the real one
      HttpResponse<String> r = raw(one, "guess" + i, "wrong guess " + i, "X-Forwarded-For", "10.9.9." + i + ", 203.0.113.7");
      assertThat(r.statusCode()).isEqualTo(401);
    }
    assertThat(raw(one, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, "X-Forwarded-For", "203.0.113.7").statusCode())
        .isEqualTo(429);
    assertThat(raw(two, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, "Forwarded", "for=\"10.1.1.1\", for=203.0.113.7")
        .statusCode()).as("the standard header, on the other server").isEqualTo(429);
    assertThat(raw(one, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, "X-Forwarded-For", "203.0.113.7, 198.51.100.2")
        .statusCode()).as("another client of the proxy").isEqualTo(200);
    assertThat(attempt(one, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null).statusCode()).as("no proxy header").isEqualTo(200);
    String addr = one.jdbi().withHandle(h -> h.createQuery("SELECT remote_addr FROM audit_log WHERE action = 'login-throttled' ORDER BY id")
        .mapTo(String.class).first());
    assertThat(addr).isEqualTo("203.0.113.7");
  }

  /**
   * A logged-in user cannot guess another user's password through the second-person proof: it goes through the same
   * throttle as the login (per account, and per operator), and a deactivated login proves nothing.
   */
  @Test
  void aSecondPersonsPasswordGoesThroughTheThrottle() {
    long patient = one.jdbi().withHandle(h -> h.createQuery("SELECT MIN(id) FROM patient").mapTo(Long.class).one());
    Principal nurse = one.jdbi().withHandle(h -> h.createQuery("SELECT id FROM app_user WHERE username = :u").bind("u", DemoClinic.NURSE_USER)
        .map((rs, ctx) -> new Principal(rs.getLong(1), DemoClinic.NURSE_USER, Role.NURSE, null, "", "")).one());
    SecondPerson second = new SecondPerson(one.jdbi(), clock);
    for (int i = 0; i < Throttle.PER_ACCOUNT; i++) {
      String guess = "guess " + i;
      ApiException e = refusal(() -> second.verify(proof(DemoClinic.CLINICIAN_USER, guess), nurse, "127.0.0.1", patient, "refill"));
      assertThat(e.status).isEqualTo(400);
    }
    ApiException throttled = refusal(() -> second.verify(proof(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD), nurse, "127.0.0.1",
        patient, "refill"));
    assertThat(throttled.status).isEqualTo(429);
    assertThat(attempt(two, DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, null).statusCode()).as("the same account").isEqualTo(429);
    clock.advance(Throttle.WINDOW);
    assertThat(second.verify(proof(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD), nurse, "127.0.0.1", patient, "refill"))
        .hasValueSatisfying(v -> assertThat(v.username()).isEqualTo(DemoClinic.CLINICIAN_USER));
    one.jdbi().useHandle(h -> h.createUpdate("UPDATE app_user SET active = FALSE WHERE username = :u").bind("u", DemoClinic.CLINICIAN_USER).execute());
    assertThat(refusal(() -> second.verify(proof(DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD), nurse, "127.0.0.1", patient,
        "refill")).status).as("a deactivated login").isEqualTo(400);
  }

  private static Body proof(String user, String password) {
    return Body.parse("{\"secondPerson\":{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}}");
  }

  private static ApiException refusal(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  static HttpResponse<String> attempt(ClinicServer s, String user, String password, String code) {
    return LoginSecurityContract.attempt(s, user, password, code);
  }

  private static HttpResponse<String> raw(ClinicServer s, String user, String password, String header, String value) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + s.port() + "/api/login"))
          .header("Content-Type", "application/json").header(header, value)
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
