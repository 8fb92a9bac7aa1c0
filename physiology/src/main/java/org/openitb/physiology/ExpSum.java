// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code f(t) = c0 + sum c[i]·exp(-r[i]·t)} for {@code t >= 0} in hours: the closed form of every
 * state and stage signal between two events. Its zeros are found exactly by bracketing, without any
 * time grid: between two critical points {@code f} is monotone, and the critical points are the
 * zeros of {@code exp(r_min·t)·f'(t)}, a sum with one exponential fewer (so a sum of n exponentials
 * has at most n zeros, and the recursion ends at a constant).
 */
final class ExpSum {
  /** Bisection stops when the bracket is this narrow (hours; 36 microseconds). */
  private static final double TOLERANCE_HOURS = 1e-8;

  final double c0;
  final double[] c;
  final double[] r;

  ExpSum(double c0, double[] c, double[] r) {
    this.c0 = c0;
    int n = 0;
    for (double v : c) {
      if (v != 0) {
        n++;
      }
    }
    this.c = new double[n];
    this.r = new double[n];
    int j = 0;
    for (int i = 0; i < c.length; i++) {
      if (c[i] != 0) {
        this.c[j] = c[i];
        this.r[j] = r[i];
        j++;
      }
    }
  }

  double at(double t) {
    double s = c0;
    for (int i = 0; i < c.length; i++) {
      s += c[i] * Math.exp(-r[i] * t);
    }
    return s;
  }

  /**
   * True when {@code f} cannot change sign on [0, h]: each term is monotone, so its range over the
   * interval lies between its values at the ends; a cheap test that skips root finding while the
   * patient is near a steady state.
   */
  boolean cannotCrossZero(double h) {
    double lo = c0;
    double hi = c0;
    for (int i = 0; i < c.length; i++) {
      double a = c[i];
      double b = c[i] * Math.exp(-r[i] * h);
      lo += Math.min(a, b);
      hi += Math.max(a, b);
    }
    return lo >= 0 || hi < 0;
  }

  /**
   * The least {@code t} in (0, h] at which {@code f(t) >= 0} differs from {@code f(0) >= 0}, to
   * within the tolerance (the returned time is on the far side of the crossing); NaN when none.
   */
  double firstCrossing(double h) {
    if (c.length == 0 || cannotCrossZero(h)) {
      return Double.NaN;
    }
    boolean start = at(0) >= 0;
    double a = 0;
    for (double p : piecesEnds(h)) {
      if ((at(p) >= 0) != start) {
        return bisect(a, p, start);
      }
      a = p;
    }
    return Double.NaN;
  }

  /** Every zero (sign change) in (0, h), ascending. */
  List<Double> zeros(double h) {
    List<Double> out = new ArrayList<>();
    if (c.length == 0) {
      return out;
    }
    double a = 0;
    boolean sa = at(0) >= 0;
    for (double p : piecesEnds(h)) {
      boolean sp = at(p) >= 0;
      if (sp != sa) {
        double z = bisect(a, p, sa);
        if (z < h) {
          out.add(z);
        }
      }
      a = p;
      sa = sp;
    }
    return out;
  }

  /** The critical points in (0, h), then h: the right ends of the monotone pieces. */
  private double[] piecesEnds(double h) {
    List<Double> crit = derivativeZeros(h);
    double[] ends = new double[crit.size() + 1];
    for (int i = 0; i < crit.size(); i++) {
      ends[i] = crit.get(i);
    }
    ends[crit.size()] = h;
    return ends;
  }

  private List<Double> derivativeZeros(double h) {
    if (c.length <= 1) {
      return List.of(); // one exponential (or none) is monotone
    }
    double rMin = Arrays.stream(r).min().orElseThrow();
    double k0 = 0;
    double[] dc = new double[c.length];
    double[] dr = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      if (r[i] == rMin) {
        k0 += -r[i] * c[i];
      } else {
        dc[i] = -r[i] * c[i];
        dr[i] = r[i] - rMin;
      }
    }
    return new ExpSum(k0, dc, dr).zeros(h);
  }

  private double bisect(double lo, double hi, boolean startSign) {
    while (hi - lo > TOLERANCE_HOURS) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if ((at(mid) >= 0) == startSign) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
