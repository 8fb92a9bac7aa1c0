// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import static org.openitb.firmware.engine.DeliveryUnits.DAY_MILLIS;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;

/**
 * The part of a prescription that repeats every pump-local day (basal program plus scheduled
 * boluses), precomputed as a piecewise-constant rate in units per millisecond over the day. Built
 * once per programming, so the per-stroke path only does an array look-up.
 */
public final class DailyProfile {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long MILLIS_PER_SECOND = 1_000L;

  /** Start of each interval in milliseconds of the local day; {@code starts[0] == 0}. */
  private final long[] starts;
  /** Rate of each interval in units per millisecond. */
  private final long[] rates;

  private DailyProfile(long[] starts, long[] rates) {
    this.starts = starts;
    this.rates = rates;
  }

  public static DailyProfile of(Prescription prescription) {
    return of(prescription.basal(), prescription.scheduledBoluses());
  }

  public static DailyProfile of(BasalProgram basal, List<ScheduledBolus> boluses) {
    TreeSet<Long> points = new TreeSet<>();
    points.add(0L);
    if (basal instanceof FlexSchedule flex) {
      for (FlexStep step : flex.steps()) {
        points.add(step.start().toSecondOfDay() * MILLIS_PER_SECOND);
      }
    }
    List<long[]> bolusStarts = new ArrayList<>();
    List<BolusShape> shapes = new ArrayList<>();
    for (ScheduledBolus b : boluses) {
      long start = b.start().toSecondOfDay() * MILLIS_PER_SECOND;
      BolusShape shape = new BolusShape(DeliveryUnits.ofMass(b.dose()), b.duration().toMillis());
      bolusStarts.add(new long[] {start});
      shapes.add(shape);
      points.add(start);
      long firstChange = shape.nextChangeAt(0);
      points.add(Math.floorMod(start + firstChange, DAY_MILLIS));
      points.add(Math.floorMod(start + shape.durationMillis(), DAY_MILLIS));
    }
    List<Long> starts = new ArrayList<>();
    List<Long> rates = new ArrayList<>();
    for (long p : points) {
      long rate = DeliveryUnits.perMilli(basal.rateAt(LocalTime.ofNanoOfDay(p * NANOS_PER_MILLI)));
      for (int i = 0; i < shapes.size(); i++) {
        rate = Math.addExact(rate, shapes.get(i).rateAt(Math.floorMod(p - bolusStarts.get(i)[0], DAY_MILLIS)));
      }
      // merge equal neighbours: fewer segments to walk, same profile
      if (rates.isEmpty() || rates.get(rates.size() - 1) != rate) {
        starts.add(p);
        rates.add(rate);
      }
    }
    return new DailyProfile(
        starts.stream().mapToLong(Long::longValue).toArray(), rates.stream().mapToLong(Long::longValue).toArray());
  }

  /** Index of the interval containing {@code msOfDay} (0 <= msOfDay < one day). */
  int intervalAt(long msOfDay) {
    int i = Arrays.binarySearch(starts, msOfDay);
    return i >= 0 ? i : -i - 2;
  }

  long rate(int interval) {
    return rates[interval];
  }

  /** End of the interval in milliseconds of the day (one day for the last interval). */
  long end(int interval) {
    return interval + 1 < starts.length ? starts[interval + 1] : DAY_MILLIS;
  }

  /** The highest rate of the day. */
  public long peakRate() {
    return Arrays.stream(rates).max().orElse(0);
  }

  /** Exactly the units one whole day delivers. */
  public long unitsPerDay() {
    long total = 0;
    for (int i = 0; i < starts.length; i++) {
      total = Math.addExact(total, Math.multiplyExact(rates[i], end(i) - starts[i]));
    }
    return total;
  }

  /** True when the day delivers nothing at all. */
  public boolean deliversNothing() {
    return peakRate() == 0;
  }
}
