// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exact volume in whole nanolitres (1 mL = 1 000 000 nL, 1 µL = 1 000 nL). Immutable; may be
 * negative when it is a difference (a discrepancy, a deficit).
 */
public record Volume(long nanolitres) implements Comparable<Volume> {
  public static final Volume ZERO = new Volume(0);
  static final long NL_PER_UL = 1_000L;
  static final long NL_PER_ML = 1_000_000L;
  private static final Map<String, Long> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("ml", NL_PER_ML);
    UNITS.put("ul", NL_PER_UL);
    UNITS.put("µl", NL_PER_UL);
    UNITS.put("nl", 1L);
  }

  public static Volume ofNanolitres(long nl) {
    return new Volume(nl);
  }

  public static Volume ofMicrolitres(long ul) {
    return new Volume(Math.multiplyExact(ul, NL_PER_UL));
  }

  public static Volume ofMillilitres(long ml) {
    return new Volume(Math.multiplyExact(ml, NL_PER_ML));
  }

  /** Parses "0.6 mL", "140 uL". A bare number is read in {@code defaultUnit} (e.g. "mL") or refused when null. */
  public static Volume parse(String text, String field, String defaultUnit) {
    return new Volume(Decimals.parse(text, field, UNITS, defaultUnit, "nL"));
  }

  public Volume plus(Volume other) {
    return new Volume(Math.addExact(nanolitres, other.nanolitres));
  }

  public Volume minus(Volume other) {
    return new Volume(Math.subtractExact(nanolitres, other.nanolitres));
  }

  public Volume times(long factor) {
    return new Volume(Math.multiplyExact(nanolitres, factor));
  }

  public Volume abs() {
    return new Volume(Math.abs(nanolitres));
  }

  public Volume min(Volume other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public Volume max(Volume other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public boolean isNegative() {
    return nanolitres < 0;
  }

  public boolean isPositive() {
    return nanolitres > 0;
  }

  /** The drug mass this volume holds at {@code concentration}, rounded as asked. */
  public Mass massAt(Concentration concentration, Rounding rounding) {
    return new Mass(
        Decimals.mulDiv(nanolitres, concentration.nanogramsPerMillilitre(), NL_PER_ML, rounding));
  }

  /** The exact drug mass, in nanograms, this volume holds at {@code concentration}. */
  public Fraction exactMassAt(Concentration concentration) {
    return Fraction.of(BigInteger.valueOf(nanolitres).multiply(BigInteger.valueOf(concentration.nanogramsPerMillilitre())),
        BigInteger.valueOf(NL_PER_ML));
  }

  /** Millilitres to 3 decimals, rounded half-up (display only; arithmetic stays in nL). */
  public String millilitres() {
    return Decimals.format(nanolitres, NL_PER_ML, 3, RoundingMode.HALF_UP);
  }

  /** Millilitres to 3 decimals in the stated direction. */
  public String millilitres(RoundingMode mode) {
    return Decimals.format(nanolitres, NL_PER_ML, 3, mode);
  }

  @Override
  public int compareTo(Volume o) {
    return Long.compare(nanolitres, o.nanolitres);
  }

  /** "0.700 mL" (3 decimals, half-up). */
  @Override
  public String toString() {
    return millilitres() + " mL";
  }
}
