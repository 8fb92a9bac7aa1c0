// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.Duration;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/**
 * What the patient's device may request: one bolus of {@code dose} over {@code duration}, no
 * sooner than {@code lockout} after the previous one started, at most {@code maxPerDay} in any
 * 24 h.
 */
public record PatientBolusAllowance(Mass dose, Duration duration, Duration lockout, int maxPerDay) {
  /** A ceiling on activations per day whatever the clinician enters; beyond it a typo is likelier than intent. */
  public static final int MAX_ACTIVATIONS_PER_DAY = 24;

  public PatientBolusAllowance {
    if (dose.nanograms() <= 0) {
      throw new InvalidValueException("patient bolus dose", dose.toString(), "> 0 mcg", "a bolus needs a dose");
    }
    if (duration.isNegative() || duration.isZero() || duration.toSecondsPart() != 0 || duration.toNanosPart() != 0) {
      throw new InvalidValueException("patient bolus duration", duration.toString(), "whole minutes > 0", "duration out of range");
    }
    if (lockout.compareTo(duration) < 0) {
      throw new InvalidValueException("patient bolus lockout", lockout.toString(), ">= the bolus duration " + duration, "lockout shorter than the bolus");
    }
    if (maxPerDay < 1 || maxPerDay > MAX_ACTIVATIONS_PER_DAY) {
      throw new InvalidValueException("patient bolus max per day", String.valueOf(maxPerDay), "1-" + MAX_ACTIVATIONS_PER_DAY, "out of range");
    }
  }

  /** The most drug the allowance can add in one day. */
  public Mass maxDailyMass() {
    return dose.times(maxPerDay);
  }
}
