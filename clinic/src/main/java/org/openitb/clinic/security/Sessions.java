// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;

/**
 * Logins and server-side sessions, all kept in the database so any server instance can serve any
 * request. Only a SHA-256 hash of the session token is stored; passwords are hashed by
 * {@link Passwords}. A login is throttled per account and per address ({@link Throttle}, in the
 * database), costs one BCrypt whether or not the username exists, is refused for a deactivated user,
 * and needs the one-time code ({@link Totp}) of a user who has one (every administrator does), each
 * code accepted once.
 */
public final class Sessions {
  /** A session's absolute lifetime (ASVS 3.3.2: 12 hours). */
  static final Duration LIFETIME = Duration.ofHours(12);
  /** A session unused for this long ends (ASVS 3.3.2: 30 minutes of inactivity). */
  static final Duration IDLE = Duration.ofMinutes(30);
  /**
   * How stale the stored last use may get before a request writes it again: a write (on H2 under the one-writer lock)
   * in a read's path, so rare enough to stay out of the read latency's 99th percentile; an idle session ends 25-30
   * minutes after its last use.
   */
  static final Duration TOUCH = Duration.ofMinutes(5);
  static final int TOKEN_BYTES = 32;
  static final String WRONG = "wrong username or password";
  private final Jdbi jdbi;
  private final Clock clock;
  private final Throttle throttle;
  private final java.util.concurrent.locks.Lock writes;
  private final SecureRandom random = new SecureRandom();

  public Sessions(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, new java.util.concurrent.locks.ReentrantLock());
  }

  public Sessions(Jdbi jdbi, Clock clock, java.util.concurrent.locks.Lock writes) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.writes = writes;
    this.throttle = new Throttle(jdbi, clock);
  }

  public static String hashPassword(String password) {
    return Passwords.hash(password);
  }

  /** The new session's token and CSRF token; refusals are {@link ApiException}s (401, or 429 with the wait). */
  public String[] login(String username, String password, String code, String ip) {
    Principal who = new Principal(0, username, Role.PATIENT, null, "", "");
    Throttle.Attempt attempt = throttle.reserve(username, ip);
    if (attempt.throttled()) {
      throw throttled(attempt, h -> Audit.record(h, clock, who, ip, "login-throttled", "login_session", null,
          "retry after " + attempt.waitSeconds() + " s"));
    }
    Optional<Map<String, Object>> user = jdbi.withHandle(h -> h.createQuery(
            "SELECT id, password_hash, role, active, totp_secret FROM app_user WHERE username = :u")
        .bind("u", username).mapToMap().findOne());
    boolean passwordOk = Passwords.verify(password, user.map(u -> (String) u.get("password_hash")).orElse(null));
    if (!passwordOk || !Boolean.TRUE.equals(user.get().get("active"))) {
      fail(attempt, who, ip, "wrong username or password" + (passwordOk ? " (deactivated)" : ""));
      throw new ApiException(401, WRONG, "username", null, null);
    }
    String secret = (String) user.get().get("totp_secret");
    Role role = Role.valueOf((String) user.get().get("role"));
    if (secret == null && role == Role.ADMINISTRATOR) {
      fail(attempt, who, ip, "administrator without a one-time code set up");
      throw new ApiException(401, "administrators must log in with a one-time code: set one up with "
          + "'itb user totp --username " + username + "'", "code", null, null);
    }
    OptionalLong step = OptionalLong.empty();
    if (secret != null) {
      if (code == null || code.isBlank()) {
        throttle.release(attempt); // the right password, asked for its code: not a guess
        throw new ApiException(401, "enter the 6-digit one-time code from your authenticator app", "code", null, Totp.DIGITS + " digits")
            .with("codeRequired", true);
      }
      step = Totp.step(secret, code, clock);
      if (step.isEmpty()) {
        fail(attempt, who, ip, "wrong one-time code");
        throw new ApiException(401, "wrong one-time code", "code", null, Totp.DIGITS + " digits").with("codeRequired", true);
      }
    }
    String token = randomToken();
    String csrf = randomToken();
    LocalDateTime now = LocalDateTime.now(clock);
    long userId = ((Number) user.get().get("id")).longValue();
    OptionalLong accepted = step;
    boolean fresh = jdbi.inTransaction(h -> {
      // a one-time code logs in once: only a step later than the last accepted one (two servers, or a replay, race
      // on this row; the loser's transaction changes nothing)
      if (accepted.isPresent() && h.createUpdate("UPDATE app_user SET totp_last_step = :s WHERE id = :i "
          + "AND (totp_last_step IS NULL OR totp_last_step < :s)").bind("s", accepted.getAsLong()).bind("i", userId).execute() == 0) {
        return false;
      }
      h.createUpdate("DELETE FROM login_session WHERE expires_at <= :now").bind("now", now).execute();
      h.createUpdate("INSERT INTO login_session(token_hash, user_id, csrf_token, created_at, expires_at) "
              + "VALUES (:t, :u, :c, :now, :exp)")
          .bind("t", sha256(token)).bind("u", userId).bind("c", csrf)
          .bind("now", now).bind("exp", now.plus(LIFETIME)).execute();
      Audit.record(h, clock, who, ip, "login", "login_session", null, "session started" + (secret != null ? " with one-time code" : ""));
      return true;
    });
    if (!fresh) {
      fail(attempt, who, ip, "one-time code already used");
      throw new ApiException(401, "that one-time code was already used: wait for the next code (they change every "
          + Totp.STEP_SECONDS + " s)", "code", null, Totp.DIGITS + " digits, each used once").with("codeRequired", true);
    }
    throttle.succeeded(attempt);
    return new String[] {token, csrf};
  }

  /** The 429 for a throttled attempt, after {@code audit} recorded it. */
  ApiException throttled(Throttle.Attempt attempt, org.jdbi.v3.core.HandleConsumer<RuntimeException> audit) {
    jdbi.useHandle(audit);
    return attempt.refusal("username");
  }

  /** The throttle every password and one-time-code check goes through (shared by all servers on the database). */
  Throttle throttle() {
    return throttle;
  }

  private void fail(Throttle.Attempt attempt, Principal who, String ip, String why) {
    throttle.failed(attempt);
    jdbi.useHandle(h -> Audit.record(h, clock, who, ip, "login-failed", "login_session", null, why));
  }

  /**
   * The session of {@code token} when it is within its lifetime and was used within {@link #IDLE}. Its last use is
   * written at most once per {@link #TOUCH}, under {@code writes} (on H2 the server's one-writer lock).
   */
  Optional<Principal> find(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String hash = sha256(token);
    LocalDateTime now = LocalDateTime.now(clock);
    Optional<Object[]> found = jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.username, u.role, u.patient_id, s.csrf_token, "
            + "COALESCE(s.last_seen_at, s.created_at) FROM login_session s JOIN app_user u ON u.id = s.user_id "
            + "WHERE s.token_hash = :t AND s.expires_at > :now AND COALESCE(s.last_seen_at, s.created_at) > :idle AND u.active")
        .bind("t", hash).bind("now", now).bind("idle", now.minus(IDLE))
        .map((rs, ctx) -> new Object[] {new Principal(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
            rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5), hash), rs.getObject(6, LocalDateTime.class)})
        .findOne());
    found.filter(f -> !((LocalDateTime) f[1]).plus(TOUCH).isAfter(now)).ifPresent(f -> {
      writes.lock();
      try {
        jdbi.useHandle(h -> h.createUpdate("UPDATE login_session SET last_seen_at = :now WHERE token_hash = :t").bind("now", now)
            .bind("t", hash).execute());
      } finally {
        writes.unlock();
      }
    });
    return found.map(f -> (Principal) f[0]);
  }

  public void logout(Principal p, String ip) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM login_session WHERE token_hash = :t").bind("t", p.tokenHash()).execute();
      Audit.record(h, clock, p, ip, "logout", "login_session", null, "session ended");
    });
  }

  /** Ends every session of a user (but {@code keepTokenHash}, when not null); returns how many ended. */
  static int endSessions(Handle h, long userId, String keepTokenHash) {
    return h.createUpdate("DELETE FROM login_session WHERE user_id = :u AND token_hash <> :k")
        .bind("u", userId).bind("k", keepTokenHash == null ? "" : keepTokenHash).execute();
  }

  private String randomToken() {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
