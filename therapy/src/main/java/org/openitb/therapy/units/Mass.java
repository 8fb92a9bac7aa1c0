// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exact drug mass in whole nanograms (1 mcg = 1 000 ng). Immutable; arithmetic overflows throw
 * rather than wrap.
 */
public record Mass(long nanograms) implements Comparable<Mass> {
  public static final Mass ZERO = new Mass(0);
  static final long NG_PER_MCG = 1_000L;
  static final long NG_PER_MG = 1_000_000L;
  private static final Map<String, Long> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("mcg", NG_PER_MCG);
    UNITS.put("ug", NG_PER_MCG);
    UNITS.put("µg", NG_PER_MCG);
    UNITS.put("mg", NG_PER_MG);
    UNITS.put("ng", 1L);
  }

  public static Mass ofNanograms(long ng) {
    return new Mass(ng);
  }

  public static Mass ofMicrograms(long mcg) {
    return new Mass(Math.multiplyExact(mcg, NG_PER_MCG));
  }

  public static Mass ofMilligrams(long mg) {
    return new Mass(Math.multiplyExact(mg, NG_PER_MG));
  }

  /**
   * Parses "50 mcg", "1.5 mg", "200 ng". A bare number is read in {@code defaultUnit}
   * (e.g. "mcg"); with a null default a bare number is refused as ambiguous.
   */
  public static Mass parse(String text, String field, String defaultUnit) {
    return new Mass(Decimals.parse(text, field, UNITS, defaultUnit, "ng"));
  }

  public Mass plus(Mass other) {
    return new Mass(Math.addExact(nanograms, other.nanograms));
  }

  public Mass minus(Mass other) {
    return new Mass(Math.subtractExact(nanograms, other.nanograms));
  }

  public Mass times(long factor) {
    return new Mass(Math.multiplyExact(nanograms, factor));
  }

  public boolean isNegative() {
    return nanograms < 0;
  }

  /** The volume of this mass at {@code concentration}, rounded as asked. */
  public Volume volumeAt(Concentration concentration, Rounding rounding) {
    return new Volume(
        Decimals.mulDiv(nanograms, Volume.NL_PER_ML, concentration.nanogramsPerMillilitre(), rounding));
  }

  /** The exact volume, in nanolitres, that holds this mass at {@code concentration}. */
  public Fraction exactVolumeAt(Concentration concentration) {
    return Fraction.of(BigInteger.valueOf(nanograms).multiply(BigInteger.valueOf(Volume.NL_PER_ML)),
        BigInteger.valueOf(concentration.nanogramsPerMillilitre()));
  }

  /** Micrograms, exactly, as a plain decimal ("1.5", "350"). */
  public String micrograms() {
    return Decimals.formatExact(nanograms, NG_PER_MCG);
  }

  /** Micrograms to {@code places} decimals, half-up. */
  public String micrograms(int places) {
    return Decimals.format(nanograms, NG_PER_MCG, places, RoundingMode.HALF_UP);
  }

  @Override
  public int compareTo(Mass o) {
    return Long.compare(nanograms, o.nanograms);
  }

  /** Exact, in micrograms: "350 mcg", "0.5 mcg". */
  @Override
  public String toString() {
    return micrograms() + " mcg";
  }
}
