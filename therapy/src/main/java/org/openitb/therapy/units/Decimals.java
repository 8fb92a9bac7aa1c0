// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exact text-to-integer and integer-to-text conversions shared by the quantity types. */
final class Decimals {
  private static final Pattern NUMBER_AND_UNIT =
      Pattern.compile("^\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([^\\s\\d].*?)?\\s*$");

  private Decimals() {}

  /**
   * Parses "number unit" into a whole number of base units. {@code units} maps each accepted unit
   * spelling (lower case) to the number of base units in one of it. A bare number takes {@code
   * defaultUnit}; when that is null a bare number is refused as ambiguous.
   */
  static long parse(
      String text, String field, Map<String, Long> units, String defaultUnit, String baseUnitName) {
    String allowedUnits = String.join(", ", units.keySet());
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(
          field, String.valueOf(text), "a number with one of the units " + allowedUnits, "missing value");
    }
    Matcher m = NUMBER_AND_UNIT.matcher(text);
    if (!m.matches()) {
      throw new InvalidValueException(
          field, text, "a number with one of the units " + allowedUnits, "not a number with a unit");
    }
    String unit = m.group(2);
    Long factor;
    if (unit == null) {
      if (defaultUnit == null) {
        throw new InvalidValueException(
            field, text, "a number with one of the units " + allowedUnits,
            "a bare number is ambiguous here; give the unit");
      }
      factor = units.get(defaultUnit.toLowerCase(Locale.ROOT).replace(" ", ""));
      if (factor == null) {
        // A programming error in the caller, not a user error: the default must be one of the units.
        throw new IllegalArgumentException(
            "default unit '" + defaultUnit + "' of " + field + " is not one of " + allowedUnits);
      }
    } else {
      factor = units.get(unit.toLowerCase(Locale.ROOT).replace(" ", ""));
      if (factor == null) {
        throw new InvalidValueException(
            field, text, "units " + allowedUnits, "unknown or wrong unit '" + unit + "'");
      }
    }
    BigDecimal base = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
    try {
      return base.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidValueException(
          field, text, "at most the precision of 1 " + baseUnitName + " and a magnitude that fits",
          "too precise or too large to represent exactly");
    }
  }

  /**
   * Formats {@code value / scale} with {@code places} decimals, rounded as stated; a value that is not zero never reads
   * as zero. A reconciliation 0.1 µL short would otherwise print "0.000 mL" and lose its sign, so such a value gets the
   * decimals its first significant digit needs (exact, as the scale allows): "-0.0001".
   */
  static String format(long value, long scale, int places, RoundingMode mode) {
    BigDecimal exact = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(scale));
    BigDecimal rounded = exact.setScale(places, mode);
    if (rounded.signum() == 0 && value != 0) {
      return exact.toPlainString();
    }
    return rounded.toPlainString();
  }

  /** Formats {@code value / scale} exactly with no trailing zeros (e.g. 1.5, 350). */
  static String formatExact(long value, long scale) {
    BigDecimal d = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(scale)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** {@code a * b / c} with an exact 128-bit intermediate, rounded as asked. */
  static long mulDiv(long a, long b, long c, Rounding rounding) {
    BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    BigInteger[] qr = product.divideAndRemainder(BigInteger.valueOf(c));
    BigInteger q = qr[0];
    if (qr[1].signum() != 0) {
      boolean negative = product.signum() * Long.signum(c) < 0;
      switch (rounding) {
        case EXACT -> throw new ArithmeticException(a + " * " + b + " / " + c + " is not exact");
        case DOWN -> q = negative ? q.subtract(BigInteger.ONE) : q;
        case UP -> q = negative ? q : q.add(BigInteger.ONE);
      }
    }
    return q.longValueExact();
  }
}
