// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.fast;

import org.openitb.hardware.HardwareParameters;

/**
 * The battery charge in closed form: capacity minus the idle drain integrated exactly over time,
 * minus a fixed cost per motor stroke attempt and per second of alarm tone (the hardware's {@link
 * HardwareParameters.Battery} model), plus the firmware's daily charge samples (the 7-day window of
 * its consumption estimate). Nothing is simulated per stroke: strokes and tone seconds are counts.
 */
final class PowerAccount {
  static final long HOUR = 3_600_000L;
  static final int WINDOW = 8;
  static final long CRITICAL_TONE_SECONDS = 3;
  static final long NON_CRITICAL_TONE_SECONDS = 1;

  final HardwareParameters.Battery battery;
  final long bootAt;
  long strokeAttempts;
  long toneSeconds;
  final long[] sampleTimes = new long[WINDOW];
  final long[] sampleCharges = new long[WINDOW];
  int samples;
  long nextSampleAt;

  PowerAccount(HardwareParameters.Battery battery, long bootAt) {
    this.battery = battery;
    this.bootAt = bootAt;
  }

  /** Remaining charge in nAh with the strokes and tones counted so far. */
  long remainingNanoampHours(long now) {
    long idle = Math.multiplyExact(now - bootAt, battery.idleNanoampHoursPerHour()) / HOUR;
    long used = idle + strokeAttempts * battery.strokeNanoampHours() + toneSeconds * battery.toneNanoampHoursPerSecond();
    return Math.max(0, battery.capacityNanoampHours() - used);
  }

  /** What the gauge reads (whole µAh). */
  long remainingMicroampHours(long now) {
    return remainingNanoampHours(now) / 1000;
  }

  long capacityMicroampHours() {
    return battery.capacityNanoampHours() / 1000;
  }

  /** The firmware's daily sample (at its first checkpoint on or after the sample time). */
  void sample(long now, long remaining) {
    if (now < nextSampleAt) {
      return;
    }
    nextSampleAt = now + DeliveryProfile.DAY;
    if (samples == WINDOW) {
      System.arraycopy(sampleTimes, 1, sampleTimes, 0, samples - 1);
      System.arraycopy(sampleCharges, 1, sampleCharges, 0, samples - 1);
      samples--;
    }
    sampleTimes[samples] = now;
    sampleCharges[samples] = remaining;
    samples++;
  }

  /**
   * True when the projected remaining life is within {@code days} days at the consumption measured
   * over the sample window (the firmware's rule with {@code days} = 180).
   */
  boolean projectedWithin(long now, long remaining, long days) {
    if (samples == 0 || now - sampleTimes[0] < DeliveryProfile.DAY) {
      return false;
    }
    long used = sampleCharges[0] - remaining;
    long elapsed = now - sampleTimes[0];
    return used > 0 && Math.multiplyExact(remaining, elapsed) <= Math.multiplyExact(used, days * DeliveryProfile.DAY);
  }
}
