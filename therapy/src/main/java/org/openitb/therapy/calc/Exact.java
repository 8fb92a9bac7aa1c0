// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.math.BigInteger;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Turns exact BigInteger results back into the long-based quantity types. A result too large for
 * a long can only come from an absurd input, so it is reported as that input's error instead of
 * overflowing.
 */
final class Exact {
  static final long NL_PER_ML = 1_000_000;
  static final long SECONDS_PER_DAY = 86_400;
  static final long MINUTES_PER_DAY = 1_440;

  private Exact() {}

  static long toLong(BigInteger value, String field, String given) {
    if (value.bitLength() > Long.SIZE - 1) {
      throw new InvalidValueException(field, given, "values whose result fits the exact integer units",
          "the result is too large to represent; check the entry");
    }
    return value.longValue();
  }

  static Volume volume(BigInteger nl, String field, String given) {
    return Volume.ofNanolitres(toLong(nl, field, given));
  }

  static Mass mass(BigInteger ng, String field, String given) {
    return Mass.ofNanograms(toLong(ng, field, given));
  }

  static Fraction nl(Volume v) {
    return Fraction.of(v.nanolitres());
  }
}
