// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.Duration;
import java.time.LocalTime;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/** A bolus repeated every day at pump-local {@code start}, delivered over {@code duration} on top of the basal rate. */
public record ScheduledBolus(LocalTime start, Mass dose, Duration duration) {
  public ScheduledBolus {
    if (dose.nanograms() <= 0) {
      throw new InvalidValueException("scheduled bolus dose", dose.toString(), "> 0 mcg", "a bolus needs a dose");
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(24)) >= 0 || duration.toSecondsPart() != 0 || duration.toNanosPart() != 0) {
      throw new InvalidValueException("scheduled bolus duration", duration.toString(), "1 minute to 23:59, whole minutes", "duration out of range");
    }
  }
}
