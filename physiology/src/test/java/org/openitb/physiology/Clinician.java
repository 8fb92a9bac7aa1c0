// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.time.Duration;
import org.openitb.therapy.calc.ScreeningTrial;
import org.openitb.therapy.calc.StartingDose;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Mass;

/**
 * A plain clinical course for calibration, without a pump (the tip receives exactly the programmed
 * rate): screening boluses of 50, 75 and 100 µg a day apart, each rated against the baseline at
 * 4 h and observed hourly to 8 h (the clinical observation window, so an effect "over 8 h" is
 * never seen); the starting dose by therapy's {@link ScreeningTrial} rule, which is also the
 * discharge dose; then visits weekly for 8 weeks, every 4 weeks to month 6, every 8 weeks to month 24 and every 12 weeks after. At a
 * visit the dose rises by the etiology's step (clinical.md 3.2: spinal and MS adults 20 %,
 * cerebral and children 10 %) while the rated Modified Ashworth grade is 2 or more, and falls 15 %
 * on any overdose sign or a grade of 0; never above the drug library's hard limit.
 */
final class Clinician {
  static final long H = 3_600_000L;
  static final long DAY = 24 * H;
  static final long WEEK = 7 * DAY;

  /** One patient's course; {@code doseAtYear[y]} is the daily dose in force y years after implant (NaN: non-responder). */
  record Course(double effectiveBolus, double startingDose, double discharge, double[] doseAtYear, double doseAt18Months,
      double doseAt4Years, double[] toneAtYear) {
    boolean responder() {
      return effectiveBolus > 0;
    }
  }

  static Course follow(PatientParameters pp, int years) {
    Patient p = Patient.naive(pp, 0);
    double baseline = p.rateTone().value();
    double effective = 0;
    long effectHours = 0;
    long t = 0;
    for (Mass dose : ScreeningTrial.TEST_DOSES) {
      p.bolus(t, dose.nanograms() / 1000.0);
      int first = -1;
      int last = -1;
      for (int h = 1; h <= 8; h++) {
        p.advanceTo(t + h * H);
        if (p.rateTone().value() <= baseline - 1) {
          if (first < 0) {
            first = h;
          }
          last = h;
        }
      }
      boolean positive = first > 0 && first <= 4 && last >= 4;
      t += DAY;
      if (positive) {
        effective = dose.nanograms() / 1000.0;
        effectHours = (long) last - first + 1;
        break;
      }
    }
    double[] doses = new double[years + 1];
    double[] tones = new double[years + 1];
    if (effective == 0) {
      java.util.Arrays.fill(doses, Double.NaN);
      return new Course(0, Double.NaN, Double.NaN, doses, Double.NaN, Double.NaN, tones);
    }
    StartingDose start = ScreeningTrial.startingDose(Mass.ofMicrograms(Math.round(effective)), Duration.ofHours(effectHours));
    double dose = start.dailyDose().orElseThrow().nanogramsPerDay() / 1000.0;
    double startDose = dose;
    double hardMax = DrugLibrary.baclofen().limits(pp.etiology().therapyEtiology(pp.age())).hardMax().nanogramsPerDay() / 1000.0;
    double step = pp.age() == AgeGroup.CHILD || pp.etiology() == Etiology.CEREBRAL ? 0.10 : 0.20;
    long implant = t + 2 * DAY;
    p.setTipFlow(implant, dose / 24);
    double discharge = dose;
    long visit = implant;
    double at18 = Double.NaN;
    double at4y = Double.NaN;
    int y = 0;
    doses[0] = discharge;
    tones[0] = p.tone();
    long yearMillis = (long) (Patient.HOURS_PER_YEAR * H);
    while (true) {
      long weeks = (visit - implant) / WEEK;
      long next = visit + (weeks < 8 ? WEEK : weeks < 26 ? 4 * WEEK : weeks < 104 ? 8 * WEEK : 12 * WEEK);
      while (y < years && implant + (y + 1) * yearMillis <= next) {
        y++;
        p.advanceTo(implant + y * yearMillis);
        doses[y] = dose;
        tones[y] = p.tone();
      }
      if (Double.isNaN(at18) && next >= implant + yearMillis * 3 / 2) {
        at18 = dose;
      }
      if (Double.isNaN(at4y) && next >= implant + yearMillis * 4) {
        at4y = dose;
      }
      if (y >= years) {
        break;
      }
      p.advanceTo(next);
      dose = adjust(p, dose, step, hardMax);
      visit = next;
    }
    return new Course(effective, startDose, discharge, doses, at18, at4y, tones);
  }

  private static double adjust(Patient p, double dose, double step, double hardMax) {
    AshworthGrade mas = p.rateTone();
    double next = dose;
    if (p.overdoseStage() != OverdoseStage.NONE || mas == AshworthGrade.MAS_0) {
      next = dose * 0.85;
    } else if (mas.value() >= 2) {
      next = Math.min(hardMax, dose * (1 + step));
    }
    if (next != dose) {
      p.setTipFlow(p.nowMillis(), next / 24);
    }
    return next;
  }
}
