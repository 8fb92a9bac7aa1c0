// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Fraction;

/**
 * How fast a prescription empties the reservoir over one pump-local day, in exact nanolitres.
 *
 * <p>Basal: each step's volume rate is its dose rate at the concentration rounded DOWN, as the pump
 * runs it, integrated exactly over the seconds it is in force. Scheduled boluses: each bolus's
 * volume rounded down, spread evenly over its duration (it may run past midnight). Patient
 * boluses, when counted: every allowed bolus of a 24 h window taken at the window's start, which
 * bounds any real use. Because pump-local days are always 24 h (no daylight saving), consumption
 * repeats exactly every day, so a crossing instant is found by whole days plus one sweep over a
 * single day: no iteration over years and no rounding drift.
 *
 * <p>The profile counts what is programmed even when the basal program is stopped; the validator
 * refuses scheduled boluses on a stopped pump, and counting them here errs on the early side.
 */
final class ConsumptionProfile {
  private static final long DAY = Exact.SECONDS_PER_DAY;

  private final long[] stepStarts; // second of day
  private final BigInteger[] stepRates; // nL/day, as delivered
  private final List<Bolus> boluses;
  private final Fraction basalPerDay;
  private final BigInteger scheduledPerDay;
  private final BigInteger patientPerDay;

  private record Bolus(long start, long duration, BigInteger volume) {
    boolean activeAt(long secondOfDay) {
      return Math.floorMod(secondOfDay - start, DAY) < duration;
    }
  }

  /** One stretch of a 24 h window with constant consumption: offsets in seconds, slope in nL/s. */
  record Segment(long from, long to, Fraction slope) {}

  private ConsumptionProfile(Prescription p) {
    Concentration c = p.concentration();
    FlexSchedule schedule = p.basal().asFlexSchedule();
    List<FlexStep> steps = schedule.steps();
    List<Integer> minutes = schedule.stepMinutes();
    stepStarts = new long[steps.size()];
    stepRates = new BigInteger[steps.size()];
    Fraction basal = Fraction.ZERO;
    for (int i = 0; i < steps.size(); i++) {
      stepStarts[i] = steps.get(i).start().toSecondOfDay();
      stepRates[i] = steps.get(i).rate().exactVolumeRateAt(c).floor();
      basal = basal.plus(Fraction.of(stepRates[i]).times(minutes.get(i)));
    }
    basalPerDay = basal.dividedBy(Exact.MINUTES_PER_DAY);
    boluses = new ArrayList<>();
    BigInteger scheduled = BigInteger.ZERO;
    for (ScheduledBolus b : p.scheduledBoluses()) {
      BigInteger volume = b.dose().exactVolumeAt(c).floor();
      boluses.add(new Bolus(b.start().toSecondOfDay(), b.duration().toSeconds(), volume));
      scheduled = scheduled.add(volume);
    }
    scheduledPerDay = scheduled;
    patientPerDay = p.patientBolus()
        .map(a -> a.dose().exactVolumeAt(c).floor().multiply(BigInteger.valueOf(a.maxPerDay())))
        .orElse(BigInteger.ZERO);
  }

  static ConsumptionProfile of(Prescription p) {
    return new ConsumptionProfile(p);
  }

  Fraction basalPerDay() {
    return basalPerDay;
  }

  BigInteger scheduledPerDay() {
    return scheduledPerDay;
  }

  BigInteger patientPerDay() {
    return patientPerDay;
  }

  Fraction perDay(boolean withPatientBoluses) {
    Fraction f = basalPerDay.plus(Fraction.of(scheduledPerDay));
    return withPatientBoluses ? f.plus(Fraction.of(patientPerDay)) : f;
  }

  /** The segments of the 24 h window that starts at pump-local second of day {@code startSecond}. */
  List<Segment> window(long startSecond) {
    TreeSet<Long> cuts = new TreeSet<>(List.of(0L, DAY));
    for (long s : stepStarts) {
      cuts.add(Math.floorMod(s - startSecond, DAY));
    }
    for (Bolus b : boluses) {
      cuts.add(Math.floorMod(b.start - startSecond, DAY));
      cuts.add(Math.floorMod(b.start + b.duration - startSecond, DAY));
    }
    List<Segment> out = new ArrayList<>();
    Long from = null;
    for (long cut : cuts) {
      if (from != null) {
        out.add(new Segment(from, cut, slopeAt(Math.floorMod(startSecond + from, DAY))));
      }
      from = cut;
    }
    return out;
  }

  private Fraction slopeAt(long secondOfDay) {
    int step = stepStarts.length - 1; // before the first start, the last step still runs
    for (int i = 0; i < stepStarts.length; i++) {
      if (stepStarts[i] <= secondOfDay) {
        step = i;
      }
    }
    Fraction slope = Fraction.of(stepRates[step], BigInteger.valueOf(DAY));
    for (Bolus b : boluses) {
      if (b.activeAt(secondOfDay)) {
        slope = slope.plus(Fraction.of(b.volume, BigInteger.valueOf(b.duration)));
      }
    }
    return slope;
  }

  /**
   * The whole seconds, rounded down, from the start of {@code window} until cumulative
   * consumption first reaches {@code amount} nL; empty when nothing is ever consumed. With
   * {@code withPatientBoluses} each day's allowance is consumed at the very start of its window.
   */
  Optional<BigInteger> secondsToConsume(Fraction amount, List<Segment> window, boolean withPatientBoluses) {
    if (amount.signum() <= 0) {
      return Optional.of(BigInteger.ZERO);
    }
    Fraction perDay = perDay(withPatientBoluses);
    if (perDay.isZero()) {
      return Optional.empty();
    }
    // Whole days consume exactly perDay each; the crossing lies in day k.
    BigInteger k = amount.dividedBy(perDay).ceil().subtract(BigInteger.ONE);
    BigInteger dayStart = k.multiply(BigInteger.valueOf(DAY));
    Fraction remaining = amount.minus(perDay.times(Fraction.of(k)));
    if (withPatientBoluses) {
      remaining = remaining.minus(Fraction.of(patientPerDay));
      if (remaining.signum() <= 0) {
        return Optional.of(dayStart);
      }
    }
    for (Segment s : window) {
      Fraction consumed = s.slope().times(s.to() - s.from());
      if (consumed.compareTo(remaining) >= 0) {
        BigInteger within = remaining.dividedBy(s.slope()).floor();
        return Optional.of(dayStart.add(BigInteger.valueOf(s.from())).add(within));
      }
      remaining = remaining.minus(consumed);
    }
    throw new IllegalStateException("a day consumed less than its own total; the profile is inconsistent");
  }
}
