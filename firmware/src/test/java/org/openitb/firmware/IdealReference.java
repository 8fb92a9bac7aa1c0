// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.math.BigInteger;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.Concentration;

/**
 * The ideal delivery computed independently of the firmware's arithmetic: exact rationals, pump-local
 * minute by minute (flex steps and scheduled boluses start and end on whole minutes), and every
 * bolus spread perfectly uniformly over its duration.
 */
final class IdealReference {
  private static final long MINUTE = 60_000L;
  private static final BigInteger DAY = BigInteger.valueOf(86_400_000L);
  private static final BigInteger NL_PER_ML = BigInteger.valueOf(1_000_000L);

  private record OneOff(long start, long massNg, long durationMillis) {}

  private Fraction idealNg = Fraction.ZERO;
  private long t;
  private Prescription rx;
  private long offset;
  private final List<OneOff> oneOffs = new ArrayList<>();

  IdealReference(long start) {
    this.t = start;
  }

  /** From {@code at}, {@code rx} runs (null: nothing runs, one-off boluses end). */
  void program(long at, Prescription rx) {
    advanceTo(at);
    this.rx = rx;
    if (rx == null) {
      oneOffs.clear();
    }
  }

  void clockOffset(long at, long offset) {
    advanceTo(at);
    this.offset = offset;
  }

  void bolus(long at, long massNg, long durationMillis) {
    advanceTo(at);
    oneOffs.add(new OneOff(at, massNg, durationMillis));
  }

  /** The ideal mass delivered up to {@code at}, in ng. */
  Fraction massAt(long at) {
    advanceTo(at);
    return idealNg;
  }

  /** The ideal volume delivered up to {@code at}, in nL, at {@code c}. */
  Fraction volumeAt(long at, Concentration c) {
    return massAt(at).times(NL_PER_ML).divide(BigInteger.valueOf(c.nanogramsPerMillilitre()));
  }

  private void advanceTo(long target) {
    while (t < target) {
      long local = t + offset;
      long minuteStart = Math.floorDiv(local, MINUTE) * MINUTE;
      long end = Math.min(target, minuteStart + MINUTE - offset);
      for (OneOff b : oneOffs) {
        if (b.start() > t) {
          end = Math.min(end, b.start());
        }
        if (b.start() + b.durationMillis() > t) {
          end = Math.min(end, b.start() + b.durationMillis());
        }
      }
      long dt = end - t;
      if (rx != null) {
        long msOfDay = Math.floorMod(minuteStart, 86_400_000L);
        long basal = rx.basal().rateAt(LocalTime.ofNanoOfDay(msOfDay * 1_000_000L)).nanogramsPerDay();
        idealNg = idealNg.plus(Fraction.of(BigInteger.valueOf(basal).multiply(BigInteger.valueOf(dt)), DAY));
        for (ScheduledBolus s : rx.scheduledBoluses()) {
          long since = Math.floorMod(msOfDay - s.start().toSecondOfDay() * 1000L, 86_400_000L);
          long duration = s.duration().toMillis();
          if (since < duration) {
            idealNg = idealNg.plus(Fraction.of(
                BigInteger.valueOf(s.dose().nanograms()).multiply(BigInteger.valueOf(dt)), BigInteger.valueOf(duration)));
          }
        }
      }
      for (OneOff b : oneOffs) {
        if (b.start() <= t && t < b.start() + b.durationMillis()) {
          idealNg = idealNg.plus(Fraction.of(
              BigInteger.valueOf(b.massNg()).multiply(BigInteger.valueOf(dt)), BigInteger.valueOf(b.durationMillis())));
        }
      }
      t = end;
    }
  }

  /** An exact non-negative rational. */
  record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {
    static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

    static Fraction of(BigInteger num, BigInteger den) {
      BigInteger g = num.gcd(den);
      return g.signum() == 0 ? ZERO : new Fraction(num.divide(g), den.divide(g));
    }

    static Fraction of(long v) {
      return new Fraction(BigInteger.valueOf(v), BigInteger.ONE);
    }

    Fraction plus(Fraction o) {
      return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction minus(Fraction o) {
      return of(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction times(BigInteger v) {
      return of(num.multiply(v), den);
    }

    Fraction divide(BigInteger v) {
      return of(num, den.multiply(v));
    }

    @Override
    public int compareTo(Fraction o) {
      return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public String toString() {
      return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), 6, java.math.RoundingMode.HALF_UP).toPlainString();
    }
  }
}
