// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.SplittableRandom;

/**
 * How much fluid one rotation really moves: {@code strokeVolume x (1 + bias + noise)} in whole
 * nanolitres (see {@link HardwareParameters.Accuracy}). The sub-nanolitre remainder of each stroke
 * is carried to the next, so that over many strokes the volume is exact and no rounding direction
 * accumulates. Reproducible: the same seed gives the same sequence of volumes.
 */
final class AccuracyModel {
  private static final long PPM = Fault.PPM;

  private final long strokeNanolitres;
  private final long noisePpm;
  private final SplittableRandom noise;
  private long biasPpm;
  /** Carried remainder, in nL x ppm (always 0..PPM-1). */
  private long carry;

  AccuracyModel(long strokeNanolitres, HardwareParameters.Accuracy accuracy, SplittableRandom biasDraw, SplittableRandom noise) {
    this.strokeNanolitres = strokeNanolitres;
    this.noisePpm = accuracy.noisePpm();
    this.noise = noise;
    long spread = accuracy.biasSpreadPpm();
    this.biasPpm = accuracy.meanBiasPpm() + (spread == 0 ? 0 : biasDraw.nextLong(-spread, spread + 1));
  }

  /** The true volume of the next rotation. */
  long nextStrokeNanolitres() {
    long factorPpm = PPM + biasPpm + (noisePpm == 0 ? 0 : noise.nextLong(-noisePpm, noisePpm + 1));
    long numerator = strokeNanolitres * factorPpm + carry;
    carry = numerator % PPM;
    return numerator / PPM;
  }

  long biasPpm() {
    return biasPpm;
  }

  /** Refuses a bias that with this model's noise exceeds the largest deviation of one stroke. */
  void requireBiasFits(long newBiasPpm) {
    long max = HardwareParameters.Accuracy.MAX_TOTAL_DEVIATION_PPM;
    if (Math.abs(newBiasPpm) + noisePpm > max) {
      throw new IllegalArgumentException(
          "bias " + newBiasPpm + " ppm plus noise " + noisePpm + " ppm exceeds " + max + " ppm");
    }
  }

  /** Sets a new bias, already checked by {@link #requireBiasFits}. */
  void setBiasPpm(long newBiasPpm) {
    this.biasPpm = newBiasPpm;
  }
}
