// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Logins: create (a PATIENT login is tied to one patient record; an ADMINISTRATOR gets a one-time
 * code secret, shown once), change one's own password, reset another's (administrators), deactivate
 * a login and end someone's sessions. Every change is audited; a changed password or a
 * deactivation ends the user's sessions. A duplicate username is refused by the unique constraint
 * (409), not by a check that two requests could pass at once.
 */
final class Users {
  static final String USERNAME = "[A-Za-z0-9._-]{3,64}";

  private Users() {}

  static Map<String, Object> create(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String username = b.text("username", 64);
    String password = b.secret("password");
    Role role = b.choice("role", Role.class);
    String display = b.optText("displayName", 200, username);
    Long patient = role == Role.PATIENT ? b.integer("patientId", 1, Long.MAX_VALUE) : null;
    return create(jdbi, clock, username, password, role, display, patient, who == null ? "system" : who.username(), ip);
  }

  /** Creates a login (also from {@code itb user add}); the answer has the one-time code secret of an administrator. */
  static Map<String, Object> create(Jdbi jdbi, Clock clock, String username, String password, Role role, String display, Long patient,
      String actor, String ip) {
    if (!username.matches(USERNAME)) {
      throw ApiException.badRequest("invalid username", "username", username, "3-64 letters, digits, '.', '_' or '-'");
    }
    Passwords.check(password, username);
    String totp = role == Role.ADMINISTRATOR ? Totp.newSecret() : null;
    String hash = Passwords.hash(password);
    long id = jdbi.inTransaction(h -> {
      if (patient != null && h.createQuery("SELECT COUNT(*) FROM patient WHERE id = :p").bind("p", patient).mapTo(Long.class).one() == 0) {
        throw ApiException.badRequest("no such patient", "patientId", String.valueOf(patient), "an existing patient id");
      }
      long newId = insert(h, username, hash, role, display, patient);
      if (totp != null) {
        h.createUpdate("UPDATE app_user SET totp_secret = :s WHERE id = :i").bind("s", totp).bind("i", newId).execute();
      }
      Audit.record(h, clock, actor, ip, "create", "app_user", newId, "username=" + username + " role=" + role);
      return newId;
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("username", username);
    out.put("role", role.name());
    out.put("patient_id", patient);
    if (totp != null) {
      out.put("totpSecret", totp);
      out.put("totpUri", Totp.uri(username, totp));
    }
    return out;
  }

  static long insert(Handle h, String username, String hash, Role role, String display, Long patient) {
    return h.createUpdate("INSERT INTO app_user(username, password_hash, role, display_name, patient_id) VALUES (:u, :h, :r, :d, :p)")
        .bind("u", username).bind("h", hash).bind("r", role.name()).bind("d", display).bind("p", patient)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /** The logged-in user changes their own password (the current one is required); their other sessions end. */
  static Map<String, Object> changeOwn(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String current = b.secret("currentPassword");
    String password = b.secret("password");
    String stored = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM app_user WHERE id = :i").bind("i", who.userId())
        .mapTo(String.class).one());
    if (!Passwords.verify(current, stored)) {
      throw new ApiException(403, "the current password is wrong", "currentPassword", Body.SECRET, null);
    }
    Passwords.check(password, who.username());
    String hash = Passwords.hash(password);
    int ended = jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE app_user SET password_hash = :h WHERE id = :i").bind("h", hash).bind("i", who.userId()).execute();
      int n = Sessions.endSessions(h, who.userId(), who.tokenHash());
      Audit.record(h, clock, who.username(), ip, "password-changed", "app_user", who.userId(), "own password; other sessions ended: " + n);
      return n;
    });
    return Map.of("changed", true, "otherSessionsEnded", ended);
  }

  /** An administrator sets a new password for a user; all of that user's sessions end. */
  static Map<String, Object> reset(Jdbi jdbi, Clock clock, long userId, Body b, Principal who, String ip) {
    String password = b.secret("password");
    Passwords.check(password, username(jdbi, userId));
    String hash = Passwords.hash(password);
    int ended = jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE app_user SET password_hash = :h WHERE id = :i").bind("h", hash).bind("i", userId).execute();
      int n = Sessions.endSessions(h, userId, null);
      Audit.record(h, clock, who.username(), ip, "password-reset", "app_user", userId, "sessions ended: " + n);
      return n;
    });
    return Map.of("reset", true, "sessionsEnded", ended);
  }

  /** Deactivates a login (it can no longer log in) and ends its sessions. */
  static Map<String, Object> deactivate(Jdbi jdbi, Clock clock, long userId, Principal who, String ip) {
    username(jdbi, userId);
    if (userId == who.userId()) {
      throw ApiException.badRequest("you cannot deactivate your own login", "userId", String.valueOf(userId), "another user's id");
    }
    int ended = jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE app_user SET active = FALSE WHERE id = :i").bind("i", userId).execute();
      int n = Sessions.endSessions(h, userId, null);
      Audit.record(h, clock, who.username(), ip, "deactivate", "app_user", userId, "sessions ended: " + n);
      return n;
    });
    return Map.of("active", false, "sessionsEnded", ended);
  }

  /** Ends every session of a user. */
  static Map<String, Object> endSessions(Jdbi jdbi, Clock clock, long userId, Principal who, String ip) {
    username(jdbi, userId);
    int ended = jdbi.inTransaction(h -> {
      int n = Sessions.endSessions(h, userId, null);
      Audit.record(h, clock, who.username(), ip, "end-sessions", "app_user", userId, "sessions ended: " + n);
      return n;
    });
    return Map.of("sessionsEnded", ended);
  }

  /** Starts setting up a one-time code: a new secret, pending until {@link #confirmTotp} sees a code from it. */
  static Map<String, Object> startTotp(Jdbi jdbi, Clock clock, Principal who, String ip) {
    String secret = Totp.newSecret();
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE app_user SET totp_pending = :s WHERE id = :i").bind("s", secret).bind("i", who.userId()).execute();
      Audit.record(h, clock, who.username(), ip, "totp-start", "app_user", who.userId(), "one-time code being set up");
    });
    return Map.of("totpSecret", secret, "totpUri", Totp.uri(who.username(), secret));
  }

  static Map<String, Object> confirmTotp(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String code = b.secret("code");
    String pending = jdbi.withHandle(h -> h.createQuery("SELECT totp_pending FROM app_user WHERE id = :i").bind("i", who.userId())
        .mapTo(String.class).one());
    if (pending == null) {
      throw ApiException.conflict("no one-time code is being set up: POST /api/me/totp first");
    }
    if (!Totp.verify(pending, code, clock)) {
      throw ApiException.badRequest("wrong one-time code", "code", Body.SECRET, Totp.DIGITS + " digits from the authenticator app");
    }
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE app_user SET totp_secret = totp_pending, totp_pending = NULL WHERE id = :i").bind("i", who.userId()).execute();
      Audit.record(h, clock, who.username(), ip, "totp-enabled", "app_user", who.userId(), "one-time code required from now on");
    });
    return Map.of("totpEnabled", true);
  }

  /** Sets a new one-time code secret for a user (from {@code itb user totp}); returns the secret. */
  static String resetTotp(Jdbi jdbi, Clock clock, String username, String actor) {
    String secret = Totp.newSecret();
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("UPDATE app_user SET totp_secret = :s, totp_pending = NULL WHERE username = :u").bind("s", secret)
          .bind("u", username).execute();
      if (n == 0) {
        throw ApiException.notFound("user " + username);
      }
      Audit.record(h, clock, actor, "", "totp-reset", "app_user", username, "new one-time code secret");
    });
    return secret;
  }

  private static String username(Jdbi jdbi, long userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT username FROM app_user WHERE id = :i").bind("i", userId).mapTo(String.class)
        .findOne()).orElseThrow(() -> ApiException.notFound("user " + userId));
  }
}
