// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import org.openitb.firmware.hal.BatteryGauge;

/**
 * The true battery charge in nanoampere-hours and the gauge the firmware reads. The gauge reports
 * the true remaining charge (a coulomb counter calibrated to the cell), floored to whole µAh, and
 * the voltage from {@link VoltageCurve}; the rated capacity it reports never changes, so a sudden
 * capacity loss shows as a sudden fall of the remaining charge.
 *
 * <p>Guarantees: the charge never rises and never goes below zero; the idle drain is integrated
 * exactly (the sub-nAh remainder is carried), so how often the clock is settled does not change
 * the result. When the charge reaches zero the depletion handler runs once.
 */
final class BatteryCell implements BatteryGauge {
  static final long NANOAMP_HOURS_PER_MICROAMP_HOUR = 1_000;
  static final long MILLIS_PER_HOUR = 3_600_000;

  private final long capacityNanoampHours;
  private final Runnable onDepleted;
  private long remainingNanoampHours;
  private long idleNanoampHoursPerHour;
  /** Idle drain not yet taken, in nAh x ms / h (less than one nAh). */
  private long idleRemainder;
  private long settledAtMillis;
  private boolean depleted;

  BatteryCell(HardwareParameters.Battery parameters, long startMillis, Runnable onDepleted) {
    this.capacityNanoampHours = parameters.capacityNanoampHours();
    this.remainingNanoampHours = capacityNanoampHours;
    this.idleNanoampHoursPerHour = parameters.idleNanoampHoursPerHour();
    this.settledAtMillis = startMillis;
    this.onDepleted = onDepleted;
  }

  /** Takes {@code nanoampHours}; false (and nothing left) when the cell could not supply it all. */
  boolean drain(long nanoampHours) {
    if (depleted) {
      return false;
    }
    if (nanoampHours < remainingNanoampHours) {
      remainingNanoampHours -= nanoampHours;
      return true;
    }
    remainingNanoampHours = 0;
    depleted = true;
    onDepleted.run();
    return false;
  }

  /** Takes the idle drain from the last settlement up to {@code nowMillis}. */
  void settleIdle(long nowMillis) {
    long elapsed = nowMillis - settledAtMillis;
    settledAtMillis = nowMillis;
    if (elapsed <= 0 || depleted || idleNanoampHoursPerHour == 0) {
      return;
    }
    if (elapsed > (Long.MAX_VALUE - MILLIS_PER_HOUR) / idleNanoampHoursPerHour) {
      drain(remainingNanoampHours); // centuries of idle drain: far beyond any cell's capacity
      return;
    }
    long numerator = elapsed * idleNanoampHoursPerHour + idleRemainder;
    idleRemainder = numerator % MILLIS_PER_HOUR;
    drain(numerator / MILLIS_PER_HOUR);
  }

  /** Adds a permanent extra drain (a feedthrough short); settle the idle drain first. */
  void addIdleDrain(long nanoampHoursPerHour) {
    idleNanoampHoursPerHour = Math.addExact(idleNanoampHoursPerHour, nanoampHoursPerHour);
  }

  /** Loses {@code lossPpm} of the remaining charge at once (rounded down; a loss of all depletes). */
  void loseFractionOfRemaining(long lossPpm) {
    long loss = Math.multiplyExact(remainingNanoampHours, lossPpm) / Fault.PPM;
    if (lossPpm == Fault.PPM) {
      loss = remainingNanoampHours;
    }
    if (loss > 0) {
      drain(loss);
    }
  }

  boolean depleted() {
    return depleted;
  }

  long remainingNanoampHours() {
    return remainingNanoampHours;
  }

  long capacityNanoampHours() {
    return capacityNanoampHours;
  }

  @Override
  public long remainingMicroampHours() {
    return remainingNanoampHours / NANOAMP_HOURS_PER_MICROAMP_HOUR;
  }

  @Override
  public long capacityMicroampHours() {
    return capacityNanoampHours / NANOAMP_HOURS_PER_MICROAMP_HOUR;
  }

  @Override
  public int voltageMillivolts() {
    return VoltageCurve.millivolts(remainingNanoampHours, capacityNanoampHours);
  }
}
