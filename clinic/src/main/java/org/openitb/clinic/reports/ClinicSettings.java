// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;

/**
 * The clinic's name and 24/7 phone as printed on patient documents (ID card, discharge sheet): kept in the database so
 * every server instance prints the same, set by an administrator ({@code PUT /api/settings}).
 */
public final class ClinicSettings {
  static final String NAME = "clinicName";
  static final String PHONE = "phone24h";
  static final String DEFAULT_NAME = "OpenITB clinic";
  static final String DEFAULT_PHONE = "(24/7 phone not set: an administrator sets it under Administration)";
  static final int MAX = 200;
  private final Jdbi jdbi;
  private final Clock clock;

  public ClinicSettings(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Responses.Settings read() {
    Map<String, Object> m = jdbi.withHandle(ClinicSettings::read);
    return new Responses.Settings((String) m.get(NAME), (String) m.get(PHONE));
  }

  public static Map<String, Object> read(Handle h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(NAME, value(h, NAME, DEFAULT_NAME));
    m.put(PHONE, value(h, PHONE, DEFAULT_PHONE));
    return m;
  }

  private static String value(Handle h, String name, String fallback) {
    return h.createQuery("SELECT setting_value FROM clinic_setting WHERE name = :n").bind("n", name).mapTo(String.class).findOne().orElse(fallback);
  }

  public Responses.Settings update(Body b, Principal who, String ip) {
    Map<String, String> changes = new LinkedHashMap<>();
    if (b.has(NAME)) {
      changes.put(NAME, b.text(NAME, MAX));
    }
    if (b.has(PHONE)) {
      String phone = b.text(PHONE, 40);
      if (!phone.matches("[+0-9 ()/.-]{5,40}")) {
        throw ApiException.badRequest("not a phone number", PHONE, phone, "digits, spaces and + ( ) / . -, 5-40 characters");
      }
      changes.put(PHONE, phone);
    }
    if (changes.isEmpty()) {
      throw ApiException.badRequest("nothing to change", NAME, "", NAME + " and/or " + PHONE);
    }
    jdbi.useTransaction(h -> changes.forEach((k, v) -> {
      int n = h.createUpdate("UPDATE clinic_setting SET setting_value = :v WHERE name = :n").bind("v", v).bind("n", k).execute();
      if (n == 0) {
        h.createUpdate("INSERT INTO clinic_setting(name, setting_value) VALUES (:n, :v)").bind("n", k).bind("v", v).execute();
      }
      Audit.record(h, clock, who, ip, "update", "clinic_setting", null, k + "=" + v);
    }));
    return read();
  }
}
