// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.ArrayDeque;

/**
 * The dead space between the reservoir and the catheter tip (pump tubing plus catheter), first in
 * first out: what enters at the pump pushes the same volume out at the tip, and the drug in that
 * volume is what was pushed in a dead space earlier. This is why a concentration change needs a
 * bridge bolus and why a new catheter needs a priming bolus (clinical.md 1.2, 1.8).
 *
 * <p>The fluid is kept as segments, one per reservoir mix: strokes of the same mix merge into the
 * last segment, so a stroke allocates nothing and the segment count stays at the number of refills
 * still inside the path. Guarantees: the volume inside is always the dead space; mass is conserved
 * exactly (what leaves a segment is rounded down, the remainder stays).
 */
final class FluidPath {
  /** A generation no reservoir mix has: fluid that was in the path before any stroke. */
  private static final int BEFORE_ANY_STROKE = Integer.MIN_VALUE;

  private static final class Segment {
    long volumeNanolitres;
    long massNanograms;
    final int generation;

    Segment(long volumeNanolitres, long massNanograms, int generation) {
      this.volumeNanolitres = volumeNanolitres;
      this.massNanograms = massNanograms;
      this.generation = generation;
    }
  }

  private final long deadSpaceNanolitres;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();

  /** A path full of drug-free fluid (saline or spinal fluid: a new catheter before priming). */
  FluidPath(long deadSpaceNanolitres) {
    this.deadSpaceNanolitres = deadSpaceNanolitres;
    refillWith(0);
  }

  /** Replaces the whole content with drug at {@code nanogramsPerMillilitre} (0 = drug-free). */
  void refillWith(long nanogramsPerMillilitre) {
    segments.clear();
    if (deadSpaceNanolitres > 0) {
      segments.add(new Segment(
          deadSpaceNanolitres, TrueReservoir.massAt(deadSpaceNanolitres, nanogramsPerMillilitre), BEFORE_ANY_STROKE));
    }
  }

  /**
   * Pushes {@code nanolitres} carrying {@code nanograms} of the reservoir mix {@code generation}
   * in at the pump; returns the drug mass that the same volume carries out at the tip.
   */
  long push(long nanolitres, long nanograms, int generation) {
    if (deadSpaceNanolitres == 0 || nanolitres == 0) {
      return nanograms;
    }
    Segment tail = segments.peekLast();
    if (tail.generation == generation) {
      tail.volumeNanolitres += nanolitres;
      tail.massNanograms += nanograms;
    } else {
      segments.addLast(new Segment(nanolitres, nanograms, generation));
    }
    long out = 0;
    long toPush = nanolitres;
    while (toPush > 0) {
      Segment head = segments.peekFirst();
      if (head.volumeNanolitres <= toPush) {
        out += head.massNanograms;
        toPush -= head.volumeNanolitres;
        segments.pollFirst();
      } else {
        long mass = Math.multiplyExact(head.massNanograms, toPush) / head.volumeNanolitres;
        head.massNanograms -= mass;
        head.volumeNanolitres -= toPush;
        out += mass;
        toPush = 0;
      }
    }
    return out;
  }

  long massNanograms() {
    long total = 0;
    for (Segment s : segments) {
      total += s.massNanograms;
    }
    return total;
  }
}
