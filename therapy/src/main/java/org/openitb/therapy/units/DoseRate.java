// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exact daily dose rate in whole nanograms per day. Clinicians prescribe in mcg/day; a rate
 * typed per hour is converted to its exact daily total (x 24), which the caller must show back
 * (the per-hour-for-per-day error is the most dangerous entry mistake in ITB).
 */
public record DoseRate(long nanogramsPerDay) implements Comparable<DoseRate> {
  public static final DoseRate ZERO = new DoseRate(0);
  private static final long HOURS_PER_DAY = 24;
  private static final Map<String, Long> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("mcg/day", Mass.NG_PER_MCG);
    UNITS.put("mcg/d", Mass.NG_PER_MCG);
    UNITS.put("mcg/24h", Mass.NG_PER_MCG);
    UNITS.put("ug/day", Mass.NG_PER_MCG);
    UNITS.put("µg/day", Mass.NG_PER_MCG);
    UNITS.put("mg/day", Mass.NG_PER_MG);
    UNITS.put("mg/d", Mass.NG_PER_MG);
    UNITS.put("mcg/h", Mass.NG_PER_MCG * HOURS_PER_DAY);
    UNITS.put("mcg/hr", Mass.NG_PER_MCG * HOURS_PER_DAY);
    UNITS.put("mg/h", Mass.NG_PER_MG * HOURS_PER_DAY);
  }

  public DoseRate {
    if (nanogramsPerDay < 0) {
      throw new InvalidValueException("dose", nanogramsPerDay + " ng/day", ">= 0", "a dose rate cannot be negative");
    }
  }

  public static DoseRate ofMicrogramsPerDay(long mcgPerDay) {
    return new DoseRate(Math.multiplyExact(mcgPerDay, Mass.NG_PER_MCG));
  }

  /** Parses "350 mcg/day", "1.5 mg/day", "12.5 mcg/h" (x 24). A bare number is read in {@code defaultUnit} or refused when null. */
  public static DoseRate parse(String text, String field, String defaultUnit) {
    long ng = Decimals.parse(text, field, UNITS, defaultUnit, "ng/day");
    if (ng < 0) {
      throw new InvalidValueException(field, text, ">= 0 mcg/day", "a dose rate cannot be negative");
    }
    return new DoseRate(ng);
  }

  /** True when {@code text} carries a per-hour unit, so the UI must show the converted daily total. */
  public static boolean isPerHour(String text) {
    String t = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    return t.endsWith("/h") || t.endsWith("/hr");
  }

  /** The volume rate that delivers this dose at {@code concentration}, rounded as asked. */
  public VolumeRate volumeRateAt(Concentration concentration, Rounding rounding) {
    return new VolumeRate(
        Decimals.mulDiv(nanogramsPerDay, Volume.NL_PER_ML, concentration.nanogramsPerMillilitre(), rounding));
  }

  /** The exact volume rate, in nanolitres per day, that delivers this dose at {@code concentration}. */
  public Fraction exactVolumeRateAt(Concentration concentration) {
    return Fraction.of(BigInteger.valueOf(nanogramsPerDay).multiply(BigInteger.valueOf(Volume.NL_PER_ML)),
        BigInteger.valueOf(concentration.nanogramsPerMillilitre()));
  }

  public DoseRate plus(DoseRate other) {
    return new DoseRate(Math.addExact(nanogramsPerDay, other.nanogramsPerDay));
  }

  /** The mass delivered per day, as a {@link Mass}. */
  public Mass perDay() {
    return new Mass(nanogramsPerDay);
  }

  public boolean isZero() {
    return nanogramsPerDay == 0;
  }

  /** mcg/day exactly ("350", "12.5"). */
  public String microgramsPerDay() {
    return Decimals.formatExact(nanogramsPerDay, Mass.NG_PER_MCG);
  }

  @Override
  public int compareTo(DoseRate o) {
    return Long.compare(nanogramsPerDay, o.nanogramsPerDay);
  }

  @Override
  public String toString() {
    return microgramsPerDay() + " mcg/day";
  }
}
