// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

/**
 * The drug really in the reservoir: a volume in nanolitres and the mass of drug dissolved in it in
 * nanograms, so that a refill of a different concentration onto a residual mixes truly (the
 * concentration is the ratio). Guarantees: volume and mass never go below zero or above what was
 * put in; the volume never exceeds the nominal capacity (an overfill is refused); mass is
 * conserved exactly (what a stroke takes is rounded down and the remainder stays in the mix).
 * {@link #generation()} changes whenever the mix changes by a fill or a withdrawal.
 */
final class TrueReservoir {
  static final long NANOLITRES_PER_MILLILITRE = 1_000_000;

  private final long capacityNanolitres;
  private long volumeNanolitres;
  private long massNanograms;
  private int generation;

  TrueReservoir(long capacityNanolitres) {
    this.capacityNanolitres = capacityNanolitres;
  }

  /** How much of {@code wantedNanolitres} the reservoir can give. */
  long available(long wantedNanolitres) {
    return Math.min(wantedNanolitres, volumeNanolitres);
  }

  /** The drug mass in {@code nanolitres} of the current mix, rounded down. */
  long massOf(long nanolitres) {
    if (nanolitres == volumeNanolitres) {
      return massNanograms; // the last drop takes every nanogram left
    }
    return Math.multiplyExact(massNanograms, nanolitres) / volumeNanolitres;
  }

  /** Removes a part previously sized by {@link #available} and {@link #massOf}. */
  void remove(long nanolitres, long nanograms) {
    volumeNanolitres -= nanolitres;
    massNanograms -= nanograms;
  }

  /** Adds up to the free space; returns the volume that entered. */
  long fill(long nanolitres, long nanogramsPerMillilitre) {
    long entered = Math.min(nanolitres, capacityNanolitres - volumeNanolitres);
    if (entered > 0) {
      volumeNanolitres += entered;
      massNanograms = Math.addExact(massNanograms, massAt(entered, nanogramsPerMillilitre));
      generation++;
    }
    return entered;
  }

  /** Empties the reservoir through the needle (read the mass first if it matters); returns the volume withdrawn. */
  long withdrawAll() {
    long withdrawn = volumeNanolitres;
    volumeNanolitres = 0;
    massNanograms = 0;
    generation++;
    return withdrawn;
  }

  static long massAt(long nanolitres, long nanogramsPerMillilitre) {
    return Math.multiplyExact(nanolitres, nanogramsPerMillilitre) / NANOLITRES_PER_MILLILITRE;
  }

  long volumeNanolitres() {
    return volumeNanolitres;
  }

  long massNanograms() {
    return massNanograms;
  }

  int generation() {
    return generation;
  }
}
