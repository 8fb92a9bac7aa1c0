// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The IEC 60601-2-24 analysis of balance readings (../shared/reference/safety.md 1.2), exactly:
 * the start-up graph (flow per sample over the first hour, T1), the overall error A over the
 * analysis period T2 (from the end of the first hour to the end of the test), and for each
 * observation window P the extreme mean errors Ep(max) and Ep(min) over every window position
 * sliding one sample at a time (the trumpet curve).
 *
 * <p>The windows are the standard 2, 5, 11, 19 and 31 min, and windows that are whole multiples of
 * the stroke period (1, 2, 5, 10, 20, 50... strokes, up to half of T2), each rounded to the
 * nearest whole number of 30 s samples. A discrete-stroke pump measured over a window that is not
 * a whole number of stroke periods shows an error that is an artefact of the method (Bissig et al.
 * 2022, safety.md 1.4): the standard short windows are shown for comparison, the stroke-multiple
 * windows are the meaningful ones; their residual artefact is at most one stroke in the window.
 * Percentages are exact rationals rounded half-up to 3 decimals.
 */
public final class TrumpetAnalysis {
  /** The standard observation windows of the 1998 edition, clause 50.102. */
  public static final List<Duration> STANDARD_WINDOWS = List.of(
      Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(11), Duration.ofMinutes(19), Duration.ofMinutes(31));
  /** The start-up period T1. */
  public static final Duration STARTUP = Duration.ofHours(1);
  private static final long[] STROKE_MULTIPLES = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000};
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);
  private static final BigInteger DAY_MILLIS = BigInteger.valueOf(Duration.ofDays(1).toMillis());
  private static final BigInteger NL_PER_ML = BigInteger.valueOf(1_000_000);
  private static final int SCALE = 3;

  /** One observation window: its length, whether it is a whole multiple of the stroke period, and its extremes. */
  public record Window(Duration length, boolean strokeMultiple, long strokes, int positions, BigDecimal epMaxPercent, BigDecimal epMinPercent) {}

  /** One point of the start-up graph: flow over the sample ending at {@code at}, in mL/h. */
  public record FlowPoint(Duration at, BigDecimal flowMlPerHour) {}

  /**
   * The curve and the overall error of one gravimetric run.
   *
   * @param overallErrorPercent A over T2
   * @param strokePeriod the stroke period at the programmed rate
   */
  public record Result(GravimetricBench.Trace trace, BigDecimal programmedMlPerHour, Duration strokePeriod, BigDecimal overallErrorPercent,
      List<FlowPoint> startup, List<Window> windows) {}

  private TrumpetAnalysis() {}

  public static Result analyse(GravimetricBench.Trace t) {
    long sampleMillis = GravimetricBench.SAMPLE_INTERVAL.toMillis();
    long[] w = t.massMicrograms();
    int t1 = (int) (STARTUP.toMillis() / sampleMillis);
    int end = w.length - 1;
    long rateNlPerDay = t.rate().nanolitresPerDay();
    BigDecimal mlPerHour = new BigDecimal(BigInteger.valueOf(rateNlPerDay)).divide(new BigDecimal(24_000_000), 6, RoundingMode.HALF_UP);
    List<FlowPoint> startup = new ArrayList<>();
    for (int i = 1; i <= t1 && i <= end; i++) {
      // Q_i = (W_i - W_{i-1}) / (S d), in mL/h
      BigInteger num = BigInteger.valueOf(w[i] - w[i - 1]).multiply(BigInteger.valueOf(Duration.ofHours(1).toMillis()));
      BigInteger den = BigInteger.valueOf(sampleMillis).multiply(BigInteger.valueOf(GravimetricBench.DENSITY_MICROGRAMS_PER_ML));
      startup.add(new FlowPoint(Duration.ofMillis(i * sampleMillis), new BigDecimal(num).divide(new BigDecimal(den), 6, RoundingMode.HALF_UP)));
    }
    BigDecimal a = error(w[end] - w[t1], (end - t1) * sampleMillis, rateNlPerDay);
    int t2Samples = end - t1;
    TreeSet<Integer> seen = new TreeSet<>();
    List<Window> windows = new ArrayList<>();
    for (Duration p : STANDARD_WINDOWS) {
      int n = (int) (p.toMillis() / sampleMillis);
      if (n <= t2Samples && seen.add(n)) {
        windows.add(window(w, t1, end, n, sampleMillis, rateNlPerDay, false, 0));
      }
    }
    long period = t.strokePeriodMillis();
    for (long k : STROKE_MULTIPLES) {
      long lengthMillis = k * period;
      int n = (int) Math.max(1, Math.round((double) lengthMillis / sampleMillis));
      if (n > t2Samples / 2) {
        break;
      }
      if (seen.add(n)) {
        windows.add(window(w, t1, end, n, sampleMillis, rateNlPerDay, true, k));
      }
    }
    windows.sort(java.util.Comparator.comparing(Window::length));
    return new Result(t, mlPerHour, Duration.ofMillis(period), a, startup, windows);
  }

  private static Window window(long[] w, int from, int end, int n, long sampleMillis, long rateNlPerDay, boolean strokeMultiple, long strokes) {
    BigDecimal max = null;
    BigDecimal min = null;
    int positions = 0;
    for (int j = from; j + n <= end; j++) {
      BigDecimal e = error(w[j + n] - w[j], n * sampleMillis, rateNlPerDay);
      max = max == null || e.compareTo(max) > 0 ? e : max;
      min = min == null || e.compareTo(min) < 0 ? e : min;
      positions++;
    }
    return new Window(Duration.ofMillis(n * sampleMillis), strokeMultiple, strokes, positions, max, min);
  }

  /** 100 (Q - r) / r for {@code deltaMicrograms} collected over {@code millis}, exact then rounded to 3 decimals. */
  static BigDecimal error(long deltaMicrograms, long millis, long rateNlPerDay) {
    // delivered nL = dW[µg] x 1e6 / density[µg/mL]; ideal nL = rate x millis / day
    BigInteger delivered = BigInteger.valueOf(deltaMicrograms).multiply(NL_PER_ML).multiply(DAY_MILLIS);
    BigInteger ideal = BigInteger.valueOf(rateNlPerDay).multiply(BigInteger.valueOf(millis))
        .multiply(BigInteger.valueOf(GravimetricBench.DENSITY_MICROGRAMS_PER_ML));
    return new BigDecimal(delivered.subtract(ideal).multiply(HUNDRED)).divide(new BigDecimal(ideal), SCALE, RoundingMode.HALF_UP);
  }
}
