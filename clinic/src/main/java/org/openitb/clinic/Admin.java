// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Role;
import org.openitb.clinic.security.Users;
import org.openitb.clinic.store.Database;
import org.openitb.clinic.store.UniqueViolation;

/**
 * Operator tasks on a clinic database without a running server ({@code itb user add},
 * {@code itb user totp}, {@code itb audit verify}): each migrates the database first, like a
 * server start, and closes it again.
 */
public final class Admin {
  private Admin() {}

  /**
   * Creates a login; the answer has the id, username and role, and for an administrator the
   * one-time code secret and its otpauth URI (shown once). Refusals are {@link IllegalArgumentException}s
   * that name the rule (a weak password, a taken username).
   */
  public static Map<String, Object> addUser(ClinicConfig config, String username, String password, String role, String displayName) {
    Role r;
    try {
      r = Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--role " + role + " is not one of CLINICIAN, NURSE, ADMINISTRATOR", e);
    }
    if (r == Role.PATIENT) {
      throw new IllegalArgumentException("--role PATIENT: patient logins are tied to a record; an administrator creates them in the API");
    }
    Responses.UserCreated u = on(config, jdbi -> refusals(() -> Users.create(jdbi, config.clock(), username, password, r,
        displayName == null ? username : displayName, null, "itb user add", "")));
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("id", u.id());
    out.put("username", u.username());
    out.put("role", u.role());
    if (u.totpSecret() != null) {
      out.put("totpSecret", u.totpSecret());
      out.put("totpUri", u.totpUri());
    }
    return out;
  }

  /** Gives a user a new one-time code secret (an administrator who lost theirs); returns it. */
  public static String resetTotp(ClinicConfig config, String username) {
    return on(config, jdbi -> refusals(() -> Users.resetTotp(jdbi, config.clock(), username, "itb user totp")));
  }

  /**
   * Whether an active administrator login exists: without one nobody can create the other logins in the web UI, so a
   * first start points the operator to {@code itb user add}.
   */
  public static boolean hasActiveAdministrator(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_user WHERE role = :r AND active")
        .bind("r", Role.ADMINISTRATOR.name()).mapTo(Long.class).one()) > 0;
  }

  /** Checks the audit log's hash chain. */
  public static Audit.Verification verifyAudit(ClinicConfig config) {
    return on(config, Audit::verify);
  }

  private static <T> T on(ClinicConfig config, Function<Jdbi, T> task) {
    try (HikariDataSource pool = Database.pool(config.jdbcUrl(), config.user(), config.password())) {
      Database.migrate(pool, config.isPostgres(), null);
      return task.apply(Database.jdbi(pool));
    }
  }

  private static <T> T refusals(java.util.function.Supplier<T> task) {
    try {
      return task.get();
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage() + (e.allowed == null ? "" : " (allowed: " + e.allowed + ")"), e);
    } catch (RuntimeException e) {
      if (UniqueViolation.in(e).isPresent()) {
        throw new IllegalArgumentException("that username is taken", e);
      }
      throw e;
    }
  }
}
