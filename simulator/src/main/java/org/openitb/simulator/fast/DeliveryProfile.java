// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.fast;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;

/**
 * The rate the pump integrates, in the firmware's delivery units (1 unit = 1/432 000 000 ng, so a
 * dose rate of d ng/day is exactly 5·d units per millisecond): a repeating pump-local day (basal
 * program plus scheduled boluses, each bolus spread as q units/ms and q + 1 over its last
 * remainder milliseconds) plus at most one one-off bolus. The same integer profile the firmware
 * builds, so the cumulative amount, and with it every stroke instant, is exact.
 *
 * <p>{@link #units(long, long)} and {@link #reach(long, long)} are closed forms over whole days
 * plus one walk over the segments of a day: cost does not grow with the span.
 */
final class DeliveryProfile {
  static final long DAY = 86_400_000L;
  static final long PER_MILLI_PER_NG_PER_DAY = 5;
  static final long PER_NANOGRAM = PER_MILLI_PER_NG_PER_DAY * DAY;
  static final long PER_NL_PER_NG_ML = PER_NANOGRAM / 1_000_000L;
  static final long NEVER = Long.MAX_VALUE;

  /** A bolus shape (total units over a duration) started at {@code start} (RTC ms). */
  record Bolus(long start, long total, long duration) {
    long base() {
      return total / duration;
    }

    long extraFrom() {
      return duration - total % duration;
    }

    long end() {
      return start + duration;
    }

    long rateAt(long rtc) {
      long e = rtc - start;
      if (e < 0 || e >= duration) {
        return 0;
      }
      return e < extraFrom() ? base() : base() + 1;
    }

    long nextChange(long rtc) {
      long e = rtc - start;
      if (e < 0) {
        return start;
      }
      if (e < extraFrom()) {
        return start + extraFrom();
      }
      return e < duration ? end() : NEVER;
    }

    long peak() {
      return extraFrom() < duration ? base() + 1 : base();
    }
  }

  private final long[] starts;
  private final long[] rates;
  private final long perDay;
  private final long offset;
  private Bolus oneOff;

  private DeliveryProfile(long[] starts, long[] rates, long offset) {
    this.starts = starts;
    this.rates = rates;
    this.offset = offset;
    long total = 0;
    for (int i = 0; i < starts.length; i++) {
      total = Math.addExact(total, Math.multiplyExact(rates[i], end(i) - starts[i]));
    }
    this.perDay = total;
  }

  /** Nothing is delivered (a stopped pump). */
  static DeliveryProfile none() {
    return new DeliveryProfile(new long[] {0}, new long[] {0}, 0);
  }

  /** The daily profile of {@code p} with pump-local time = RTC + {@code clockOffsetMillis}. */
  static DeliveryProfile of(Prescription p, long clockOffsetMillis) {
    TreeSet<Long> points = new TreeSet<>();
    points.add(0L);
    if (p.basal() instanceof FlexSchedule flex) {
      for (FlexStep step : flex.steps()) {
        points.add(step.start().toSecondOfDay() * 1000L);
      }
    }
    List<Bolus> shapes = new ArrayList<>();
    for (ScheduledBolus b : p.scheduledBoluses()) {
      long start = b.start().toSecondOfDay() * 1000L;
      Bolus shape = new Bolus(0, Math.multiplyExact(b.dose().nanograms(), PER_NANOGRAM), b.duration().toMillis());
      shapes.add(new Bolus(start, shape.total(), shape.duration()));
      points.add(start);
      points.add(Math.floorMod(start + shape.nextChange(0), DAY));
      points.add(Math.floorMod(start + shape.duration(), DAY));
    }
    List<Long> s = new ArrayList<>();
    List<Long> r = new ArrayList<>();
    for (long point : points) {
      long rate = Math.multiplyExact(p.basal().rateAt(LocalTime.ofNanoOfDay(point * 1_000_000L)).nanogramsPerDay(), PER_MILLI_PER_NG_PER_DAY);
      for (Bolus b : shapes) {
        rate = Math.addExact(rate, b.rateAt(b.start() + Math.floorMod(point - b.start(), DAY)));
      }
      if (r.isEmpty() || r.get(r.size() - 1) != rate) {
        s.add(point);
        r.add(rate);
      }
    }
    return new DeliveryProfile(s.stream().mapToLong(Long::longValue).toArray(), r.stream().mapToLong(Long::longValue).toArray(),
        Math.floorMod(clockOffsetMillis, DAY));
  }

  private long end(int i) {
    return i + 1 < starts.length ? starts[i + 1] : DAY;
  }

  long perDay() {
    return perDay;
  }

  long peakRate() {
    return Arrays.stream(rates).max().orElse(0);
  }

  boolean deliversNothing() {
    return peakRate() == 0;
  }

  Bolus oneOff() {
    return oneOff;
  }

  void setOneOff(Bolus b) {
    oneOff = b;
  }

  /** The rate at {@code rtc} and (in {@code out[1]}) the instant it next changes. */
  private long segment(long rtc, long[] out) {
    long msOfDay = Math.floorMod(rtc + offset, DAY);
    int i = Arrays.binarySearch(starts, msOfDay);
    i = i >= 0 ? i : -i - 2;
    long rate = rates[i];
    long end = rtc + end(i) - msOfDay;
    if (oneOff != null) {
      rate += oneOff.rateAt(rtc);
      end = Math.min(end, oneOff.nextChange(rtc));
    }
    out[0] = rate;
    out[1] = end;
    return rate;
  }

  /** Units delivered over [from, to). */
  long units(long from, long to) {
    long total = 0;
    long t = from;
    long[] seg = new long[2];
    if (oneOff == null || oneOff.end() <= t) {
      long days = (to - t) / DAY;
      total = Math.multiplyExact(days, perDay);
      t += days * DAY;
    }
    while (t < to) {
      segment(t, seg);
      long e = Math.min(seg[1], to);
      total = Math.addExact(total, Math.multiplyExact(seg[0], e - t));
      t = e;
      if (oneOff != null && oneOff.end() <= t && to - t >= DAY) {
        long days = (to - t) / DAY;
        total = Math.addExact(total, Math.multiplyExact(days, perDay));
        t += days * DAY;
      }
    }
    return total;
  }

  /**
   * The first whole millisecond t >= from at which the units over [from, t) reach {@code need}
   * (need > 0), or NEVER when nothing is delivered.
   */
  long reach(long from, long need) {
    if (need <= 0) {
      return from;
    }
    if (perDay == 0 && (oneOff == null || oneOff.end() <= from)) {
      return NEVER;
    }
    long t = from;
    long[] seg = new long[2];
    while (true) {
      if (perDay > 0 && (oneOff == null || oneOff.end() <= t) && need > perDay) {
        long days = (need - 1) / perDay;
        need -= days * perDay;
        t = Math.addExact(t, days * DAY);
      }
      segment(t, seg);
      long rate = seg[0];
      long end = seg[1];
      if (rate > 0) {
        long gain = Math.multiplyExact(rate, end - t);
        if (gain >= need) {
          return t + (need + rate - 1) / rate;
        }
        need -= gain;
      } else if (perDay == 0 && (oneOff == null || oneOff.end() <= end)) {
        return NEVER;
      }
      t = end;
    }
  }
}
