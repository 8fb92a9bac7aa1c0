// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import org.openitb.therapy.units.InvalidValueException;

/**
 * One policy a trial compares.
 *
 * @param name shown in outputs
 * @param refillBufferDays the refill visit is booked this many days before the forecast low-reservoir alarm
 * @param bridgeBolus whether a concentration change at a refill gets a bridge bolus
 * @param titrationStepPercent how much a titration visit changes the daily dose (up when tone is above target, down on overdose signs)
 * @param missedVisitProbability chance that the patient misses a booked visit (and comes 1-3 weeks later)
 */
public record Arm(String name, int refillBufferDays, boolean bridgeBolus, int titrationStepPercent, double missedVisitProbability) {
  public Arm {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("arms[].name", String.valueOf(name), "a name", "an arm needs a name");
    }
    if (refillBufferDays < 0 || refillBufferDays > 60) {
      throw new InvalidValueException("arms[" + name + "].refillBufferDays", String.valueOf(refillBufferDays), "0-60", "out of range");
    }
    if (titrationStepPercent < 0 || titrationStepPercent > 50) {
      throw new InvalidValueException("arms[" + name + "].titrationStepPercent", String.valueOf(titrationStepPercent), "0-50",
          "out of range");
    }
    if (!(missedVisitProbability >= 0 && missedVisitProbability <= 1)) {
      throw new InvalidValueException("arms[" + name + "].missedVisitProbability", String.valueOf(missedVisitProbability), "0-1",
          "a probability");
    }
  }
}
