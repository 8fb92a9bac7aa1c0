// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;

/**
 * A delivery the pump acknowledged (a bolus) that counts only once the pump's own event log shows
 * it (the LoopKit lesson). {@code eventSequence} is the log entry named in the acknowledgement.
 */
public record ProvisionalDose(String action, long eventSequence, Status status) {
  /** Where the dose stands. */
  public enum Status {
    /** Acknowledged, not yet seen in the pump's log. */
    PROVISIONAL,
    /** The pump's log holds the entry the acknowledgement named. */
    CONFIRMED_BY_LOG,
    /** The log moved past that entry without it (overwritten or never written): treat as not delivered. */
    NOT_IN_LOG
  }

  public ProvisionalDose {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
  }

  ProvisionalDose with(Status s) {
    return new ProvisionalDose(action, eventSequence, s);
  }
}
