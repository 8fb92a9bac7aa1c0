// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.message.Therapy;

/**
 * A dose change: interrogate, judge the new therapy with the safety chain (titration guardrail,
 * unit plausibility, limits), preview old beside new, commit with a second person where needed,
 * read back. Guarantees: nothing is sent when the chain refuses or a needed second person is
 * missing; the result keeps the preview and the outcome.
 */
public final class DoseChangeWorkflow {
  private DoseChangeWorkflow() {}

  /** The new therapy and the second person's confirmation, if one is given. */
  public record Request(Therapy therapy, Optional<Confirmation> confirmation) {
    public Request {
      Objects.requireNonNull(therapy, "therapy");
      Objects.requireNonNull(confirmation, "confirmation (use Optional.empty())");
    }
  }

  /** The preview (when the pump gave one) and every step's outcome; {@code completed} when the new therapy is confirmed. */
  public record Result(boolean completed, Optional<Preview> preview, List<Outcome> steps) {
    public Result {
      steps = List.copyOf(steps);
    }
  }

  public static Result run(PumpSession session, Request r) {
    session.recorder.workflow("DOSE_CHANGE");
    session.interrogate();
    List<Outcome> steps = new ArrayList<>();
    ProposalOutcome proposal = session.propose(r.therapy());
    if (proposal instanceof Outcome.Refused refused) {
      steps.add(refused);
      return new Result(false, Optional.empty(), steps);
    }
    Preview preview = (Preview) proposal;
    Outcome commit = session.commit(preview, r.confirmation());
    steps.add(commit);
    return new Result(commit instanceof Outcome.Confirmed, Optional.of(preview), steps);
  }
}
