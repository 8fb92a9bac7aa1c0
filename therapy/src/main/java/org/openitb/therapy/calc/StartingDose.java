// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.util.Optional;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;

/**
 * The daily dose to start continuous infusion with after a screening trial, or the explicit
 * finding that the patient is not a candidate (no dose, never null).
 *
 * @param dailyDose present exactly when {@code outcome} is not {@link Outcome#NOT_A_CANDIDATE}
 * @param effectiveBolus the screening dose that worked, when one did
 * @param reason the rule applied, in words
 */
public record StartingDose(Outcome outcome, Optional<DoseRate> dailyDose, Optional<Mass> effectiveBolus, String reason) {
  /** Which rule gave the starting dose. */
  public enum Outcome {
    /** Twice the effective screening bolus, infused over 24 h. */
    TWICE_EFFECTIVE_BOLUS,
    /** Equal to the effective bolus: its effect lasted over 8 h, or it caused side effects. */
    EQUAL_TO_EFFECTIVE_BOLUS,
    /** No response at the highest screening dose: not a candidate for an implanted pump. */
    NOT_A_CANDIDATE
  }

  public StartingDose {
    if (dailyDose.isPresent() == (outcome == Outcome.NOT_A_CANDIDATE)) {
      throw new IllegalArgumentException("a starting dose exists exactly when the patient is a candidate: " + outcome + " " + dailyDose);
    }
  }
}
