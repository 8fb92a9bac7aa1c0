// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;

/**
 * An uncertain change handed from a session whose link died to the next session with the same
 * pump ({@link PumpSession.Builder#carryOver}), so that the next interrogation resolves it there.
 * Opaque: only the action is visible.
 */
public final class UnresolvedChange {
  final Pending pending;
  final long lastSeenEvent;

  UnresolvedChange(Pending pending, long lastSeenEvent) {
    this.pending = Objects.requireNonNull(pending);
    this.lastSeenEvent = lastSeenEvent;
  }

  /** What was attempted. */
  public String action() {
    return pending.action();
  }

  @Override
  public String toString() {
    return "uncertain: " + action();
  }
}
