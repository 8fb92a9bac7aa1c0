// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.planning;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * What needs doing, most urgent first: refills by days to the conservative alarm date, end of
 * service after ERI, pending post-MRI checks and unresolved refill discrepancies. Overdue items
 * come first (a refill past its refill-by date, a replacement past its planned date or end of
 * service, and every pending post-MRI check and unresolved discrepancy, which need action now),
 * then everything else by due date.
 */
public final class Planning {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;
  private final Jdbi jdbi;
  private final Clock clock;

  public Planning(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** One thing to do for one patient. */
  public record Item(long patientId, String mrn, String name, Kind kind, LocalDateTime due, long daysLeft, boolean overdue, String detail,
      java.time.LocalDate appointment) {
    public Responses.PlanItem json() {
      return new Responses.PlanItem(patientId, mrn, name, kind.name(), due.toString(), daysLeft, overdue, detail, appointment.toString());
    }
  }

  /** Kinds of item, in tie-break order. */
  public enum Kind {
    POST_MRI_CHECK,
    DISCREPANCY,
    REFILL,
    REPLACEMENT
  }

  /**
   * The {@code limit} most urgent items of the clinic, or of one patient. Each kind is read with
   * its own indexed query, ordered and cut the same way as the final ranking (overdue first, then
   * due date, then patient), so only {@code limit} rows per kind and group are read however large
   * the clinic: refills come from {@code refill_due}, the per-patient row that migration V4's
   * trigger keeps equal to the latest refill.
   */
  public List<Item> items(Long onlyPatient, int limit) {
    return jdbi.withHandle(h -> items(h, onlyPatient, limit));
  }

  /** As {@link #items(Long, int)}, on the caller's handle (inside its transaction). */
  public List<Item> items(Handle h, Long onlyPatient, int limit) {
    LocalDateTime now = LocalDateTime.now(clock);
    java.time.LocalDate today = now.toLocalDate();
    // Filter on the driving table's patient_id so a patient's plan is read by its patient index.
    String only = onlyPatient == null ? "" : " AND %s.patient_id = :only";
    String cut = " LIMIT :limit";
    List<Item> items = new ArrayList<>();
    {
      // Overdue refills (past refill-by) are all due before now + the buffer (due <= refill-by + buffer), so both
      // groups are read along the due_at index and stop after limit rows.
      java.util.function.Consumer<String> refills = group -> {
        h.createQuery("SELECT p.id, p.mrn, p.name, r.conservative_alarm_at, r.refill_by FROM refill_due d "
                + "JOIN patient p ON p.id = d.patient_id JOIN refill r ON r.id = d.refill_id WHERE " + group + only.formatted("d")
                + " ORDER BY d.due_at, d.patient_id" + cut)
            .bind("now", now).bind("soon", now.plusDays(RefillCalculator.DEFAULT_BUFFER_DAYS + 1)).bind("only", onlyPatient).bind("limit", limit)
            .mapToMap().forEach(r -> {
              LocalDateTime alarm = Rows.dateTime(r.get("conservative_alarm_at"));
              LocalDateTime by = Rows.dateTime(r.get("refill_by"));
              items.add(item(r, Kind.REFILL, due(alarm, by), by.toLocalDate(), now.isAfter(by), now, "refill by " + Text.date(by.toLocalDate())
                  + "; conservative alarm date " + (alarm == null ? "none within the horizon" : Text.dateTime(alarm))));
            });
      };
      java.util.function.Consumer<String> replacements = group -> {
        h.createQuery("SELECT p.id, p.mrn, p.name, x.eri_date, x.end_of_service, x.planned_date FROM replacement x "
                + "JOIN patient p ON p.id = x.patient_id WHERE x.done_date IS NULL AND " + group + only.formatted("x")
                + " ORDER BY x.end_of_service, x.patient_id" + cut)
            .bind("today", today).bind("only", onlyPatient).bind("limit", limit)
            .mapToMap().forEach(r -> items.add(item(r, Kind.REPLACEMENT, Rows.date(r.get("end_of_service")).atStartOfDay(),
                Rows.date(r.get("planned_date")) != null ? Rows.date(r.get("planned_date")) : Rows.date(r.get("end_of_service")),
                !now.isBefore(Rows.date(r.get("end_of_service")).atStartOfDay())
                    || (Rows.date(r.get("planned_date")) != null && today.isAfter(Rows.date(r.get("planned_date")))), now,
                "ERI " + Text.date(Rows.date(r.get("eri_date"))) + "; end of service " + Text.date(Rows.date(r.get("end_of_service")))
                    + ": replace before")));
      };
      // Overdue items first: post-MRI checks and discrepancies always are. When they already fill the limit, every
      // item that is not overdue ranks after them and need not be read.
      h.createQuery("SELECT p.id, p.mrn, p.name, m.scan_at, m.field_strength, m.outside_label FROM mri_scan m JOIN patient p ON p.id = m.patient_id "
              + "WHERE m.checked_at IS NULL" + only.formatted("m") + " ORDER BY m.scan_at, m.patient_id" + cut)
          .bind("only", onlyPatient).bind("limit", limit)
          .mapToMap().forEach(r -> items.add(item(r, Kind.POST_MRI_CHECK, Rows.dateTime(r.get("scan_at")), today, true, now,
              (Boolean.TRUE.equals(r.get("outside_label")) ? r.get("field_strength") + " MRI OUTSIDE the pump's label at " : "MRI at ")
                  + Text.dateTime(Rows.dateTime(r.get("scan_at"))) + ": interrogate the pump and confirm it resumed"
                  + (Boolean.TRUE.equals(r.get("outside_label")) ? "; check for motor stall and over-infusion now" : ""))));
      h.createQuery("SELECT p.id, p.mrn, p.name, r.at, r.discrepancy_nl FROM refill r JOIN patient p ON p.id = r.patient_id "
              + "WHERE r.flagged = TRUE AND r.resolved = FALSE" + only.formatted("r") + " ORDER BY r.at, r.patient_id" + cut)
          .bind("only", onlyPatient).bind("limit", limit)
          .mapToMap().forEach(r -> items.add(item(r, Kind.DISCREPANCY, Rows.dateTime(r.get("at")), today, true, now,
              "refill discrepancy " + org.openitb.therapy.units.Volume.ofNanolitres(Rows.num(r.get("discrepancy_nl")))
                  + " unresolved")));
      refills.accept("d.due_at < :soon AND d.refill_by < :now");
      replacements.accept("(x.end_of_service <= :today OR x.planned_date < :today)");
      if (items.size() < limit) {
        refills.accept("d.refill_by >= :now");
        replacements.accept("x.end_of_service > :today AND (x.planned_date IS NULL OR x.planned_date >= :today)");
      }
    }
    return items.stream()
        .sorted(Comparator.comparingInt((Item i) -> i.overdue() ? 0 : 1).thenComparing(Item::due).thenComparing(Item::kind).thenComparingLong(Item::patientId))
        .limit(limit).toList();
  }

  /**
   * When a refill is due: the conservative alarm date or, if the refill-by date (set by drug
   * stability) comes more than the buffer earlier, the refill-by date. Migration V4 computes
   * {@code refill_due.due_at} with the same rule.
   */
  static LocalDateTime due(LocalDateTime conservativeAlarm, LocalDateTime refillBy) {
    return conservativeAlarm != null && !refillBy.plusDays(RefillCalculator.DEFAULT_BUFFER_DAYS).isBefore(conservativeAlarm)
        ? conservativeAlarm : refillBy;
  }

  private static Item item(Map<String, Object> r, Kind kind, LocalDateTime due, java.time.LocalDate appointment, boolean overdue,
      LocalDateTime now, String detail) {
    long days = Math.floorDiv(Duration.between(now, due).toMinutes(), Duration.ofDays(1).toMinutes());
    return new Item(Rows.num(r.get("id")), (String) r.get("mrn"), (String) r.get("name"), kind, due, days, overdue, detail, appointment);
  }
}
