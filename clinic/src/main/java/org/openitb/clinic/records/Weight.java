// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.math.BigDecimal;
import java.util.Locale;
import org.openitb.clinic.json.ApiException;

/** Parses a body weight such as "62.5 kg" or "3400 g" into exact whole grams; a bare number is refused as ambiguous. */
final class Weight {
  static final long MIN_GRAMS = 500;
  static final long MAX_GRAMS = 400_000;
  static final String ALLOWED = "0.5-400 kg, with a unit: \"62.5 kg\" or \"3400 g\"";

  private Weight() {}

  static long grams(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    BigDecimal factor;
    String number;
    if (t.endsWith("kg")) {
      factor = BigDecimal.valueOf(1000);
      number = t.substring(0, t.length() - 2).trim();
    } else if (t.endsWith("g")) {
      factor = BigDecimal.ONE;
      number = t.substring(0, t.length() - 1).trim();
    } else {
      throw ApiException.badRequest("weight needs a unit (kg or g)", "weight", text, ALLOWED);
    }
    try {
      BigDecimal g = new BigDecimal(number).multiply(factor);
      if (g.stripTrailingZeros().scale() > 0 || g.compareTo(BigDecimal.valueOf(MIN_GRAMS)) < 0
          || g.compareTo(BigDecimal.valueOf(MAX_GRAMS)) > 0) {
        throw ApiException.badRequest("weight out of range or finer than a gram", "weight", text, ALLOWED);
      }
      return g.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw ApiException.badRequest("weight is not a number", "weight", text, ALLOWED);
    }
  }
}
