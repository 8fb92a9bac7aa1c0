// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import static org.openitb.firmware.engine.DeliveryUnits.DAY_MILLIS;
import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

import java.util.ArrayList;
import java.util.List;

/**
 * The rate profile in force, as a function of RTC time: the daily profile (in pump-local time,
 * RTC plus the clock offset) plus the one-off boluses running. The daily part is absent unless the
 * pump is running. Segments are at most one day long so that rate times length never overflows.
 */
public final class TherapyProfile {
  private DailyProfile daily;
  private long clockOffsetMillis;
  private final List<OneOffBolus> boluses = new ArrayList<>();

  public void setDaily(DailyProfile daily) {
    this.daily = daily;
  }

  DailyProfile daily() {
    return daily;
  }

  public void setClockOffset(long clockOffsetMillis) {
    this.clockOffsetMillis = clockOffsetMillis;
  }

  public long clockOffset() {
    return clockOffsetMillis;
  }

  public List<OneOffBolus> boluses() {
    return boluses;
  }

  /** Fills {@code out} with the rate at {@code rtc} and the instant it next changes. */
  void segmentAt(long rtc, RateSegment out) {
    long rate = 0;
    long end = rtc + DAY_MILLIS;
    if (daily != null) {
      long msOfDay = Math.floorMod(rtc + clockOffsetMillis, DAY_MILLIS);
      int i = daily.intervalAt(msOfDay);
      rate = daily.rate(i);
      end = Math.min(end, rtc + daily.end(i) - msOfDay);
    }
    for (int i = 0; i < boluses.size(); i++) {
      OneOffBolus b = boluses.get(i);
      rate += b.rateAt(rtc);
      end = Math.min(end, b.nextChangeAfter(rtc));
    }
    out.rate = rate;
    out.end = end;
  }

  /** The earliest end of a running one-off bolus, or NEVER. */
  public long nextBolusEnd() {
    long next = NEVER;
    for (int i = 0; i < boluses.size(); i++) {
      next = Math.min(next, boluses.get(i).endRtc());
    }
    return next;
  }
}
