// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

/**
 * When the reservoir reaches the low-reservoir alarm volume, when the pump stops delivering
 * ({@code deliveryStopsAt}: the belief reaches the pump model's delivery stop volume, 0.5 mL on the
 * default models) and when it would be physically empty ({@code emptyAt}, 0 mL), from the volume
 * in it at pump-local {@code at}, following the prescription exactly (flex steps at their
 * pump-local times, scheduled boluses at theirs). The plain dates count no patient boluses; the
 * conservative ones assume every allowed patient bolus is used, all of each 24 h window's
 * allowance (counted from {@code at}) at the window's start, which is never later than any real
 * use could make it.
 *
 * <p>Guarantees: arithmetic is exact (rational nanolitres over seconds); {@code at} is truncated
 * to the second and every instant is rounded DOWN to the minute, so a forecast is never later
 * than the truth of the programmed delivery. A reservoir already at or below the threshold gives
 * {@code at} itself. An instant is empty, with a reason in {@code notes}, when nothing is ever
 * consumed (stopped, or a rate that rounds to zero) or when it lies beyond {@link #HORIZON} after
 * {@code at}: no date past the horizon is ever produced. The conservative dates are never later
 * than the plain ones, and alarm dates never later than empty dates.
 *
 * <p>Warn people with {@code deliveryStopsAt} / {@code conservativeDeliveryStopsAt}: therapy ends
 * then, hours to days before {@code emptyAt}.
 *
 * @param at the pump-local time of the reservoir reading, truncated to the minute for display
 * @param stopVolume the believed volume at which delivery stops (the pump model's)
 * @param horizonEnd the end of the search horizon; empty instants may lie beyond it
 */
public record ReservoirForecast(
    LocalDateTime at,
    Volume reservoir,
    Volume alarmVolume,
    DailyVolume dailyVolume,
    Optional<LocalDateTime> alarmAt,
    Optional<LocalDateTime> emptyAt,
    Optional<LocalDateTime> conservativeAlarmAt,
    Optional<LocalDateTime> conservativeEmptyAt,
    Volume stopVolume,
    Optional<LocalDateTime> deliveryStopsAt,
    Optional<LocalDateTime> conservativeDeliveryStopsAt,
    LocalDateTime horizonEnd,
    List<String> notes) {

  /** How far ahead the forecast looks; a date beyond it is reported as not within the horizon. */
  public static final Period HORIZON = Period.ofYears(10);

  public ReservoirForecast {
    notes = List.copyOf(notes);
  }

  /**
   * Forecasts for a pump that delivers to the last drop (stop volume 0 mL): {@code deliveryStopsAt}
   * equals {@code emptyAt}. Use {@link RefillCalculator} or the five-argument form for a real
   * pump model.
   */
  public static ReservoirForecast of(Volume reservoir, LocalDateTime at, Prescription prescription, Volume alarmVolume) {
    return of(reservoir, at, prescription, alarmVolume, Volume.ZERO);
  }

  /**
   * Forecasts from {@code reservoir} at {@code at}. Refuses (InvalidValueException) a negative
   * reservoir or alarm volume and an implausible date; the alarm volume's settable range is the
   * pump model's business and is checked by {@link RefillCalculator}.
   */
  public static ReservoirForecast of(
      Volume reservoir, LocalDateTime at, Prescription prescription, Volume alarmVolume, Volume stopVolume) {
    Objects.requireNonNull(prescription, "prescription");
    requireNonNegative("stop volume", stopVolume);
    requireNonNegative("reservoir volume", reservoir);
    requireNonNegative("alarm volume", alarmVolume);
    LocalDateTime base = PumpTime.check("at", at).truncatedTo(ChronoUnit.SECONDS);
    ConsumptionProfile profile = ConsumptionProfile.of(prescription);
    DailyVolume daily = DailyVolume.of(profile, prescription);
    List<ConsumptionProfile.Segment> window = profile.window(base.toLocalTime().toSecondOfDay());
    LocalDateTime horizonEnd = base.plus(HORIZON);
    long horizonSeconds = Duration.between(base, horizonEnd).toSeconds();
    Fraction toAlarm = Exact.nl(reservoir).minus(Exact.nl(alarmVolume));
    Fraction toEmpty = Exact.nl(reservoir);
    Fraction toStop = Exact.nl(reservoir).minus(Exact.nl(stopVolume));
    List<String> notes = new ArrayList<>();
    if (toAlarm.signum() <= 0) {
      notes.add("the reservoir (" + reservoir + ") is already at or below the alarm volume (" + alarmVolume + ")");
    }
    Crossing c = new Crossing(profile, window, base, horizonSeconds, notes);
    Optional<LocalDateTime> alarm = c.find("alarmAt", toAlarm, false);
    Optional<LocalDateTime> empty = c.find("emptyAt", toEmpty, false);
    Optional<LocalDateTime> consAlarm = c.find("conservativeAlarmAt", toAlarm, true);
    Optional<LocalDateTime> consEmpty = c.find("conservativeEmptyAt", toEmpty, true);
    Optional<LocalDateTime> stop = toStop.signum() <= 0 ? Optional.of(base) : c.find("deliveryStopsAt", toStop, false);
    Optional<LocalDateTime> consStop = toStop.signum() <= 0 ? Optional.of(base) : c.find("conservativeDeliveryStopsAt", toStop, true);
    if (prescription.patientBolus().isEmpty()) {
      notes.add("no patient bolus allowance: the conservative dates equal the plain ones");
    }
    return new ReservoirForecast(base.truncatedTo(ChronoUnit.MINUTES), reservoir, alarmVolume, daily,
        alarm, empty, consAlarm, consEmpty, stopVolume, stop.map(t -> t.truncatedTo(ChronoUnit.MINUTES)),
        consStop.map(t -> t.truncatedTo(ChronoUnit.MINUTES)), horizonEnd.truncatedTo(ChronoUnit.MINUTES), notes);
  }

  private static void requireNonNegative(String field, Volume v) {
    Objects.requireNonNull(v, field);
    if (v.isNegative()) {
      throw new InvalidValueException(field, v.toString(), ">= 0 mL", "a volume cannot be negative");
    }
  }

  /** Finds one crossing and explains an empty result. */
  private record Crossing(
      ConsumptionProfile profile, List<ConsumptionProfile.Segment> window, LocalDateTime base, long horizonSeconds, List<String> notes) {
    Optional<LocalDateTime> find(String name, Fraction amount, boolean withPatientBoluses) {
      Optional<BigInteger> seconds = profile.secondsToConsume(amount, window, withPatientBoluses);
      if (seconds.isEmpty()) {
        notes.add(name + ": never reached, the prescription " + (withPatientBoluses ? "and patient allowance consume" : "consumes")
            + " nothing (stopped, or rates that round to 0 nL/day)");
        return Optional.empty();
      }
      if (seconds.get().compareTo(BigInteger.valueOf(horizonSeconds)) > 0) {
        notes.add(name + ": not within the " + HORIZON.getYears() + "-year forecast horizon (until "
            + base.plusSeconds(horizonSeconds).truncatedTo(ChronoUnit.MINUTES) + ")");
        return Optional.empty();
      }
      return Optional.of(base.plusSeconds(seconds.get().longValueExact()).truncatedTo(ChronoUnit.MINUTES));
    }
  }
}
