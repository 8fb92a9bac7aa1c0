// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import java.math.BigInteger;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * The one unit of delivery accounting: 1 unit = 1/432 000 000 ng of drug. It is chosen so that
 * every quantity the dose engine meets is a whole number of units:
 *
 * <ul>
 *   <li>a dose rate of d ng/day is exactly 5·d units per millisecond (432e6 / 86.4e6 = 5);
 *   <li>a bolus of m ng is 432e6·m units;
 *   <li>v nL at c ng/mL holds v·c·432 units (432e6 / 1e6), so one stroke is a whole number of units.
 * </ul>
 *
 * Because the unit is a mass, a concentration change only changes the size of a stroke; the owed
 * fraction of a stroke is carried across it as drug, without rounding.
 */
public final class DeliveryUnits {
  public static final long DAY_MILLIS = 86_400_000L;
  static final long NANOLITRES_PER_MILLILITRE = 1_000_000L;
  /** Units per millisecond for a rate of one nanogram per day. */
  static final long PER_MILLI_PER_NANOGRAM_PER_DAY = 5;
  /** Units in one nanogram. */
  static final long PER_NANOGRAM = PER_MILLI_PER_NANOGRAM_PER_DAY * DAY_MILLIS;
  /** Units in one nanolitre at one nanogram per millilitre. */
  public static final long PER_NANOLITRE_PER_NANOGRAM_PER_MILLILITRE = PER_NANOGRAM / NANOLITRES_PER_MILLILITRE;
  /** "No deadline." */
  public static final long NEVER = Long.MAX_VALUE;

  private DeliveryUnits() {}

  public static long perMilli(DoseRate rate) {
    return Math.multiplyExact(rate.nanogramsPerDay(), PER_MILLI_PER_NANOGRAM_PER_DAY);
  }

  public static long ofMass(Mass mass) {
    return Math.multiplyExact(mass.nanograms(), PER_NANOGRAM);
  }

  public static long ofVolume(Volume volume, Concentration concentration) {
    return Math.multiplyExact(
        Math.multiplyExact(volume.nanolitres(), concentration.nanogramsPerMillilitre()),
        PER_NANOLITRE_PER_NANOGRAM_PER_MILLILITRE);
  }

  /** The whole nanograms in {@code units}, rounded down. */
  public static Mass massDown(long units) {
    return new Mass(Math.floorDiv(units, PER_NANOGRAM));
  }

  /** The highest whole rate in units per millisecond that stays within {@code rate} at {@code concentration}. */
  public static long maxPerMilli(VolumeRate rate, Concentration concentration) {
    return BigInteger.valueOf(rate.nanolitresPerDay())
        .multiply(BigInteger.valueOf(concentration.nanogramsPerMillilitre()))
        .multiply(BigInteger.valueOf(PER_NANOLITRE_PER_NANOGRAM_PER_MILLILITRE))
        .divide(BigInteger.valueOf(DAY_MILLIS))
        .min(BigInteger.valueOf(Long.MAX_VALUE))
        .longValueExact();
  }
}
