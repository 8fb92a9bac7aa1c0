// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

/**
 * An intrathecal catheter model: its internal volume per centimetre of implanted length and the
 * lengths it comes in. The volume per cm is unconfirmed in the reference, so {@link #GENERIC}
 * carries a documented default (2.2 µL/cm, which with the 0.140 mL pump tubing gives the 0.25 mL
 * dead space of clinical.md 3.6's worked example at 50 cm).
 */
public record CatheterModel(String name, Volume volumePerCm, int minLengthCm, int maxLengthCm) {
  public static final CatheterModel GENERIC = new CatheterModel("generic intrathecal", Volume.ofNanolitres(2_200), 5, 150);

  public CatheterModel {
    if (!volumePerCm.isPositive() || minLengthCm < 1 || minLengthCm > maxLengthCm) {
      throw new InvalidValueException(
          "catheterModel " + name, volumePerCm + "/cm, " + minLengthCm + "-" + maxLengthCm + " cm",
          "volume > 0 and 1 <= min <= max cm", "inconsistent catheter model");
    }
  }

  /** The fluid volume of {@code lengthCm} implanted centimetres; refuses lengths outside the model's range. */
  public Volume volume(int lengthCm) {
    if (lengthCm < minLengthCm || lengthCm > maxLengthCm) {
      throw new InvalidValueException(
          "catheterLengthCm", String.valueOf(lengthCm), minLengthCm + "-" + maxLengthCm + " cm",
          "catheter length out of range for " + name);
    }
    return volumePerCm.times(lengthCm);
  }
}
