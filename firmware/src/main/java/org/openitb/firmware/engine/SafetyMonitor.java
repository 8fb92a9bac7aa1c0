// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

/**
 * The independent safety monitor. It keeps its own state apart from the dose engine: its own
 * integral of the profile (the delivery budget, with the same no-catch-up rule) and its own count
 * of the rotations it expects. Before every stroke it checks that the profile really owes one;
 * after every stroke and at every wake it checks that the rotation counter moved only by the
 * commanded strokes. Any one fault — a corrupted engine accumulator, a motor that turns twice for
 * one command, a rotor turning uncommanded — is therefore stopped within one stroke.
 */
public final class SafetyMonitor {
  private final OwedDelivery budget;
  private long expectedRotations;

  public SafetyMonitor(TherapyProfile profile, long strokeUnits) {
    this.budget = new OwedDelivery(profile, strokeUnits);
  }

  public void restart(long now, long budgetUnits, long rotations) {
    budget.restart(now, budgetUnits);
    expectedRotations = rotations;
  }

  public OwedDelivery budget() {
    return budget;
  }

  /** Rotations sensed beyond those commanded (negative when the counter lost some). */
  public long uncommandedRotations(long sensed) {
    return sensed - expectedRotations;
  }

  /** Accepts the counter as it is (after a runaway has been handled). */
  public void acknowledge(long sensed) {
    expectedRotations = sensed;
  }

  public boolean permitsStroke() {
    return budget.strokeOwed();
  }

  public void strokeTurned() {
    budget.strokeTaken();
    expectedRotations++;
  }

  public long expectedRotations() {
    return expectedRotations;
  }
}
