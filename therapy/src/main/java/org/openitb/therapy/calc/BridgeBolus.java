// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * The bridge bolus after a refill at a different concentration, and what skipping it would do
 * (clinical.md 3.6; the formula is derived from first principles, the manufacturer's exact
 * implementation is unconfirmed).
 *
 * <p>The dead volume (pump tubing + catheter) still holds old-concentration drug. The bridge
 * delivers that volume at the old volume rate (dose / old concentration), which keeps the daily
 * dose, then the pump switches to the new rate (dose / new concentration). Without the bridge the
 * pump runs the new rate at once and pushes the old drug out at it, so the patient gets old/new
 * concentration of the dose (25 % for 500 to 2000 mcg/mL: an under-dose; above 100 % after a
 * decrease: an over-dose) until the dead volume is cleared.
 *
 * <p>A real pump moves a little more or less than its nominal volume, so a bridge of exactly the
 * dead volume ends a little late or early. Late is an over-dose when the concentration rises (the
 * new, stronger drug at the old volume rate: the hour a bridge ended delivered 7.7 mcg instead of
 * 12.5 in the 500 -> 2000 mcg/mL example with a +1 % pump); early is an over-dose when it falls
 * (old, stronger drug at the new volume rate). So the bridge volume the pump is given is the dead
 * volume less the model's {@link PumpModel#bridgeMarginPpm() margin} when the concentration rises:
 * the error of a pump within the margin is then a short under-dose. When it falls the bridge is the
 * dead volume (a bridge may not exceed the fluid path), so only a pump that under-delivers leaves a
 * little of the old, stronger drug for the new rate.
 *
 * <p>Guarantees: rates are rounded DOWN as the pump runs them and times are computed exactly from
 * those rates; {@code bridgeDuration} is rounded UP to the minute so the bridge never runs faster
 * than the old rate; {@code affectedWithoutBridge} is rounded UP (the wrong-dose period is never
 * understated), and {@code doseRateWithoutBridge} is rounded away from the prescribed dose (the
 * error is never understated). Percentages and hours are exact fractions; round only to display.
 *
 * @param bridgeVolume the volume the pump is given for the bridge: the dead volume with the margin
 *     towards under-dose when the concentration rises, in whole microlitres rounded down; the dead
 *     volume otherwise
 * @param bridgeRate the old volume rate, at which the bridge volume is delivered
 * @param bridgeHours exact hours the bridge takes at {@code bridgeRate}
 * @param bridgeDose the drug delivered by the bridge (bridge volume at the old concentration, rounded down)
 * @param newRate the volume rate after the switch
 * @param doseWithoutBridgePercent delivered dose as a percentage of the prescribed one while the dead volume clears without a bridge
 * @param hoursAffectedWithoutBridge exact hours the dead volume takes to clear at the new rate
 */
public record BridgeBolus(
    DoseRate dailyDose,
    Concentration oldConcentration,
    Concentration newConcentration,
    Volume deadVolume,
    Volume bridgeVolume,
    VolumeRate bridgeRate,
    Duration bridgeDuration,
    Fraction bridgeHours,
    Mass bridgeDose,
    VolumeRate newRate,
    Fraction doseWithoutBridgePercent,
    DoseRate doseRateWithoutBridge,
    Duration affectedWithoutBridge,
    Fraction hoursAffectedWithoutBridge,
    Effect effectWithoutBridge) {

  /** Largest dead volume accepted; catheter plus tubing is well under 1 mL, so more is an entry error. */
  public static final Volume MAX_DEAD_VOLUME = Volume.ofMillilitres(10);
  private static final long PPM = 1_000_000;
  private static final long NL_PER_UL = 1_000;

  /** What skipping the bridge does to the delivered dose. */
  public enum Effect {
    /** The concentration rises: old drug is pushed out too slowly. */
    UNDER_DOSE,
    /** The concentration falls: old drug is pushed out too fast. */
    OVER_DOSE,
    /** Same concentration: no bridge needed. */
    NONE
  }

  /** Pump tubing plus {@code lengthCm} of the catheter model; the catheter refuses lengths it does not come in. */
  public static Volume deadVolume(Volume pumpTubing, CatheterModel catheter, int lengthCm) {
    return pumpTubing.plus(catheter.volume(lengthCm));
  }

  /** The bridge {@code model} needs: the dead volume with the model's margin towards under-dose. */
  public static BridgeBolus of(DoseRate dailyDose, Concentration oldConcentration, Concentration newConcentration, Volume deadVolume,
      PumpModel model) {
    return of(dailyDose, oldConcentration, newConcentration, deadVolume, model.bridgeMarginPpm());
  }

  /** The first-principles bridge of a pump that moves exactly its nominal volume (no margin). */
  public static BridgeBolus of(DoseRate dailyDose, Concentration oldConcentration, Concentration newConcentration, Volume deadVolume) {
    return of(dailyDose, oldConcentration, newConcentration, deadVolume, 0);
  }

  /**
   * Computes the bridge with a margin of {@code marginPpm} towards under-dose. Refuses (InvalidValueException) a zero dose, a dead volume outside
   * 0 < V <= {@link #MAX_DEAD_VOLUME}, and a dose too small to be a single nL/day at either
   * concentration.
   */
  public static BridgeBolus of(DoseRate dailyDose, Concentration oldConcentration, Concentration newConcentration, Volume deadVolume,
      long marginPpm) {
    Objects.requireNonNull(dailyDose, "dose");
    Objects.requireNonNull(oldConcentration, "old concentration");
    Objects.requireNonNull(newConcentration, "new concentration");
    Objects.requireNonNull(deadVolume, "dead volume");
    if (dailyDose.isZero()) {
      throw new InvalidValueException("dose", dailyDose.toString(), "> 0 mcg/day", "a bridge needs the daily dose it keeps");
    }
    if (!deadVolume.isPositive() || deadVolume.compareTo(MAX_DEAD_VOLUME) > 0) {
      throw new InvalidValueException("dead volume", deadVolume.toString(), "0.001-" + MAX_DEAD_VOLUME,
          "not a plausible pump tubing + catheter volume; check the catheter length and volume per cm");
    }
    if (marginPpm < 0 || marginPpm > PumpModel.MAX_BRIDGE_MARGIN_PPM) {
      throw new InvalidValueException("bridge margin", marginPpm + " ppm", "0-" + PumpModel.MAX_BRIDGE_MARGIN_PPM + " ppm",
          "not a plausible flow-accuracy margin");
    }
    VolumeRate oldRate = rate(dailyDose, oldConcentration, "old concentration");
    VolumeRate newRate = rate(dailyDose, newConcentration, "new concentration");
    Fraction dead = Fraction.of(deadVolume.nanolitres());
    int cmp = oldConcentration.compareTo(newConcentration);
    Effect effect = cmp < 0 ? Effect.UNDER_DOSE : cmp > 0 ? Effect.OVER_DOSE : Effect.NONE;
    Volume bridgeVolume = volume(deadVolume, oldConcentration, newConcentration, marginPpm);
    Fraction bridgeDays = Fraction.of(bridgeVolume.nanolitres()).dividedBy(Fraction.of(oldRate.nanolitresPerDay()));
    Fraction affectedDays = dead.dividedBy(Fraction.of(newRate.nanolitresPerDay()));
    Fraction deliveredNg = Fraction.of(dailyDose.nanogramsPerDay())
        .times(Fraction.of(oldConcentration.nanogramsPerMillilitre(), newConcentration.nanogramsPerMillilitre()));
    // Away from the prescribed dose: down for an under-dose, up for an over-dose.
    BigInteger delivered = effect == Effect.OVER_DOSE ? deliveredNg.ceil() : deliveredNg.floor();
    return new BridgeBolus(dailyDose, oldConcentration, newConcentration, deadVolume, bridgeVolume,
        oldRate, minutesUp(bridgeDays), bridgeDays.times(24), Rates.mass(bridgeVolume, oldConcentration),
        newRate, Fraction.percent(oldConcentration.nanogramsPerMillilitre(), newConcentration.nanogramsPerMillilitre()),
        new DoseRate(Exact.toLong(delivered, "dose", dailyDose.toString())),
        minutesUp(affectedDays), affectedDays.times(24), effect);
  }

  /**
   * The volume to give the pump for a bridge over {@code deadVolume}: less {@code marginPpm} (rounded
   * down to the microlitre) when the concentration rises, so that a pump that over-delivers within
   * the margin never pushes the stronger drug at the old volume rate; the dead volume otherwise (a
   * bridge may not exceed the fluid path).
   */
  public static Volume volume(Volume deadVolume, Concentration oldConcentration, Concentration newConcentration, long marginPpm) {
    int cmp = oldConcentration.compareTo(newConcentration);
    if (cmp >= 0 || marginPpm == 0) {
      // Falling: running past the dead volume would be the safe side, but a bridge may not exceed the fluid
      // path (programmer and pump refuse it: drug beyond the catheter tip at bolus rate), so it is the dead
      // volume; only a pump that under-delivers leaves a little old drug for the new rate (README).
      return deadVolume;
    }
    // whole microlitres, so that the 3-decimal mL a screen shows is exactly what the pump is given
    Fraction microlitres = Fraction.of(deadVolume.nanolitres(), NL_PER_UL).times(Fraction.of(PPM + (cmp > 0 ? marginPpm : -marginPpm), PPM));
    Volume v = Volume.ofMicrolitres(Exact.toLong(cmp > 0 ? microlitres.ceil() : microlitres.floor(), "dead volume", deadVolume.toString()));
    if (!v.isPositive()) {
      throw new InvalidValueException("dead volume", deadVolume.toString(), "at least 0.001 mL beyond the pump's accuracy margin",
          "too small for a bridge: check the catheter length and volume per cm");
    }
    return v;
  }

  /** True when the concentration changes, so a bridge must be programmed. */
  public boolean required() {
    return effectWithoutBridge != Effect.NONE;
  }

  private static VolumeRate rate(DoseRate dose, Concentration c, String which) {
    VolumeRate r = Rates.volumeRate(dose, c);
    if (r.isZero()) {
      throw new InvalidValueException("dose", dose + " at " + c + " (" + which + ")", "a dose of at least 1 nL/day at this concentration",
          "the volume rate rounds to 0 nL/day, so the dead volume would never clear");
    }
    return r;
  }

  private static Duration minutesUp(Fraction days) {
    return Duration.ofMinutes(days.times(Exact.MINUTES_PER_DAY).ceil().longValueExact());
  }
}
