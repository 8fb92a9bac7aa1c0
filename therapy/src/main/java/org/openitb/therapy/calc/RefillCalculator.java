// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

/**
 * Plans the next refill from a fill. Guarantees: the fill volume is between 0 and the pump's
 * reservoir and the alarm volume within the model's settable range, or InvalidValueException
 * names the value and the range; {@code refillBy} is the earlier of (the conservative alarm date,
 * every allowed patient bolus used, minus the buffer) and ({@code at} plus the drug's maximum
 * days in the pump), never before {@code at} and never after the stability limit; every date is
 * rounded down to the minute.
 */
public final class RefillCalculator {
  /** Default days between the refill-by date and the conservative alarm date (clinical.md 3.5: book about a week early). */
  public static final int DEFAULT_BUFFER_DAYS = 7;
  /** Longest buffer accepted; beyond it a typo is likelier than intent. */
  public static final int MAX_BUFFER_DAYS = 60;

  private RefillCalculator() {}

  /** A plan with the model's default low-reservoir alarm and a {@value #DEFAULT_BUFFER_DAYS}-day buffer. */
  public static RefillPlan plan(PumpModel pump, Volume fillVolume, LocalDateTime at, Prescription prescription) {
    return plan(pump, fillVolume, at, prescription, pump.defaultLowReservoirAlarm(), DEFAULT_BUFFER_DAYS);
  }

  public static RefillPlan plan(
      PumpModel pump, Volume fillVolume, LocalDateTime at, Prescription prescription, Volume alarmVolume, int bufferDays) {
    return plan(pump, fillVolume, at, prescription, alarmVolume, bufferDays, null);
  }

  /**
   * The plan after a prescription change between refills: the forecast runs from the volume left at the change, at the
   * new prescription's rate, while the drug's stability limit still counts from the fill ({@code filledAt}): the drug
   * did not get younger when the dose changed. {@link RefillPlan#at()} is the change.
   */
  public static RefillPlan planAfterChange(PumpModel pump, LocalDateTime filledAt, Volume volumeAtChange, LocalDateTime changeAt,
      Prescription prescription, Volume alarmVolume, int bufferDays) {
    Objects.requireNonNull(filledAt, "filled at");
    if (changeAt.isBefore(filledAt)) {
      throw new InvalidValueException("change at", changeAt.toString(), "at or after the fill at " + filledAt,
          "a prescription change between refills comes after the fill it changes");
    }
    return plan(pump, volumeAtChange, changeAt, prescription, alarmVolume, bufferDays, filledAt.truncatedTo(ChronoUnit.MINUTES));
  }

  private static RefillPlan plan(PumpModel pump, Volume fillVolume, LocalDateTime at, Prescription prescription, Volume alarmVolume,
      int bufferDays, LocalDateTime filledAt) {
    Objects.requireNonNull(pump, "pump");
    Objects.requireNonNull(fillVolume, "fill volume");
    Objects.requireNonNull(alarmVolume, "alarm volume");
    if (fillVolume.isNegative() || fillVolume.compareTo(pump.reservoir()) > 0) {
      throw new InvalidValueException("fill volume", fillVolume.toString(),
          "0.000-" + pump.reservoir() + " (" + pump.name() + " reservoir)",
          "more than the reservoir holds (overfilling risks a pocket fill) or negative; check the volume");
    }
    if (!pump.isSettableLowReservoirAlarm(alarmVolume)) {
      throw new InvalidValueException("alarm volume", alarmVolume.toString(),
          pump.minLowReservoirAlarm().millilitres() + "-" + pump.maxLowReservoirAlarm() + " (" + pump.name() + ")",
          "not a settable low-reservoir alarm volume on this pump");
    }
    if (bufferDays < 0 || bufferDays > MAX_BUFFER_DAYS) {
      throw new InvalidValueException("buffer days", String.valueOf(bufferDays), "0-" + MAX_BUFFER_DAYS + " days",
          "buffer out of range");
    }
    ReservoirForecast forecast = ReservoirForecast.of(fillVolume, at, prescription, alarmVolume, pump.deliveryStopVolume());
    LocalDateTime start = forecast.at();
    LocalDateTime stability = (filledAt == null ? start : filledAt).plusDays(prescription.drug().maxDaysInPump());
    List<String> warnings = new ArrayList<>();
    if (fillVolume.compareTo(alarmVolume) <= 0) {
      warnings.add("the fill (" + fillVolume + ") is at or below the alarm volume (" + alarmVolume + "): the pump alarms at once");
    }
    LocalDateTime refillBy = stability;
    RefillPlan.Bound bound = RefillPlan.Bound.DRUG_STABILITY;
    Optional<LocalDateTime> consAlarm = forecast.conservativeAlarmAt();
    if (consAlarm.isPresent()) {
      LocalDateTime byAlarm = consAlarm.get().minusDays(bufferDays);
      if (!byAlarm.isAfter(stability)) {
        refillBy = byAlarm;
        bound = RefillPlan.Bound.LOW_RESERVOIR_ALARM;
      }
    }
    if (refillBy.isBefore(start)) {
      warnings.add(bound == RefillPlan.Bound.DRUG_STABILITY
          ? "the drug's stability limit " + stability + " has passed: refill-by is now"
          : "the conservative alarm date " + consAlarm.orElseThrow() + " is within the " + bufferDays
              + "-day buffer: refill-by is now; fill more or plan an earlier visit");
      refillBy = start;
    }
    return new RefillPlan(start, fillVolume, alarmVolume, bufferDays, forecast, stability,
        refillBy.truncatedTo(ChronoUnit.MINUTES), bound, warnings);
  }
}
