// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An exact volume rate in whole nanolitres per day. */
public record VolumeRate(long nanolitresPerDay) implements Comparable<VolumeRate> {
  public static final VolumeRate ZERO = new VolumeRate(0);
  private static final Map<String, Long> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("ml/day", Volume.NL_PER_ML);
    UNITS.put("ml/d", Volume.NL_PER_ML);
    UNITS.put("ul/day", Volume.NL_PER_UL);
    UNITS.put("µl/day", Volume.NL_PER_UL);
    UNITS.put("ml/h", Volume.NL_PER_ML * 24);
    UNITS.put("ul/h", Volume.NL_PER_UL * 24);
    UNITS.put("µl/h", Volume.NL_PER_UL * 24);
  }

  public VolumeRate {
    if (nanolitresPerDay < 0) {
      throw new InvalidValueException(
          "volume rate", nanolitresPerDay + " nL/day", ">= 0", "a volume rate cannot be negative");
    }
  }

  public static VolumeRate ofMicrolitresPerDay(long ulPerDay) {
    return new VolumeRate(Math.multiplyExact(ulPerDay, Volume.NL_PER_UL));
  }

  /** Parses "0.7 mL/day", "48 uL/day", "1 mL/h" (x 24). A bare number is read in {@code defaultUnit} or refused when null. */
  public static VolumeRate parse(String text, String field, String defaultUnit) {
    long nl = Decimals.parse(text, field, UNITS, defaultUnit, "nL/day");
    if (nl < 0) {
      throw new InvalidValueException(field, text, ">= 0 mL/day", "a volume rate cannot be negative");
    }
    return new VolumeRate(nl);
  }

  /** The dose rate this volume rate delivers at {@code concentration}, rounded as asked. */
  public DoseRate doseRateAt(Concentration concentration, Rounding rounding) {
    return new DoseRate(
        Decimals.mulDiv(nanolitresPerDay, concentration.nanogramsPerMillilitre(), Volume.NL_PER_ML, rounding));
  }

  /** The exact dose rate, in nanograms per day, this volume rate delivers at {@code concentration}. */
  public Fraction exactDoseRateAt(Concentration concentration) {
    return Fraction.of(BigInteger.valueOf(nanolitresPerDay).multiply(BigInteger.valueOf(concentration.nanogramsPerMillilitre())),
        BigInteger.valueOf(Volume.NL_PER_ML));
  }

  public VolumeRate plus(VolumeRate other) {
    return new VolumeRate(Math.addExact(nanolitresPerDay, other.nanolitresPerDay));
  }

  /** The volume delivered per day, as a {@link Volume}. */
  public Volume perDay() {
    return new Volume(nanolitresPerDay);
  }

  public boolean isZero() {
    return nanolitresPerDay == 0;
  }

  /** mL/day to 3 decimals, half-up (display only). */
  public String millilitresPerDay() {
    return Decimals.format(nanolitresPerDay, Volume.NL_PER_ML, 3, RoundingMode.HALF_UP);
  }

  @Override
  public int compareTo(VolumeRate o) {
    return Long.compare(nanolitresPerDay, o.nanolitresPerDay);
  }

  @Override
  public String toString() {
    return millilitresPerDay() + " mL/day";
  }
}
