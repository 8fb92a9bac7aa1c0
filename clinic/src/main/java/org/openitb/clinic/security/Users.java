// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.store.Text;

/**
 * Logins: create (a PATIENT login is tied to one patient record; an ADMINISTRATOR gets a one-time
 * code secret, shown once), change one's own password, reset another's (administrators), deactivate
 * a login and end someone's sessions. Every change is audited; a changed password or a
 * deactivation ends the user's sessions. A duplicate username is refused by the unique constraint
 * (409), not by a check that two requests could pass at once.
 */
public final class Users {
  static final String USERNAME = "[A-Za-z0-9._-]{3,64}";

  private Users() {}

  public static Responses.UserCreated create(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String username = b.text("username", 64);
    String password = b.secret("password");
    Role role = b.choice("role", Role.class);
    String display = b.optText("displayName", 200, username);
    Long patient = role == Role.PATIENT ? b.integer("patientId", 1, Long.MAX_VALUE) : null;
    return create(jdbi, clock, username, password, role, display, patient, who == null ? "system" : who.username(), ip);
  }

  /** Creates a login (also from {@code itb user add}); the answer has the one-time code secret of an administrator. */
  public static Responses.UserCreated create(Jdbi jdbi, Clock clock, String username, String password, Role role, String display, Long patient,
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
    return new Responses.UserCreated(id, username, role.name(), patient, totp, totp == null ? null : Totp.uri(username, totp));
  }

  public static long insert(Handle h, String username, String hash, Role role, String display, Long patient) {
    return h.createUpdate("INSERT INTO app_user(username, password_hash, role, display_name, patient_id) VALUES (:u, :h, :r, :d, :p)")
        .bind("u", username).bind("h", hash).bind("r", role.name()).bind("d", display).bind("p", patient)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /** The logged-in user changes their own password (the current one is required); their other sessions end. */
  public static Responses.PasswordChanged changeOwn(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String current = b.secret("currentPassword");
    String password = b.secret("password");
    requireOwnPassword(jdbi, clock, who, current);
    Passwords.check(password, who.username());
    String hash = Passwords.hash(password);
    int ended = jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE app_user SET password_hash = :h WHERE id = :i").bind("h", hash).bind("i", who.userId()).execute();
      int n = Sessions.endSessions(h, who.userId(), who.tokenHash());
      Audit.record(h, clock, who.username(), ip, "password-changed", "app_user", who.userId(), "own password; other sessions ended: " + n);
      return n;
    });
    return new Responses.PasswordChanged(true, ended);
  }

  /** An administrator sets a new password for a user; all of that user's sessions end. */
  public static Responses.PasswordReset reset(Jdbi jdbi, Clock clock, long userId, Body b, Principal who, String ip) {
    if (userId == who.userId()) {
      // ASVS 3.7.1: one's own password changes only with the current one (a stolen session must not set it)
      throw ApiException.badRequest("set your own password with POST /api/me/password (it needs the current one)", "userId",
          String.valueOf(userId), "another user's id");
    }
    String password = b.secret("password");
    Passwords.check(password, username(jdbi, userId));
    String hash = Passwords.hash(password);
    int ended = jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE app_user SET password_hash = :h WHERE id = :i").bind("h", hash).bind("i", userId).execute();
      int n = Sessions.endSessions(h, userId, null);
      Audit.record(h, clock, who.username(), ip, "password-reset", "app_user", userId, "sessions ended: " + n);
      return n;
    });
    return new Responses.PasswordReset(true, ended);
  }

  /**
   * Deactivates a login (it can no longer log in, nor act as a second person) and ends its sessions. Never one's own
   * login, and never the last active administrator: the active administrators' rows are locked first, so two
   * administrators deactivating each other at the same instant cannot both succeed.
   */
  public static Responses.Activation deactivate(Jdbi jdbi, Clock clock, long userId, Principal who, String ip) {
    username(jdbi, userId);
    if (userId == who.userId()) {
      throw ApiException.badRequest("you cannot deactivate your own login", "userId", String.valueOf(userId), "another user's id");
    }
    int ended = jdbi.inTransaction(h -> {
      List<Long> admins = h.createQuery("SELECT id FROM app_user WHERE role = :r AND active ORDER BY id FOR UPDATE")
          .bind("r", Role.ADMINISTRATOR.name()).mapTo(Long.class).list();
      if (!admins.contains(who.userId())) {
        throw ApiException.forbidden("your login was deactivated meanwhile");
      }
      if (admins.contains(userId) && admins.size() <= 1) {
        throw ApiException.conflict("that is the last active administrator: activate or add another administrator first");
      }
      h.createUpdate("UPDATE app_user SET active = FALSE WHERE id = :i").bind("i", userId).execute();
      int n = Sessions.endSessions(h, userId, null);
      Audit.record(h, clock, who.username(), ip, "deactivate", "app_user", userId, "sessions ended: " + n);
      return n;
    });
    return new Responses.Activation(false, (long) ended);
  }

  /** Activates a deactivated login again (its password and one-time code are unchanged). */
  public static Responses.Activation activate(Jdbi jdbi, Clock clock, long userId, Principal who, String ip) {
    username(jdbi, userId);
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE app_user SET active = TRUE WHERE id = :i").bind("i", userId).execute();
      Audit.record(h, clock, who.username(), ip, "activate", "app_user", userId, "login active again");
    });
    return new Responses.Activation(true, null);
  }

  /** Every login, for the administrators' page: no hashes or secrets, whether a one-time code is on, live sessions. */
  public static List<Responses.User> list(Jdbi jdbi, Clock clock) {
    return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.username, u.display_name, u.role, u.active, u.patient_id, "
            + "u.totp_secret IS NOT NULL AS totp, (SELECT COUNT(*) FROM login_session s WHERE s.user_id = u.id AND s.expires_at > :now) "
            + "AS sessions FROM app_user u ORDER BY u.username")
        .bind("now", java.time.LocalDateTime.now(clock))
        .map((rs, ctx) -> {
          return new Responses.User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getString("role"),
              rs.getBoolean("active"), rs.getObject("patient_id") == null ? null : rs.getLong("patient_id"), rs.getBoolean("totp"),
              rs.getLong("sessions"));
        }).list());
  }

  /** The logged-in user's own sessions (ASVS 3.3.4): when each started and was last used, and which is this one. */
  public static List<Responses.OwnSession> ownSessions(Jdbi jdbi, Clock clock, Principal who) {
    return jdbi.withHandle(h -> h.createQuery("SELECT token_hash, created_at, last_seen_at, expires_at FROM login_session "
            + "WHERE user_id = :u AND expires_at > :now ORDER BY created_at DESC").bind("u", who.userId())
        .bind("now", java.time.LocalDateTime.now(clock))
        .map((rs, ctx) -> {
          java.time.LocalDateTime seen = rs.getObject("last_seen_at", java.time.LocalDateTime.class);
          return new Responses.OwnSession(Text.dateTime(rs.getObject("created_at", java.time.LocalDateTime.class)),
              Text.dateTime(seen == null ? rs.getObject("created_at", java.time.LocalDateTime.class) : seen),
              Text.dateTime(rs.getObject("expires_at", java.time.LocalDateTime.class)), rs.getString("token_hash").equals(who.tokenHash()));
        }).list());
  }

  /** The logged-in user ends their other sessions (other devices); the current password is required. */
  public static Responses.SessionsEnded endOwnOtherSessions(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    requireOwnPassword(jdbi, clock, who, b.secret("currentPassword"));
    int ended = jdbi.inTransaction(h -> {
      int n = Sessions.endSessions(h, who.userId(), who.tokenHash());
      Audit.record(h, clock, who.username(), ip, "end-own-sessions", "app_user", who.userId(), "other sessions ended: " + n);
      return n;
    });
    return new Responses.SessionsEnded(ended);
  }

  /** Ends every session of a user. */
  public static Responses.SessionsEnded endSessions(Jdbi jdbi, Clock clock, long userId, Principal who, String ip) {
    username(jdbi, userId);
    int ended = jdbi.inTransaction(h -> {
      int n = Sessions.endSessions(h, userId, null);
      Audit.record(h, clock, who.username(), ip, "end-sessions", "app_user", userId, "sessions ended: " + n);
      return n;
    });
    return new Responses.SessionsEnded(ended);
  }

  /**
   * Starts setting up a one-time code: a new secret, pending until {@link #confirmTotp} sees a code from it. The
   * current password is required (ASVS 3.7.1): whoever holds a stolen session cannot replace the second factor.
   */
  public static Responses.TotpSetup startTotp(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    requireOwnPassword(jdbi, clock, who, b.secret("currentPassword"));
    String secret = Totp.newSecret();
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE app_user SET totp_pending = :s WHERE id = :i").bind("s", secret).bind("i", who.userId()).execute();
      Audit.record(h, clock, who.username(), ip, "totp-start", "app_user", who.userId(), "one-time code being set up");
    });
    return new Responses.TotpSetup(secret, Totp.uri(who.username(), secret));
  }

  public static Responses.TotpEnabled confirmTotp(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String code = b.secret("code");
    String pending = jdbi.withHandle(h -> h.createQuery("SELECT totp_pending FROM app_user WHERE id = :i").bind("i", who.userId())
        .mapTo(String.class).one());
    if (pending == null) {
      throw ApiException.conflict("no one-time code is being set up: POST /api/me/totp first");
    }
    java.util.OptionalLong step = Totp.step(pending, code, clock);
    if (step.isEmpty()) {
      throw ApiException.badRequest("wrong one-time code", "code", Body.SECRET, Totp.DIGITS + " digits from the authenticator app");
    }
    jdbi.useTransaction(h -> {
      // the confirming code is used up: it cannot log in afterwards
      int n = h.createUpdate("UPDATE app_user SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = :s "
          + "WHERE id = :i AND totp_pending = :p").bind("s", step.getAsLong()).bind("i", who.userId()).bind("p", pending).execute();
      if (n == 0) {
        throw ApiException.conflict("the one-time code being set up changed meanwhile: start again");
      }
      Audit.record(h, clock, who.username(), ip, "totp-enabled", "app_user", who.userId(), "one-time code required from now on");
    });
    return new Responses.TotpEnabled(true);
  }

  /**
   * Checks the logged-in user's own password (403 when wrong), through the login throttle: a stolen session cannot
   * be used to guess the password behind it.
   */
  static void requireOwnPassword(Jdbi jdbi, Clock clock, Principal who, String current) {
    Throttle throttle = new Throttle(jdbi, clock);
    Throttle.Attempt attempt = throttle.reserve(who.username(), "user " + who.username());
    if (attempt.throttled()) {
      throw attempt.refusal("currentPassword");
    }
    String stored = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM app_user WHERE id = :i").bind("i", who.userId())
        .mapTo(String.class).one());
    if (!Passwords.verify(current, stored)) {
      throttle.failed(attempt);
      throw new ApiException(403, "the current password is wrong", "currentPassword", Body.SECRET, null);
    }
    throttle.succeeded(attempt);
  }

  /** Sets a new one-time code secret for a user (from {@code itb user totp}); returns the secret. */
  public static String resetTotp(Jdbi jdbi, Clock clock, String username, String actor) {
    String secret = Totp.newSecret();
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("UPDATE app_user SET totp_secret = :s, totp_pending = NULL, totp_last_step = NULL WHERE username = :u").bind("s", secret)
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
