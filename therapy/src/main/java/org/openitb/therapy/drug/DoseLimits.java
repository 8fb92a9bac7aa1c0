// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.drug;

import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Daily-dose limits for one drug and etiology. A dose above {@code hardMax} is refused by every
 * part of the system, the pump included; a dose outside {@code softMin..softMax} needs a recorded
 * confirmation.
 */
public record DoseLimits(DoseRate softMin, DoseRate softMax, DoseRate hardMax) {
  public DoseLimits {
    if (softMin.compareTo(softMax) > 0 || softMax.compareTo(hardMax) > 0) {
      throw new InvalidValueException(
          "doseLimits", softMin + ".." + softMax + " hard " + hardMax,
          "softMin <= softMax <= hardMax", "inconsistent dose limits");
    }
  }

  public boolean withinSoft(DoseRate dose) {
    return dose.compareTo(softMin) >= 0 && dose.compareTo(softMax) <= 0;
  }

  public boolean withinHard(DoseRate dose) {
    return dose.compareTo(hardMax) <= 0;
  }
}
