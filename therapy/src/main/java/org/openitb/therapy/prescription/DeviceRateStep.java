// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.math.BigInteger;
import java.time.Duration;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;

/**
 * Every volume rate the pump would run must be programmable on the model: each non-zero basal
 * step (its dose rate at the concentration, rounded down as delivered) within minRate..maxRate,
 * and each bolus's delivery rate (volume over duration, rounded up because it is compared with a
 * maximum) at most maxRate. A bolus too small to be a single nanolitre at this concentration is
 * refused too: the pump could not deliver it.
 */
final class DeviceRateStep implements ValidationStep {
  static final String NAME = "device-rate";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    PumpModel pump = ctx.pump();
    Concentration c = p.concentration();
    BigInteger min = BigInteger.valueOf(pump.minRate().nanolitresPerDay());
    BigInteger max = BigInteger.valueOf(pump.maxRate().nanolitresPerDay());
    String basalAllowed = "0 or " + DoseMath.ml(min) + "-" + DoseMath.ml(max) + " mL/day (" + pump.name() + ")";
    for (FlexStep step : p.basal().asFlexSchedule().steps()) {
      if (step.rate().isZero()) {
        continue;
      }
      BigInteger rate = DoseMath.volumeRate(step.rate(), c);
      String value = DoseMath.ml(rate) + " mL/day (" + step.rate() + " at " + c + ")";
      String field = UnitPlausibilityStep.field(p, step);
      if (rate.compareTo(min) < 0) {
        out.hard(field, value, basalAllowed,
            "below the pump's lowest programmable rate; use a lower concentration or a higher dose");
      } else if (rate.compareTo(max) > 0) {
        out.hard(field, value, basalAllowed,
            "above the pump's highest programmable rate; use a higher concentration or a lower dose");
      }
    }
    for (ScheduledBolus b : p.scheduledBoluses()) {
      checkBolus("scheduled bolus " + b.start(), b.dose(), b.duration(), c, pump, out);
    }
    p.patientBolus().ifPresent(a -> checkBolus("patient bolus", a.dose(), a.duration(), c, pump, out));
  }

  private static void checkBolus(String field, Mass dose, Duration duration, Concentration c, PumpModel pump, Findings out) {
    BigInteger volume = DoseMath.bolusVolume(dose, c);
    BigInteger max = BigInteger.valueOf(pump.maxRate().nanolitresPerDay());
    String allowed = "<= " + DoseMath.ml(max) + " mL/day delivery rate (" + pump.name() + ")";
    if (volume.signum() == 0) {
      out.hard(field, dose + " at " + c + " = 0 nL", "a volume of at least 1 nL",
          "the bolus is too small to deliver at this concentration; raise the dose or lower the concentration");
      return;
    }
    BigInteger rate = DoseMath.bolusRate(volume, duration);
    if (rate.compareTo(max) > 0) {
      out.hard(field, DoseMath.ml(volume) + " mL over " + duration.toMinutes() + " min = " + DoseMath.ml(rate) + " mL/day", allowed,
          "the bolus would run faster than the pump can deliver; lengthen its duration");
    }
  }
}
