// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

/**
 * The direction an integer division takes when the exact result is not a whole number of base
 * units. Delivery arithmetic rounds {@link #DOWN} so that a pump never delivers more than
 * prescribed; {@link #EXACT} refuses any remainder.
 */
public enum Rounding {
  /** Towards negative infinity. */
  DOWN,
  /** Towards positive infinity. */
  UP,
  /** Throws {@link ArithmeticException} when there is a remainder. */
  EXACT;

  /** Divides {@code numerator} by a positive {@code denominator} in this direction. */
  public long divide(long numerator, long denominator) {
    if (denominator <= 0) {
      throw new ArithmeticException("denominator must be positive: " + denominator);
    }
    return switch (this) {
      case DOWN -> Math.floorDiv(numerator, denominator);
      case UP -> -Math.floorDiv(-numerator, denominator);
      case EXACT -> {
        if (Math.floorMod(numerator, denominator) != 0) {
          throw new ArithmeticException(numerator + " / " + denominator + " is not exact");
        }
        yield numerator / denominator;
      }
    };
  }
}
