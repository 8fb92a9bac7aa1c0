// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

/**
 * How a bolus of {@code totalUnits} spreads over {@code durationMillis}: a constant whole rate q =
 * total / duration, and q + 1 over the last (total mod duration) milliseconds. The total is exact;
 * a whole bolus is never ahead of a perfectly uniform one and behind it by at most duration / 4
 * units (0.05 ng for a 24 h bolus). A window entered part-way (a program or clock change during a
 * scheduled bolus) can lead by the same amount.
 */
public record BolusShape(long totalUnits, long durationMillis) {
  public BolusShape {
    if (totalUnits <= 0 || durationMillis <= 0) {
      throw new IllegalArgumentException("bolus " + totalUnits + " units over " + durationMillis + " ms");
    }
  }

  private long base() {
    return totalUnits / durationMillis;
  }

  /** When the remainder's extra unit per millisecond starts. */
  private long extraFrom() {
    return durationMillis - totalUnits % durationMillis;
  }

  /** The rate {@code elapsed} ms after the bolus started (0 before and after it). */
  long rateAt(long elapsed) {
    if (elapsed < 0 || elapsed >= durationMillis) {
      return 0;
    }
    return elapsed < extraFrom() ? base() : base() + 1;
  }

  /** Elapsed time of the next rate change after {@code elapsed}, or {@link DeliveryUnits#NEVER} once over. */
  long nextChangeAt(long elapsed) {
    if (elapsed < 0) {
      return 0;
    }
    if (elapsed < extraFrom()) {
      return extraFrom();
    }
    return elapsed < durationMillis ? durationMillis : DeliveryUnits.NEVER;
  }

  /** The highest rate of the bolus. */
  public long peakRate() {
    return extraFrom() < durationMillis ? base() + 1 : base();
  }
}
