// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.store.Rows;

/**
 * A patient's battery readings over time and the replacement indicator (ERI) dates, for the battery
 * chart. Readings come from the stored programmer session records (every interrogation reports the
 * battery state and percent, see programmer SessionRecord.InterrogationEntry), so there is one
 * source of truth and nothing to keep in step; ERI dates come from the implant and replacement
 * records. Session records are imported as any JSON object, so a record without readable
 * interrogations is skipped, never fatal.
 */
public final class BatteryHistory {
  /**
   * Newest session records read per chart: over 15 years of monthly visits, while bounding the work
   * of one request (a record may hold a long event list).
   */
  static final int MAX_SESSIONS = 200;
  public static final int MAX_PERCENT = 100;

  /** One interrogation's battery reading, at pump-local time. */
  public record Reading(LocalDateTime at, String pumpSerial, int percent, String state) {}

  /** An ERI date of one pump, with its end of service when known. */
  public record Eri(LocalDate date, String pumpSerial, LocalDate endOfService) {}

  private final Jdbi jdbi;

  public BatteryHistory(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every battery reading of the patient, oldest first; the same interrogation stored twice counts once. */
  public List<Reading> readings(long patientId) {
    List<String> bodies = jdbi.withHandle(h -> h.createQuery(
            "SELECT body FROM session_record WHERE patient_id = :p ORDER BY imported_at DESC, id DESC LIMIT :l")
        .bind("p", patientId).bind("l", MAX_SESSIONS).mapTo(String.class).list());
    Map<String, Reading> byKey = new TreeMap<>();
    for (String body : bodies) {
      for (Reading r : parse(body)) {
        byKey.putIfAbsent(r.at() + " " + r.pumpSerial(), r);
      }
    }
    List<Reading> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(Reading::at));
    return out;
  }

  /** The readings in one session record's JSON; empty when it has none this version can read. */
  static List<Reading> parse(String body) {
    JsonNode root;
    try {
      root = Body.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    List<Reading> out = new ArrayList<>();
    if (root == null || !root.path("interrogations").isArray()) {
      return out;
    }
    String serial = root.path("pumpSerial").asText("");
    for (JsonNode i : root.path("interrogations")) {
      JsonNode pct = i.path("batteryPercent");
      if (!pct.isIntegralNumber() || pct.asInt() < 0 || pct.asInt() > MAX_PERCENT || !i.path("pumpLocalTime").isTextual()) {
        continue;
      }
      try {
        out.add(new Reading(LocalDateTime.parse(i.path("pumpLocalTime").asText()), serial, pct.asInt(), i.path("battery").asText("")));
      } catch (DateTimeParseException e) {
        // A reading without a usable time cannot be placed on the chart; the rest of the record still counts.
      }
    }
    return out;
  }

  /** The ERI dates of the patient's pumps, oldest first (implant records, plus replacement records not tied to an implant row). */
  public List<Eri> eriDates(long patientId) {
    return jdbi.withHandle(h -> {
      Map<LocalDate, Eri> byDate = new TreeMap<>();
      h.createQuery("SELECT eri_date, end_of_service FROM replacement WHERE patient_id = :p").bind("p", patientId).mapToMap().list()
          .forEach(r -> byDate.put(Rows.date(r.get("eri_date")), new Eri(Rows.date(r.get("eri_date")), "", Rows.date(r.get("end_of_service")))));
      h.createQuery("SELECT eri_date, serial FROM implant WHERE patient_id = :p AND eri_date IS NOT NULL").bind("p", patientId).mapToMap().list()
          .forEach(r -> {
            LocalDate d = Rows.date(r.get("eri_date"));
            Eri known = byDate.get(d);
            byDate.put(d, new Eri(d, (String) r.get("serial"), known == null ? null : known.endOfService()));
          });
      return List.copyOf(byDate.values());
    });
  }
}
