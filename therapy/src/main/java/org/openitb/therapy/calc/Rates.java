// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * Dose and volume conversions at a concentration, as the pump delivers them. Guarantees: every
 * conversion is exact when the result is a whole number of base units (ng, nL) and otherwise
 * rounds DOWN, so a pump programmed from these values never delivers more than prescribed (the
 * one exception is {@link #volumeToHold}, which rounds UP because it answers "how much to draw");
 * results too large to represent raise {@link InvalidValueException}, never overflow.
 */
public final class Rates {
  private Rates() {}

  /** The volume rate that delivers {@code dose} at {@code concentration}, rounded down. */
  public static VolumeRate volumeRate(DoseRate dose, Concentration concentration) {
    return new VolumeRate(Exact.toLong(dose.exactVolumeRateAt(concentration).floor(), "dose", dose + " at " + concentration));
  }

  /** The dose rate that {@code rate} delivers at {@code concentration}, rounded down. */
  public static DoseRate doseRate(VolumeRate rate, Concentration concentration) {
    return new DoseRate(Exact.toLong(rate.exactDoseRateAt(concentration).floor(), "volume rate", rate + " at " + concentration));
  }

  /** The volume the pump delivers for a bolus of {@code dose} at {@code concentration}, rounded down. */
  public static Volume volume(Mass dose, Concentration concentration) {
    requireNonNegative("dose", dose.nanograms(), dose.toString());
    return Exact.volume(dose.exactVolumeAt(concentration).floor(), "dose", dose + " at " + concentration);
  }

  /** The smallest volume that holds at least {@code dose} at {@code concentration} (rounded up: what to draw). */
  public static Volume volumeToHold(Mass dose, Concentration concentration) {
    requireNonNegative("dose", dose.nanograms(), dose.toString());
    return Exact.volume(dose.exactVolumeAt(concentration).ceil(), "dose", dose + " at " + concentration);
  }

  /** The drug mass {@code volume} holds at {@code concentration}, rounded down. */
  public static Mass mass(Volume volume, Concentration concentration) {
    requireNonNegative("volume", volume.nanolitres(), volume.toString());
    return Exact.mass(volume.exactMassAt(concentration).floor(), "volume", volume + " at " + concentration);
  }

  private static void requireNonNegative(String field, long value, String shown) {
    if (value < 0) {
      throw new InvalidValueException(field, shown, ">= 0", "cannot be negative");
    }
  }
}
