package org.openitb.clinic;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.calc.RefillCalculator;

/**
 * What needs doing, most urgent first: refills by days to the conservative alarm date, end of
 * service after ERI, pending post-MRI checks and unresolved refill discrepancies. Overdue items
 * come first (a refill past its refill-by date, a replacement past its planned date or end of
 * service, and every pending post-MRI check and unresolved discrepancy, which need action now),
 * then everything else by due date.
 */
final class Planning {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  private final Jdbi jdbi;
  private final Clock clock;

  Planning(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** One thing to do for one patient. */
  record Item(long patientId, String mrn, String name, Kind kind, LocalDateTime due, long daysLeft, boolean overdue, String detail,
      java.time.LocalDate appointment) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("patient_id", patientId);
      m.put("mrn", mrn);
      m.put("name", name);
      m.put("kind", kind.name());
      m.put("due", due.toString());
      m.put("days_left", daysLeft);
      m.put("overdue", overdue);
      m.put("detail", detail);
      m.put("appointment", appointment.toString());
      return m;
    }
  }

  /** Kinds of item, in tie-break order. */
  enum Kind {
    POST_MRI_CHECK,
    DISCREPANCY,
    REFILL,
    REPLACEMENT
  }

  List<Item> items(Long onlyPatient, int limit) {
    LocalDateTime now = LocalDateTime.now(clock);
    String filter = onlyPatient == null ? "" : " AND p.id = " + onlyPatient.longValue();
    List<Item> items = new ArrayList<>();
    jdbi.useHandle(h -> {
      h.createQuery("SELECT p.id, p.mrn, p.name, r.conservative_alarm_at, r.refill_by FROM refill r JOIN patient p ON p.id = r.patient_id "
              + "JOIN (SELECT patient_id, MAX(at) m FROM refill GROUP BY patient_id) x ON x.patient_id = r.patient_id AND x.m = r.at "
              + "WHERE 1 = 1" + filter)
          .mapToMap().forEach(r -> {
            LocalDateTime alarm = Rows.dateTime(r.get("conservative_alarm_at"));
            LocalDateTime by = Rows.dateTime(r.get("refill_by"));
            // Due when the drug runs low (conservative alarm) or, if earlier, expires (refill-by set by drug stability).
            LocalDateTime due = alarm != null && !by.plusDays(RefillCalculator.DEFAULT_BUFFER_DAYS).isBefore(alarm) ? alarm : by;
            items.add(item(r, Kind.REFILL, due, by.toLocalDate(), now.isAfter(by), now, "refill by " + by.toLocalDate() + "; conservative alarm date "
                + (alarm == null ? "none within the horizon" : alarm.toString())));
          });
      h.createQuery("SELECT p.id, p.mrn, p.name, x.eri_date, x.end_of_service, x.planned_date FROM replacement x JOIN patient p ON p.id = x.patient_id "
              + "WHERE x.done_date IS NULL" + filter)
          .mapToMap().forEach(r -> items.add(item(r, Kind.REPLACEMENT, Rows.date(r.get("end_of_service")).atStartOfDay(),
              Rows.date(r.get("planned_date")) != null ? Rows.date(r.get("planned_date")) : Rows.date(r.get("end_of_service")),
              !now.isBefore(Rows.date(r.get("end_of_service")).atStartOfDay())
                  || Rows.date(r.get("planned_date")) != null && now.toLocalDate().isAfter(Rows.date(r.get("planned_date"))), now,
              "ERI " + Rows.date(r.get("eri_date")) + "; end of service " + Rows.date(r.get("end_of_service")) + ": replace before")));
      h.createQuery("SELECT p.id, p.mrn, p.name, m.scan_at FROM mri_scan m JOIN patient p ON p.id = m.patient_id "
              + "WHERE m.checked_at IS NULL" + filter)
          .mapToMap().forEach(r -> items.add(item(r, Kind.POST_MRI_CHECK, Rows.dateTime(r.get("scan_at")), now.toLocalDate(), true, now,
              "MRI at " + Rows.dateTime(r.get("scan_at")) + ": interrogate the pump and confirm it resumed")));
      h.createQuery("SELECT p.id, p.mrn, p.name, r.at, r.discrepancy_nl FROM refill r JOIN patient p ON p.id = r.patient_id "
              + "WHERE r.flagged = TRUE AND r.resolved = FALSE" + filter)
          .mapToMap().forEach(r -> items.add(item(r, Kind.DISCREPANCY, Rows.dateTime(r.get("at")), now.toLocalDate(), true, now,
              "refill discrepancy " + org.openitb.therapy.units.Volume.ofNanolitres(Rows.num(r.get("discrepancy_nl")))
                  + " unresolved")));
    });
    return items.stream()
        .sorted(Comparator.comparing((Item i) -> !i.overdue()).thenComparing(Item::due).thenComparing(Item::kind).thenComparing(Item::patientId))
        .limit(limit).toList();
  }

  private static Item item(Map<String, Object> r, Kind kind, LocalDateTime due, java.time.LocalDate appointment, boolean overdue,
      LocalDateTime now, String detail) {
    long days = Math.floorDiv(Duration.between(now, due).toMinutes(), Duration.ofDays(1).toMinutes());
    return new Item(Rows.num(r.get("id")), (String) r.get("mrn"), (String) r.get("name"), kind, due, days, overdue, detail, appointment);
  }
}
