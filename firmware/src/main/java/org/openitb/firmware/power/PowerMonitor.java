// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.power;

import static org.openitb.firmware.engine.DeliveryUnits.DAY_MILLIS;
import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

import java.time.Period;
import java.util.Optional;
import org.openitb.firmware.PumpEvent.EriReason;
import org.openitb.therapy.device.PumpModel;

/**
 * Battery and service life. The elective replacement indicator (ERI) is raised at the first of:
 *
 * <ul>
 *   <li>the remaining charge lasts no more than {@link #ERI_PROJECTED_LIFE_DAYS} days at the
 *       consumption measured over the last {@link #CONSUMPTION_WINDOW_DAYS} days — twice the
 *       ERI-to-EOS interval, so the 90 days to end of service are covered even if consumption
 *       doubles;
 *   <li>the remaining charge falls to {@link #ERI_CHARGE_FLOOR_PERCENT} % of capacity (a backstop
 *       when consumption cannot be measured yet, e.g. just after a reset);
 *   <li>the pump's age reaches the maximum service life minus the ERI-to-EOS interval.
 * </ul>
 *
 * End of service (EOS) follows the model's ERI-to-EOS interval (90 days) after ERI, or at the
 * maximum service life, or at once when the charge falls to {@link #EXHAUSTED_CHARGE_FLOOR_PERCENT}
 * % (a battery fault): delivery stops with a critical alarm, never silently. Service life is
 * counted from manufacture (RTC zero) in 365-day years and 30-day months, so the hard stop comes a
 * day or two early rather than late.
 */
public final class PowerMonitor {
  static final long ERI_PROJECTED_LIFE_DAYS = 180;
  static final int ERI_CHARGE_FLOOR_PERCENT = 3;
  static final int EXHAUSTED_CHARGE_FLOOR_PERCENT = 1;
  static final int CONSUMPTION_WINDOW_DAYS = 7;
  private static final long DAYS_PER_YEAR = 365;
  private static final long DAYS_PER_MONTH = 30;
  private static final int PERCENT = 100;

  private final long eriToEosMillis;
  private final long serviceLifeEnd;
  private final long[] sampleTimes = new long[CONSUMPTION_WINDOW_DAYS + 1];
  private final long[] sampleCharges = new long[CONSUMPTION_WINDOW_DAYS + 1];
  private int samples;
  private long nextSampleAt;
  private long eriAt = NEVER;
  private long eosAt = NEVER;

  public PowerMonitor(PumpModel model) {
    this.eriToEosMillis = model.eriToEndOfService().toMillis();
    this.serviceLifeEnd = lifeMillis(model.maxServiceLife());
  }

  static long lifeMillis(Period p) {
    long days = Math.addExact(Math.addExact(Math.multiplyExact(p.getYears(), DAYS_PER_YEAR),
        Math.multiplyExact(p.getMonths(), DAYS_PER_MONTH)), p.getDays());
    return Math.multiplyExact(days, DAY_MILLIS);
  }

  public long serviceLifeEnd() {
    return serviceLifeEnd;
  }

  public long eriByAge() {
    return serviceLifeEnd - eriToEosMillis;
  }

  public long eriAt() {
    return eriAt;
  }

  public long eosAt() {
    return eosAt;
  }

  public void restore(long eriAt, long eosAt) {
    this.eriAt = eriAt;
    this.eosAt = eosAt;
  }

  public void raiseEri(long now) {
    eriAt = now;
    eosAt = Math.min(now + eriToEosMillis, serviceLifeEnd);
  }

  /** The next instant a power deadline falls (ERI by age, EOS, end of service life). */
  public long nextDeadline() {
    return Math.min(eriAt == NEVER ? eriByAge() : NEVER, Math.min(eosAt, serviceLifeEnd));
  }

  /** Records a daily charge sample (the window of the consumption estimate). */
  public void sample(long now, long remaining) {
    if (now < nextSampleAt) {
      return;
    }
    nextSampleAt = now + DAY_MILLIS;
    if (samples == sampleTimes.length) {
      System.arraycopy(sampleTimes, 1, sampleTimes, 0, samples - 1);
      System.arraycopy(sampleCharges, 1, sampleCharges, 0, samples - 1);
      samples--;
    }
    sampleTimes[samples] = now;
    sampleCharges[samples] = remaining;
    samples++;
  }

  public boolean exhausted(long remaining, long capacity) {
    return Math.multiplyExact(remaining, PERCENT) <= Math.multiplyExact(capacity, EXHAUSTED_CHARGE_FLOOR_PERCENT);
  }

  /** Why ERI is due now, if it is (only asked while ERI has not been raised). */
  public Optional<EriReason> eriDue(long now, long remaining, long capacity) {
    if (now >= eriByAge()) {
      return Optional.of(EriReason.SERVICE_LIFE);
    }
    if (Math.multiplyExact(remaining, PERCENT) <= Math.multiplyExact(capacity, ERI_CHARGE_FLOOR_PERCENT)) {
      return Optional.of(EriReason.LOW_CHARGE);
    }
    if (samples > 0 && now - sampleTimes[0] >= DAY_MILLIS) {
      long used = sampleCharges[0] - remaining;
      long elapsed = now - sampleTimes[0];
      // remaining / (used / elapsed) <= margin, cross-multiplied to stay exact
      if (used > 0
          && Math.multiplyExact(remaining, elapsed) <= Math.multiplyExact(used, ERI_PROJECTED_LIFE_DAYS * DAY_MILLIS)) {
        return Optional.of(EriReason.PROJECTED_BATTERY_LIFE);
      }
    }
    return Optional.empty();
  }
}
