// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.math.BigInteger;
import org.openitb.therapy.units.DoseRate;

/**
 * Catches the ISMP flex-mode error (a dose meant as 60 mcg/day delivered as 60 mcg every hour):
 * every step rate is a 24 h total, so a step whose rate alone exceeds the drug library's hard
 * daily maximum is refused with a message that names the per-hour-for-per-day confusion. This is
 * separate from the daily-dose check because a short step can break it while the time-weighted
 * daily total stays low.
 *
 * <p>Where the hard maximum is high (2000 mcg/day for spinal spasticity), "60 mcg/h" is 1440 mcg/day
 * and passes it. So a flex step whose 24 h rate is above the usual maximum for the etiology is a
 * soft finding naming the same confusion: the clinician must confirm it is a daily total.
 */
final class UnitPlausibilityStep implements ValidationStep {
  static final String NAME = "unit-plausibility";
  private static final long HOURS_PER_DAY = 24;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    DoseRate hardMax = p.drug().limits(ctx.etiology()).hardMax();
    DoseRate usualMax = p.drug().limits(ctx.etiology()).softMax();
    for (FlexStep step : p.basal().asFlexSchedule().steps()) {
      DoseRate rate = step.rate();
      if (rate.compareTo(hardMax) > 0) {
        out.hard(field(p, step), rate.toString(),
            "<= " + hardMax + " per step (a 24 h total; hard maximum, " + DailyDoseStep.etiology(ctx) + ")",
            "this 24 h rate is above the hard daily maximum and looks like a per-hour entry in a per-day field"
                + " (the ISMP '60 mcg/h instead of 60 mcg/day' error; " + perHourReading(rate)
                + "); enter the daily total in mcg/day");
      } else if (p.basal() instanceof FlexSchedule && rate.compareTo(usualMax) > 0) {
        out.soft(field(p, step), rate.toString(),
            "<= " + usualMax + " per step (a 24 h total; usual maximum, " + DailyDoseStep.etiology(ctx) + ")",
            "this step's 24 h rate is above the usual daily maximum; a per-hour entry in a per-day field looks like this"
                + " (the ISMP '60 mcg/h instead of 60 mcg/day' error; " + perHourReading(rate)
                + "); confirm the step is a daily total");
      }
    }
  }

  static String field(Prescription p, FlexStep step) {
    return p.basal() instanceof FlexSchedule ? "flex step " + step.start() + " rate" : "dose";
  }

  /** What the entry amounts to per hour, to make the confusion visible. */
  private static String perHourReading(DoseRate rate) {
    BigInteger ng = BigInteger.valueOf(rate.nanogramsPerDay());
    BigInteger[] qr = ng.divideAndRemainder(BigInteger.valueOf(HOURS_PER_DAY));
    String perHour = DoseMath.mcg(qr[0]) + (qr[1].signum() == 0 ? "" : "...");
    return rate + " is " + perHour + " mcg every hour";
  }
}
