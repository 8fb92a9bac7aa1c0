package org.openitb.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Logins and server-side sessions, all kept in the database so any server instance can serve any
 * request. Only a SHA-256 hash of the session token is stored; passwords are BCrypt hashes.
 */
final class Sessions {
  static final Duration LIFETIME = Duration.ofHours(12);
  static final int TOKEN_BYTES = 32;
  static final int BCRYPT_STRENGTH = 10;
  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(BCRYPT_STRENGTH);
  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Sessions(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static String hashPassword(String password) {
    return BCRYPT.encode(password);
  }

  /** Whether {@code password} is the one {@code hash} was made from (a second person's proof, {@link SecondPerson}). */
  static boolean passwordMatches(String password, String hash) {
    return hash != null && BCRYPT.matches(password, hash);
  }

  /** The new session's token and CSRF token, or empty when the username or password is wrong. */
  Optional<String[]> login(String username, String password, String ip) {
    var user = jdbi.withHandle(h -> h.createQuery("SELECT id, password_hash FROM app_user WHERE username = :u")
        .bind("u", username).mapToMap().findOne());
    Principal who = new Principal(0, username, Role.PATIENT, null, "", "");
    if (user.isEmpty() || !BCRYPT.matches(password, (String) user.get().get("password_hash"))) {
      jdbi.useHandle(h -> Audit.record(h, clock, who, ip, "login-failed", "login_session", null, "wrong username or password"));
      return Optional.empty();
    }
    String token = randomToken();
    String csrf = randomToken();
    LocalDateTime now = LocalDateTime.now(clock);
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM login_session WHERE expires_at <= :now").bind("now", now).execute();
      h.createUpdate("INSERT INTO login_session(token_hash, user_id, csrf_token, created_at, expires_at) "
              + "VALUES (:t, :u, :c, :now, :exp)")
          .bind("t", sha256(token)).bind("u", ((Number) user.get().get("id")).longValue()).bind("c", csrf)
          .bind("now", now).bind("exp", now.plus(LIFETIME)).execute();
      Audit.record(h, clock, who, ip, "login", "login_session", null, "session started");
    });
    return Optional.of(new String[] {token, csrf});
  }

  Optional<Principal> find(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String hash = sha256(token);
    return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.username, u.role, u.patient_id, s.csrf_token FROM login_session s "
            + "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = :t AND s.expires_at > :now")
        .bind("t", hash).bind("now", LocalDateTime.now(clock))
        .map((rs, ctx) -> new Principal(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
            rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5), hash))
        .findOne());
  }

  void logout(Principal p, String ip) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM login_session WHERE token_hash = :t").bind("t", p.tokenHash()).execute();
      Audit.record(h, clock, p, ip, "logout", "login_session", null, "session ended");
    });
  }

  private String randomToken() {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
