// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import org.openitb.therapy.drug.DoseLimits;
import org.openitb.therapy.units.Fraction;

/**
 * The daily total (time-weighted basal plus scheduled boluses) against the drug library's hard
 * maximum and usual range for the etiology. A stopped pump with scheduled boluses is refused: a
 * stopped pump delivers nothing, so the boluses would be a false promise.
 */
final class DailyDoseStep implements ValidationStep {
  static final String NAME = "daily-dose";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    if (p.basal() instanceof Stopped && !p.scheduledBoluses().isEmpty()) {
      out.hard("scheduled boluses", p.scheduledBoluses().size() + " bolus(es)", "0 while the basal program is stopped",
          "a stopped pump delivers nothing, scheduled boluses included; program a flex schedule or remove the boluses");
    }
    DoseLimits limits = p.drug().limits(ctx.etiology());
    Fraction total = DoseMath.basalDailyDose(p.basal()).plus(Fraction.of(DoseMath.scheduledDailyDose(p.scheduledBoluses())));
    String value = DoseMath.mcgPerDay(total);
    String usual = DoseMath.mcgPerDay(limits.softMin().nanogramsPerDay()) + " - "
        + DoseMath.mcgPerDay(limits.softMax().nanogramsPerDay()) + " usual for " + etiology(ctx);
    String hardMax = "<= " + DoseMath.mcgPerDay(limits.hardMax().nanogramsPerDay()) + " (hard maximum, " + etiology(ctx) + ")";
    if (total.compareTo(Fraction.of(limits.hardMax().nanogramsPerDay())) > 0) {
      out.hard("daily dose", value, hardMax,
          "the daily total (basal + scheduled boluses) is above the hard maximum; lower the dose");
    } else if (total.isZero()) {
      out.soft("daily dose", value, usual,
          "no delivery: stopping intrathecal baclofen abruptly risks withdrawal; confirm a deliberate, time-limited stop");
    } else if (total.compareTo(Fraction.of(limits.softMin().nanogramsPerDay())) < 0
        || total.compareTo(Fraction.of(limits.softMax().nanogramsPerDay())) > 0) {
      out.soft("daily dose", value, usual, "outside the usual daily range; confirm the dose is intended");
    } else {
      out.info("daily dose", value, usual, "within the usual daily range");
    }
  }

  static String etiology(ValidationContext ctx) {
    return ctx.etiology().name().toLowerCase(java.util.Locale.ROOT);
  }
}
