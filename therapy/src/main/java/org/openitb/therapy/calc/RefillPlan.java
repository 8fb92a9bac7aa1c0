// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.openitb.therapy.units.Volume;

/**
 * The outcome of a refill: the forecast from the new fill and the date by which the next refill
 * must happen.
 *
 * @param at pump-local time of the refill, to the minute
 * @param fillVolume volume in the reservoir after the refill
 * @param alarmVolume low-reservoir alarm volume in force
 * @param bufferDays days kept between the refill-by date and the conservative alarm date
 * @param forecast alarm and empty dates from this fill, plain and conservative
 * @param stabilityLimit {@code at} plus the drug's maximum days in the pump
 * @param refillBy the earlier of (conservative alarm date minus the buffer) and the stability
 *     limit, never before {@code at}
 * @param boundBy which of the two limits set {@code refillBy}
 * @param warnings what a clinician must notice (e.g. an alarm expected within the buffer)
 */
public record RefillPlan(
    LocalDateTime at,
    Volume fillVolume,
    Volume alarmVolume,
    int bufferDays,
    ReservoirForecast forecast,
    LocalDateTime stabilityLimit,
    LocalDateTime refillBy,
    Bound boundBy,
    List<String> warnings) {

  /** The limit that set the refill-by date. */
  public enum Bound {
    /** The conservative low-reservoir alarm date minus the buffer. */
    LOW_RESERVOIR_ALARM,
    /** The drug's stability limit (maximum days in the pump). */
    DRUG_STABILITY
  }

  public RefillPlan {
    warnings = List.copyOf(warnings);
  }

  public DailyVolume dailyVolume() {
    return forecast.dailyVolume();
  }

  public Optional<LocalDateTime> alarmAt() {
    return forecast.alarmAt();
  }

  public Optional<LocalDateTime> emptyAt() {
    return forecast.emptyAt();
  }

  /** When the pump stops delivering (the model's stop volume reached); warn people with this, not {@link #emptyAt}. */
  public Optional<LocalDateTime> deliveryStopsAt() {
    return forecast.deliveryStopsAt();
  }

  /** {@link #deliveryStopsAt} with every allowed patient bolus used. */
  public Optional<LocalDateTime> conservativeDeliveryStopsAt() {
    return forecast.conservativeDeliveryStopsAt();
  }

  public Optional<LocalDateTime> conservativeAlarmAt() {
    return forecast.conservativeAlarmAt();
  }
}
