// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.LocalTime;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/** A constant daily dose delivered at a constant rate. */
public record SimpleContinuous(DoseRate dailyDose) implements BasalProgram {
  public SimpleContinuous {
    if (dailyDose.isZero()) {
      throw new InvalidValueException("dose", dailyDose.toString(), "> 0 mcg/day (use Stopped for no delivery)", "zero dose");
    }
  }

  @Override
  public DoseRate rateAt(LocalTime time) {
    return dailyDose;
  }

  @Override
  public FlexSchedule asFlexSchedule() {
    return new FlexSchedule(java.util.List.of(new FlexStep(LocalTime.MIDNIGHT, dailyDose)));
  }
}
