// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import java.time.Duration;
import java.time.Period;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * What one implantable pump model can do. Firmware enforces these as hard limits; programmers and
 * the clinic read them to validate and to compute dates. Values come from
 * ../shared/reference/clinical.md; those it marks unconfirmed are parameters of the model with the
 * defaults of {@link PumpModels}, never constants in code.
 *
 * @param reservoir nominal reservoir volume; a fill above it is refused
 * @param pumpTubing internal tubing volume from reservoir to catheter port (0.140 mL)
 * @param minRate lowest programmable non-zero basal rate (unconfirmed)
 * @param maxRate highest programmable rate, boluses included (unconfirmed)
 * @param strokeVolume volume of one motor stroke (unconfirmed)
 * @param defaultLowReservoirAlarm low-reservoir alarm volume unless the clinician sets another (2 mL)
 * @param minLowReservoirAlarm lowest settable low-reservoir alarm volume (unconfirmed)
 * @param maxLowReservoirAlarm highest settable low-reservoir alarm volume (unconfirmed)
 * @param refillDiscrepancyLimit expected-vs-withdrawn difference beyond which a refill is flagged
 * @param maxFlexSteps most steps in a 24 h flex schedule (unconfirmed, often 10)
 * @param eriToEndOfService time from the replacement indicator to end of service (90 days)
 * @param maxServiceLife hard life limit after which the pump stops (7 years)
 * @param nonCriticalAlarmRepeat how often a single-tone alarm repeats (about hourly)
 * @param criticalAlarmRepeat how often a two-tone alarm repeats (unconfirmed)
 * @param deliveryStopVolume the believed reservoir volume below which the firmware takes no further
 *     stroke (delivery stops; RESERVOIR_EMPTY). Below the lowest settable alarm volume, so the
 *     low-reservoir alarm always comes first. It keeps the rotor wet when the belief over-states
 *     the truth. Calculators forecast {@code deliveryStopsAt} with it; {@code emptyAt} stays the
 *     physical 0 mL.
 * @param maxMriFieldMilliTesla the strongest static MRI field the pump is labelled for (1.5 T,
 *     clinical.md 1.5); a stronger scan is outside the labelling and is flagged
 * @param secondPerson which therapy changes the pump commits only with a second clinician's
 *     co-signature, verified by the pump itself
 * @param bridgeMarginPpm the largest systematic over- or under-delivery (ppm of volume) a pump of
 *     this model may have. A bridge bolus is shortened by it when the concentration rises, so
 *     that its error lands on the under-dose side: a bridge that outruns the dead volume pushes
 *     the new, stronger drug at the old volume rate (the overdoses behind the 2016 correction of
 *     the pump tubing volume, clinical.md 3.6). When the concentration falls the bridge is the
 *     dead volume itself, since a bridge may not exceed the fluid path (BridgeBolus)
 */
public record PumpModel(
    String name,
    Volume reservoir,
    Volume pumpTubing,
    VolumeRate minRate,
    VolumeRate maxRate,
    Volume strokeVolume,
    Volume defaultLowReservoirAlarm,
    Volume minLowReservoirAlarm,
    Volume maxLowReservoirAlarm,
    Volume refillDiscrepancyLimit,
    int maxFlexSteps,
    Duration eriToEndOfService,
    Period maxServiceLife,
    Duration nonCriticalAlarmRepeat,
    Duration criticalAlarmRepeat,
    Volume deliveryStopVolume,
    long maxMriFieldMilliTesla,
    SecondPersonRule secondPerson,
    long bridgeMarginPpm) {

  /** The largest bridge margin a model may declare: beyond it the bridge would hardly bridge. */
  public static final long MAX_BRIDGE_MARGIN_PPM = 200_000;

  public PumpModel {
    if (!reservoir.isPositive() || !strokeVolume.isPositive() || !pumpTubing.isPositive()) {
      throw new InvalidValueException(
          "pumpModel " + name, reservoir + ", stroke " + strokeVolume + ", tubing " + pumpTubing,
          "> 0", "volumes of a pump model must be positive");
    }
    if (minRate.compareTo(maxRate) > 0 || minRate.isZero()) {
      throw new InvalidValueException(
          "pumpModel " + name, minRate + ".." + maxRate, "0 < minRate <= maxRate", "inconsistent rate range");
    }
    if (minLowReservoirAlarm.compareTo(defaultLowReservoirAlarm) > 0
        || defaultLowReservoirAlarm.compareTo(maxLowReservoirAlarm) > 0
        || maxLowReservoirAlarm.compareTo(reservoir) >= 0) {
      throw new InvalidValueException(
          "pumpModel " + name, minLowReservoirAlarm + " <= " + defaultLowReservoirAlarm + " <= " + maxLowReservoirAlarm,
          "min <= default <= max < reservoir", "inconsistent low-reservoir alarm range");
    }
    if (deliveryStopVolume.isNegative() || deliveryStopVolume.compareTo(minLowReservoirAlarm) >= 0) {
      throw new InvalidValueException(
          "pumpModel " + name, deliveryStopVolume.toString(), "0 mL <= stop volume < " + minLowReservoirAlarm,
          "the delivery stop volume must lie below every settable alarm volume");
    }
    if (maxMriFieldMilliTesla <= 0) {
      throw new InvalidValueException("pumpModel " + name, maxMriFieldMilliTesla + " mT", "> 0 mT", "no MRI field limit");
    }
    java.util.Objects.requireNonNull(secondPerson, "secondPerson");
    if (bridgeMarginPpm < 0 || bridgeMarginPpm > MAX_BRIDGE_MARGIN_PPM) {
      throw new InvalidValueException("pumpModel " + name, bridgeMarginPpm + " ppm", "0-" + MAX_BRIDGE_MARGIN_PPM + " ppm",
          "not a plausible flow-accuracy margin for a bridge bolus");
    }
    if (maxFlexSteps < 1) {
      throw new InvalidValueException("pumpModel " + name, String.valueOf(maxFlexSteps), ">= 1", "no flex steps");
    }
  }

  /** True when {@code alarm} is a settable low-reservoir alarm volume for this model. */
  public boolean isSettableLowReservoirAlarm(Volume alarm) {
    return alarm.compareTo(minLowReservoirAlarm) >= 0 && alarm.compareTo(maxLowReservoirAlarm) <= 0;
  }

  /** True when {@code rate} is zero or within the programmable range. */
  public boolean isProgrammableRate(VolumeRate rate) {
    return rate.isZero() || (rate.compareTo(minRate) >= 0 && rate.compareTo(maxRate) <= 0);
  }
}
