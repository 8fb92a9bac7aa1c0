// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.util.LinkedHashMap;
import java.util.Map;

/** An exact drug concentration in whole nanograms per millilitre (500 mcg/mL = 500 000 ng/mL). Always positive. */
public record Concentration(long nanogramsPerMillilitre) implements Comparable<Concentration> {
  private static final Map<String, Long> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("mcg/ml", Mass.NG_PER_MCG);
    UNITS.put("ug/ml", Mass.NG_PER_MCG);
    UNITS.put("µg/ml", Mass.NG_PER_MCG);
    UNITS.put("mg/ml", Mass.NG_PER_MG);
  }

  public Concentration {
    if (nanogramsPerMillilitre <= 0) {
      throw new InvalidValueException(
          "concentration", nanogramsPerMillilitre + " ng/mL", "> 0", "a concentration must be positive");
    }
  }

  public static Concentration ofMicrogramsPerMillilitre(long mcgPerMl) {
    return new Concentration(Math.multiplyExact(mcgPerMl, Mass.NG_PER_MCG));
  }

  /** Parses "500 mcg/mL", "2 mg/mL". A bare number is read in {@code defaultUnit} or refused when null. */
  public static Concentration parse(String text, String field, String defaultUnit) {
    long ng = Decimals.parse(text, field, UNITS, defaultUnit, "ng/mL");
    if (ng <= 0) {
      throw new InvalidValueException(field, text, "> 0 mcg/mL", "a concentration must be positive");
    }
    return new Concentration(ng);
  }

  /** Micrograms per millilitre, exactly ("500", "0.5"). */
  public String microgramsPerMillilitre() {
    return Decimals.formatExact(nanogramsPerMillilitre, Mass.NG_PER_MCG);
  }

  @Override
  public int compareTo(Concentration o) {
    return Long.compare(nanogramsPerMillilitre, o.nanogramsPerMillilitre);
  }

  @Override
  public String toString() {
    return microgramsPerMillilitre() + " mcg/mL";
  }
}
