// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

/**
 * Integer-to-text for the simulator's outputs without BigDecimal: the same text as the quantity
 * types' own formatting ({@code Volume.millilitres()}, {@code Mass.micrograms(3)}, {@code
 * Mass.micrograms()}), which a 7-year run calls hundreds of thousands of times. {@code
 * FastTextTest} checks both agree over the whole long range.
 */
final class FastText {
  private FastText() {}

  /**
   * {@code value / scale} (scale a power of ten) with {@code places} decimals (10^places ≤ scale), rounded half-up (away
   * from zero on a tie); a value that would round to zero is written exactly instead.
   */
  static StringBuilder halfUp(StringBuilder out, long value, long scale, int places) {
    long unit = scale / pow10(places); // base units per last shown digit
    long q = value / unit;
    long r = value % unit;
    // |r| ≥ unit / 2 rounds away from zero (BigDecimal HALF_UP); work in negatives to cover Long.MIN_VALUE
    if (r != 0 && -Math.abs(r) <= -(unit - unit / 2)) {
      q += value < 0 ? -1 : 1;
    }
    if (q == 0 && value != 0) {
      return exact(out, value, scale); // as the quantity types: a value that is not zero never reads as zero
    }
    return fixed(out, q, places);
  }

  /** {@code value / scale} (scale a power of ten) exactly, without trailing zeros ("1.5", "350", "-0.25"). */
  static StringBuilder exact(StringBuilder out, long value, long scale) {
    int places = 0;
    for (long s = scale; s > 1; s /= 10) {
      places++;
    }
    long v = value;
    while (places > 0 && v % 10 == 0) {
      v /= 10;
      places--;
    }
    return fixed(out, v, places);
  }

  /** {@code units / 10^places} written with exactly {@code places} decimals. */
  private static StringBuilder fixed(StringBuilder out, long units, int places) {
    if (places == 0) {
      return out.append(units);
    }
    long p = pow10(places);
    long whole = units / p;
    long frac = Math.abs(units % p);
    if (units < 0) {
      out.append('-');
      whole = -whole; // |units| < |Long.MIN_VALUE| / 10 here, so this cannot overflow
    }
    out.append(whole).append('.');
    String digits = Long.toString(frac);
    for (int i = digits.length(); i < places; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /** {@code t.toString()} ("2026-01-05T09:00", "...T09:00:30", "...T09:00:30.250"), without the formatter's allocations. */
  static StringBuilder dateTime(StringBuilder out, java.time.LocalDateTime t) {
    int year = t.getYear();
    int nano = t.getNano();
    if (year < 1000 || year > 9999 || nano % 1_000_000 != 0) {
      return out.append(t); // outside what the simulator produces: the JDK's own text
    }
    out.append(year).append('-');
    two(out, t.getMonthValue()).append('-');
    two(two(out, t.getDayOfMonth()).append('T'), t.getHour()).append(':');
    two(out, t.getMinute());
    int second = t.getSecond();
    if (second > 0 || nano > 0) {
      two(out.append(':'), second);
      if (nano > 0) {
        int ms = nano / 1_000_000;
        out.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
      }
    }
    return out;
  }

  private static StringBuilder two(StringBuilder out, int v) {
    return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
