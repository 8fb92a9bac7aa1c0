// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;

/** How an {@link Outcome.Uncertain} was resolved by a later interrogation, from the pump's own state and log. */
public record Resolution(String action, State state, String detail) {
  /** What the pump turned out to have done. */
  public enum State {
    /** The pump runs the therapy whose commit went unacknowledged. */
    NEW_THERAPY_RUNNING,
    /** The pump still runs the therapy it ran before: the commit never took effect. */
    OLD_THERAPY_RUNNING,
    /** The pump runs neither: read the therapy and review before anything else. */
    OTHER_THERAPY_RUNNING,
    /** The pump's log shows the command was carried out. */
    DONE,
    /** The pump's log shows no trace of the command: it was not carried out. */
    NOT_DONE
  }

  public Resolution {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
