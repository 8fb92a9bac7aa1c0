// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.LocalTime;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/**
 * One step of a flex schedule: from pump-local {@code start} until the next step's start, the
 * pump delivers at {@code rate}, a rate expressed per day (a 24 h total), never per hour.
 */
public record FlexStep(LocalTime start, DoseRate rate) {
  public FlexStep {
    if (start.getSecond() != 0 || start.getNano() != 0) {
      throw new InvalidValueException("flex step start", start.toString(), "whole minutes HH:MM", "seconds are not programmable");
    }
  }
}
