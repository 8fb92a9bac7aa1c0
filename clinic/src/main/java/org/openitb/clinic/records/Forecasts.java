// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openitb.clinic.store.Rows;
import org.openitb.therapy.calc.DailyVolume;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.therapy.calc.RefillPlan;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.Volume;

/**
 * The reservoir between two refills as the prescriptions in force ran it. A dose change after a refill moves its alarm,
 * refill-by and stop dates: a doubled dose empties the pump twice as fast, and the dates printed at the refill would book
 * the next visit after the pump has stopped. Guarantees: with no prescription change after the refill, the plan is the
 * one the refill computed; the conservative dates count every patient bolus each prescription allows; the volume used
 * (patient boluses aside, which are not known) is integrated segment by segment, each at the rate of the prescription in
 * force, rounded up to a whole nanolitre (the safe side for a date) and floored at zero.
 */
public final class Forecasts {
  /** Later than any date the clinic records (Body accepts dates up to 2199), as a bound the database can store. */
  private static final LocalDateTime LAST = LocalDateTime.of(9999, 12, 31, 0, 0);

  private Forecasts() {}

  /** One stretch of the interval at one prescription's rate. */
  private record Segment(LocalDateTime start, Prescription rx, Volume alarmVolume) {}

  /** The plan of a refill row: from its fill, through every prescription that started after it and before the next refill. */
  public static RefillPlan of(Handle h, Map<String, Object> refill) {
    List<Segment> segments = segments(h, refill);
    Segment first = segments.get(0);
    Segment last = segments.get(segments.size() - 1);
    var pump = PumpModels.byName((String) refill.get("pump_model"));
    if (segments.size() == 1) {
      return RefillCalculator.plan(pump, fill(refill), first.start(), first.rx(), first.alarmVolume(), RefillCalculator.DEFAULT_BUFFER_DAYS);
    }
    return RefillCalculator.planAfterChange(pump, first.start(), left(segments, fill(refill), last.start()), last.start(), last.rx(),
        last.alarmVolume(), RefillCalculator.DEFAULT_BUFFER_DAYS);
  }

  /** The volume expected in the reservoir at {@code at} (not before the refill) after the refill row's fill. */
  public static Volume volumeAt(Handle h, Map<String, Object> refill, LocalDateTime at) {
    return left(segments(h, refill), fill(refill), at);
  }

  /**
   * After a prescription was recorded: when it starts after the patient's last refill, that refill's alarm and refill-by
   * dates are computed again through it, so the dashboard, the calendar and the patient's documents follow the new dose.
   * In the caller's transaction.
   */
  public static void afterPrescription(Handle h, long patient) {
    h.createQuery("SELECT * FROM refill WHERE patient_id = :p ORDER BY at DESC, id DESC LIMIT 1").bind("p", patient).mapToMap().findOne()
        .filter(r -> segments(h, r).size() > 1)
        .ifPresent(r -> {
          RefillPlan plan = of(h, r);
          h.createUpdate("UPDATE refill SET alarm_at = :a, conservative_alarm_at = :c, refill_by = :b WHERE id = :id")
              .bind("a", plan.alarmAt().orElse(null)).bind("c", plan.conservativeAlarmAt().orElse(null)).bind("b", plan.refillBy())
              .bind("id", Rows.num(r.get("id"))).execute();
        });
  }

  private static Volume fill(Map<String, Object> refill) {
    return Volume.ofNanolitres(Rows.num(refill.get("fill_nl")));
  }

  /** The fill less what each segment used up to {@code at}. */
  private static Volume left(List<Segment> segments, Volume fill, LocalDateTime at) {
    Fraction used = Fraction.ZERO;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      LocalDateTime end = i + 1 < segments.size() && segments.get(i + 1).start().isBefore(at) ? segments.get(i + 1).start() : at;
      if (!end.isAfter(s.start())) {
        break;
      }
      long seconds = Duration.between(s.start(), end).toSeconds();
      used = used.plus(DailyVolume.of(s.rx()).totalNanolitres().times(seconds).dividedBy(Refills.SECONDS_PER_DAY));
    }
    BigInteger left = BigInteger.valueOf(fill.nanolitres()).subtract(used.ceil());
    return Volume.ofNanolitres(left.signum() < 0 ? 0 : left.longValueExact());
  }

  /**
   * The refill's own rate from its fill (its concentration and dose, as the refill computed its dates), then each
   * prescription recorded to start after the refill and before the next one.
   */
  private static List<Segment> segments(Handle h, Map<String, Object> refill) {
    long patient = Rows.num(refill.get("patient_id"));
    LocalDateTime at = Rows.dateTime(refill.get("at"));
    Optional<Map<String, Object>> inForce = h.createQuery("SELECT drug, patient_bolus FROM prescription WHERE patient_id = :p AND start_at <= :at "
        + "ORDER BY start_at DESC, id DESC LIMIT 1").bind("p", patient).bind("at", at).mapToMap().findOne();
    Drug drug = inForce.map(r -> DrugLibrary.standard().drug((String) r.get("drug"))).orElse(DrugLibrary.baclofen());
    Segment first = new Segment(at, Refills.withBolus(Prescription.simple(drug, new Concentration(Rows.num(refill.get("concentration_ng_per_ml"))),
        new DoseRate(Rows.num(refill.get("dose_ng_per_day")))), inForce.flatMap(r -> PrescriptionForm.bolus((String) r.get("patient_bolus")))),
        Volume.ofNanolitres(Rows.num(refill.get("alarm_volume_nl"))));
    LocalDateTime next = h.createQuery("SELECT at FROM refill WHERE patient_id = :p AND (at > :at OR (at = :at AND id > :id)) "
            + "ORDER BY at, id LIMIT 1")
        .bind("p", patient).bind("at", at).bind("id", Rows.num(refill.get("id"))).mapToMap().findOne()
        .map(r -> Rows.dateTime(r.get("at"))).orElse(LAST);
    List<Segment> changes = h.createQuery("SELECT * FROM prescription WHERE patient_id = :p AND start_at > :at AND start_at < :next "
            + "ORDER BY start_at, id")
        .bind("p", patient).bind("at", at).bind("next", next).mapToMap()
        .map(r -> new Segment(Rows.dateTime(r.get("start_at")), Refills.withBolus(Prescription.simple(DrugLibrary.standard().drug((String) r.get("drug")),
            new Concentration(Rows.num(r.get("concentration_ng_per_ml"))), new DoseRate(Rows.num(r.get("dose_ng_per_day")))),
            PrescriptionForm.bolus((String) r.get("patient_bolus"))), Volume.ofNanolitres(Rows.num(r.get("alarm_volume_nl")))))
        .list();
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), changes.stream()).toList();
  }
}
