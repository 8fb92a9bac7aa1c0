// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.util.List;
import java.util.Objects;

/**
 * How a change ended, always one of three and never silently: {@link Confirmed} (the pump
 * acknowledged it; a delivered dose stays provisional until the pump's own log shows it),
 * {@link Refused} (nothing was sent, or the pump refused and changed nothing), or
 * {@link Uncertain} (sent but not acknowledged: the pump may or may not have acted, and the next
 * interrogation resolves which).
 */
public sealed interface Outcome permits Outcome.Confirmed, Outcome.Refused, Outcome.Uncertain {
  /** What was attempted, e.g. "commit therapy", "bridge bolus 0.250 mL over 600 min". */
  String action();

  /** The pump acknowledged; {@code eventSequence} is its log entry for the change. */
  record Confirmed(String action, long eventSequence, long pumpTimeMillis, String detail) implements Outcome {
    public Confirmed {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * Refused: {@code sent} says whether a request reached the pump (it then refused and changed
   * nothing) or the programmer stopped it first; {@code reason} says why and what to do.
   */
  record Refused(String action, boolean sent, String reason, List<Finding> checks) implements Outcome, ProposalOutcome {
    public Refused {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
      checks = List.copyOf(checks);
    }

    static Refused before(String action, String reason) {
      return new Refused(action, false, reason, List.of());
    }
  }

  /** Sent, not acknowledged: interrogate the pump to learn what it runs; never simply send it again. */
  record Uncertain(String action, String what) implements Outcome {
    public Uncertain {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(what, "what");
    }
  }
}
