// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Creates logins; a PATIENT login is tied to one patient record. */
final class Users {
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 72;

  private Users() {}

  static Map<String, Object> create(Jdbi jdbi, Clock clock, Body b, Principal who, String ip) {
    String username = b.text("username", 64);
    if (!username.matches("[A-Za-z0-9._-]{3,64}")) {
      throw ApiException.badRequest("invalid username", "username", username, "3-64 letters, digits, '.', '_' or '-'");
    }
    String password = b.text("password", MAX_PASSWORD);
    if (password.length() < MIN_PASSWORD) {
      throw ApiException.badRequest("password too short", "password", "(hidden)", MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
    }
    Role role = b.choice("role", Role.class);
    String display = b.optText("displayName", 200, username);
    Long patient = role == Role.PATIENT ? b.integer("patientId", 1, Long.MAX_VALUE) : null;
    long id = jdbi.inTransaction(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM app_user WHERE username = :u").bind("u", username).mapTo(Long.class).one() > 0) {
        throw ApiException.conflict("username " + username + " is taken; choose another");
      }
      if (patient != null && h.createQuery("SELECT COUNT(*) FROM patient WHERE id = :p").bind("p", patient).mapTo(Long.class).one() == 0) {
        throw ApiException.badRequest("no such patient", "patientId", String.valueOf(patient), "an existing patient id");
      }
      long newId = insert(h, username, Sessions.hashPassword(password), role, display, patient);
      Audit.record(h, clock, who, ip, "create", "app_user", newId, "username=" + username + " role=" + role);
      return newId;
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("username", username);
    out.put("role", role.name());
    out.put("patient_id", patient);
    return out;
  }

  static long insert(Handle h, String username, String hash, Role role, String display, Long patient) {
    return h.createUpdate("INSERT INTO app_user(username, password_hash, role, display_name, patient_id) VALUES (:u, :h, :r, :d, :p)")
        .bind("u", username).bind("h", hash).bind("r", role.name()).bind("d", display).bind("p", patient)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }
}
