// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

/**
 * The exact accumulator at the heart of delivery: how much drug (in {@link DeliveryUnits}) the
 * profile has called for that strokes have not yet delivered. The profile is integrated segment
 * by segment in integer arithmetic, so the ideal never drifts; a stroke is owed whenever a whole
 * stroke's worth has accumulated.
 *
 * <p>No catch-up: at most one stroke is ever kept owed beyond the one in progress. Whatever
 * accumulates beyond two strokes (a stalled rotor, a pump that was not awake) is written off and
 * counted, never delivered later as a bolus.
 */
public final class OwedDelivery {
  /** How far ahead {@link #nextDueAt} looks before giving up (the firmware wakes anyway). */
  private static final long LOOKAHEAD_MILLIS = DeliveryUnits.DAY_MILLIS;
  private static final int LOOKAHEAD_MAX_SEGMENTS = 64;

  private final TherapyProfile profile;
  private final RateSegment segment = new RateSegment();
  private final RateSegment scratch = new RateSegment();
  private long strokeUnits;
  private long owed;
  private long integratedTo;

  public OwedDelivery(TherapyProfile profile, long strokeUnits) {
    this.profile = profile;
    this.strokeUnits = strokeUnits;
  }

  /** Starts integrating at {@code now} with {@code owed} units already owed. */
  public void restart(long now, long owed) {
    this.owed = owed;
    this.integratedTo = now;
    profile.segmentAt(now, segment);
  }

  /** The profile changed at {@code now} (after {@link #advanceTo(long) advancing} to it). */
  public void profileChanged(long now) {
    advanceTo(now);
    profile.segmentAt(integratedTo, segment);
  }

  /**
   * Integrates the profile up to {@code now} and returns the strokes written off because more
   * than one stroke had become overdue.
   */
  public long advanceTo(long now) {
    long writtenOff = 0;
    while (now >= segment.end) {
      owed = Math.addExact(owed, Math.multiplyExact(segment.rate, segment.end - integratedTo));
      integratedTo = segment.end;
      writtenOff += writeOffOverdue();
      profile.segmentAt(integratedTo, segment);
    }
    if (now > integratedTo) {
      owed = Math.addExact(owed, Math.multiplyExact(segment.rate, now - integratedTo));
      integratedTo = now;
      writtenOff += writeOffOverdue();
    }
    return writtenOff;
  }

  private long writeOffOverdue() {
    if (owed < 2 * strokeUnits) {
      return 0;
    }
    long strokes = owed / strokeUnits - 1;
    owed -= strokes * strokeUnits;
    return strokes;
  }

  public boolean strokeOwed() {
    return owed >= strokeUnits;
  }

  public void strokeTaken() {
    owed -= strokeUnits;
  }

  /** The first instant at which a stroke will be owed, or NEVER within the look-ahead. */
  public long nextDueAt(long now) {
    long need = strokeUnits - owed;
    if (need <= 0) {
      return now;
    }
    long t = integratedTo;
    long rate = segment.rate;
    long end = segment.end;
    long horizon = t + LOOKAHEAD_MILLIS;
    for (int i = 0; i < LOOKAHEAD_MAX_SEGMENTS && t < horizon; i++) {
      if (rate > 0) {
        long span = end - t;
        long gain = Math.multiplyExact(rate, span);
        if (gain >= need) {
          return t + (need + rate - 1) / rate;
        }
        need -= gain;
      }
      t = end;
      profile.segmentAt(t, scratch);
      rate = scratch.rate;
      end = scratch.end;
    }
    return NEVER;
  }

  public long owed() {
    return owed;
  }

  public long strokeUnits() {
    return strokeUnits;
  }

  /** A new stroke size (concentration change): the owed drug is carried as it is, then any excess written off. */
  public long setStrokeUnits(long strokeUnits) {
    this.strokeUnits = strokeUnits;
    return writeOffOverdue();
  }

  public long integratedTo() {
    return integratedTo;
  }

  /** Test hook: a single-event upset in the accumulator. */
  public void corrupt(long owed) {
    this.owed = owed;
  }
}
