// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.drug;

import java.time.Duration;
import org.openitb.therapy.units.InvalidValueException;

/**
 * How fast a daily dose may rise: an increase should be between {@code minIncreasePercent} and
 * {@code maxIncreasePercent} of the current dose, at most once per {@code minInterval}.
 */
public record TitrationLimits(int minIncreasePercent, int maxIncreasePercent, Duration minInterval) {
  public TitrationLimits {
    if (minIncreasePercent < 0 || minIncreasePercent > maxIncreasePercent || maxIncreasePercent > 100) {
      throw new InvalidValueException(
          "titrationLimits", minIncreasePercent + "-" + maxIncreasePercent + " %",
          "0 <= min <= max <= 100", "inconsistent titration percentages");
    }
  }
}
