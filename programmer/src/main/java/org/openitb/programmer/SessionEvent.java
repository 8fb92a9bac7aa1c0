// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Optional;
import org.openitb.link.message.Therapy;

/** What a {@link PumpSession} reports to its {@link SessionListener}, in the order it happened. */
public sealed interface SessionEvent {
  /** The pump was read. */
  record Interrogated(Interrogation interrogation) implements SessionEvent {}

  /** A proposal was judged by the safety chain; a refused one was never sent. */
  record Checked(Therapy proposed, SafetyReport report) implements SessionEvent {}

  /** The pump accepted a proposal and holds it pending. */
  record Previewed(Preview preview) implements SessionEvent {}

  /** A change ended: {@code old} and {@code neu} are set for therapy commits, {@code confirmation} when a second person confirmed. */
  record Changed(Outcome outcome, Optional<Therapy> old, Optional<Therapy> neu, Optional<Confirmation> confirmation) implements SessionEvent {}

  /** An earlier uncertain outcome was resolved by an interrogation. */
  record Resolved(Resolution resolution) implements SessionEvent {}

  /**
   * The event position the session was given ({@code storedPosition}) lies beyond the pump's log,
   * which ends at {@code pumpLastEvent}: it came from another log (a pump replaced under the same
   * serial, stale records), so the whole log was read instead.
   */
  record EventLogRestarted(long storedPosition, long pumpLastEvent) implements SessionEvent {}

  /** A delivered dose acknowledged earlier was found (or not) in the pump's own event log. */
  record DoseReconciled(ProvisionalDose dose) implements SessionEvent {}
}
