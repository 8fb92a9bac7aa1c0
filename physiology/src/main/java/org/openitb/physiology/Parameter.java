// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.util.Objects;

/**
 * One per-patient model value with its unit and where it comes from: a publication (with its DOI
 * or address, see ../shared/reference/physiology.md), a derivation from published values, a fit
 * to published behaviour, or an explicit assumption.
 *
 * @param value the value in {@code unit}
 * @param unit for example {@code mL/h}, {@code 1/h}, {@code µg/mL}, {@code 1} for dimensionless
 * @param source where the value (or its population distribution) comes from, in words
 */
public record Parameter(double value, String unit, String source) {
  public Parameter {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("parameter value " + value + " is not finite (" + source + ")");
    }
  }

  /** The same unit and source with another value (a sampled patient's value). */
  public Parameter withValue(double v) {
    return new Parameter(v, unit, source);
  }

  @Override
  public String toString() {
    return value + " " + unit + " (" + source + ")";
  }
}
