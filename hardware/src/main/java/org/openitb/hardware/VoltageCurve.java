// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

/**
 * The cell's open-circuit voltage against its state of charge: a piecewise-linear curve in
 * integers, shaped like a lithium/silver-vanadium-oxide implant cell (a long plateau, then a knee
 * and a steep fall at the end). Illustrative; no source gives the real curve.
 */
final class VoltageCurve {
  /** State of charge in per-mille of the nominal capacity, descending. */
  private static final long[] PER_MILLE = {1000, 900, 200, 100, 50, 20, 0};
  /** Voltage at each point of {@link #PER_MILLE}, in millivolts. */
  private static final int[] MILLIVOLTS = {3200, 3050, 2950, 2850, 2700, 2500, 2000};
  static final long PER_MILLE_FULL = 1000;

  private VoltageCurve() {}

  /** The voltage at {@code remaining} of {@code capacity} (same units); linear between points, rounded down. */
  static int millivolts(long remaining, long capacity) {
    // Scale to nano-fractions so that the interpolation keeps sub-per-mille resolution.
    long stateMicro = Math.multiplyExact(Math.max(0, Math.min(remaining, capacity)), PER_MILLE_FULL * 1000) / capacity;
    for (int i = 1; i < PER_MILLE.length; i++) {
      long lowMicro = PER_MILLE[i] * 1000;
      if (stateMicro >= lowMicro) {
        long highMicro = PER_MILLE[i - 1] * 1000;
        long span = highMicro - lowMicro;
        return (int) (MILLIVOLTS[i] + (MILLIVOLTS[i - 1] - MILLIVOLTS[i]) * (stateMicro - lowMicro) / span);
      }
    }
    return MILLIVOLTS[MILLIVOLTS.length - 1];
  }
}
