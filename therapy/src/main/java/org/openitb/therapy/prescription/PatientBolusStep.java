// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.math.BigInteger;
import org.openitb.therapy.drug.DoseLimits;
import org.openitb.therapy.units.Fraction;

/**
 * The worst case of the patient's allowance: basal + scheduled boluses + every allowed patient
 * bolus in one day must stay within the hard maximum, because the pump cannot know the patient
 * will not use them all.
 */
final class PatientBolusStep implements ValidationStep {
  static final String NAME = "patient-bolus";
  private static final long MINUTES_PER_DAY = DoseMath.MINUTES_PER_DAY;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    if (p.patientBolus().isEmpty()) {
      return;
    }
    PatientBolusAllowance a = p.patientBolus().get();
    DoseLimits limits = p.drug().limits(ctx.etiology());
    Fraction basal = DoseMath.basalDailyDose(p.basal());
    BigInteger scheduled = DoseMath.scheduledDailyDose(p.scheduledBoluses());
    BigInteger patient = BigInteger.valueOf(a.dose().nanograms()).multiply(BigInteger.valueOf(a.maxPerDay()));
    Fraction worst = basal.plus(Fraction.of(scheduled)).plus(Fraction.of(patient));
    String value = "worst case " + DoseMath.mcgPerDay(worst) + " (basal " + DoseMath.mcgPerDay(basal) + " + scheduled "
        + DoseMath.mcg(scheduled) + " mcg + " + a.maxPerDay() + " x " + a.dose() + ")";
    String allowed = "<= " + DoseMath.mcgPerDay(limits.hardMax().nanogramsPerDay()) + " (hard maximum, " + DailyDoseStep.etiology(ctx) + ")";
    if (worst.compareTo(Fraction.of(limits.hardMax().nanogramsPerDay())) > 0) {
      out.hard("patient bolus", value, allowed,
          "using every allowed patient bolus would exceed the hard daily maximum; lower the bolus dose or the maximum per day");
    } else {
      out.info("patient bolus", value, allowed, "the worst case stays within the hard maximum");
    }
    long lockoutMinutes = Math.max(1, a.lockout().toMinutes());
    long fit = (MINUTES_PER_DAY + lockoutMinutes - 1) / lockoutMinutes;
    if (a.maxPerDay() > fit) {
      out.info("patient bolus max per day", String.valueOf(a.maxPerDay()), "<= " + fit + " with a lockout of " + lockoutMinutes + " min",
          "the lockout lets at most " + fit + " boluses start in 24 h; the maximum per day is never reached");
    }
  }
}
