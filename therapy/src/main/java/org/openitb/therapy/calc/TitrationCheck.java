// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Optional;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;

/**
 * The verdict of the titration guardrail on one proposed daily dose.
 *
 * @param changePercent exact change, (proposed - current) / current x 100
 * @param allowedMin smallest increase within the guardrail (current x (1 + min %), rounded up)
 * @param allowedMax largest increase within the guardrail (current x (1 + max %), rounded down)
 * @param nextIncreaseAllowedAt the last increase plus the minimum interval, when a last increase is known
 */
public record TitrationCheck(
    DoseRate current,
    DoseRate proposed,
    Fraction changePercent,
    DoseRate allowedMin,
    DoseRate allowedMax,
    Verdict verdict,
    String reason,
    Optional<LocalDateTime> nextIncreaseAllowedAt) {

  /** How the proposed dose relates to the guardrail. */
  public enum Verdict {
    WITHIN_GUARDRAIL,
    BELOW_MINIMUM_STEP,
    ABOVE_MAXIMUM_STEP,
    /** Above the drug library's hard daily maximum for the etiology: refused, whatever the step. */
    ABOVE_HARD_MAXIMUM,
    TOO_SOON_AFTER_LAST_INCREASE,
    DECREASE,
    NO_CHANGE
  }

  /** The change with a sign and 1 decimal, rounded half-up (display only): "+20.0", "-16.7", "0.0". */
  public String changePercentDisplay() {
    String s = changePercent.toPlainString(1, RoundingMode.HALF_UP);
    return changePercent.signum() > 0 ? "+" + s : s;
  }
}
