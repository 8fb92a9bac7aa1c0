// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Optional;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.StatusReport;
import org.openitb.therapy.prescription.Stopped;

/**
 * The last step of every visit (clinical.md 1.8: incomplete sessions left pumps stopped for up to
 * 21 days). It reads the pump once more and refuses to let the session end while the pump does
 * not deliver (stopped, stalled, out of service, a Stopped basal program or no therapy) unless an
 * explicit {@link StopDecision} (who, why, expiry) is given, which is then recorded. It also
 * refuses while a change is uncertain or the pump cannot be read.
 */
public final class EndOfSessionCheck {
  private EndOfSessionCheck() {}

  /** May the session end? */
  public sealed interface Result permits MayEnd, MustNotEnd {
    String reason();
  }

  /** The session may end; {@code decision} is the recorded stop decision when the pump is left stopped. */
  public record MayEnd(String reason, Optional<StopDecision> decision) implements Result {}

  /** The session must not end yet; {@code reason} says what to do. */
  public record MustNotEnd(String reason) implements Result {}

  public static Result run(PumpSession session, Optional<StopDecision> decision) {
    if (session.uncertain()) {
      return record(session, null, false, new MustNotEnd("a change is still uncertain: interrogate the pump before ending the session"), decision);
    }
    Interrogation now;
    try {
      now = session.interrogate();
    } catch (ProgrammerException e) {
      return record(session, null, false, new MustNotEnd("the pump could not be read to confirm it delivers (" + e.getMessage()
          + "); do not end the visit before it is read"), decision);
    }
    StatusReport s = now.status();
    boolean stopped = s.delivery() != DeliveryState.DELIVERING || now.therapy().isEmpty()
        || now.therapy().get().prescription().basal() instanceof Stopped;
    if (!stopped) {
      return record(session, s, false, new MayEnd("the pump delivers its therapy", Optional.empty()), Optional.empty());
    }
    String state = now.therapy().isEmpty() ? "has no therapy" : s.delivery() != DeliveryState.DELIVERING ? "is " + s.delivery() : "runs a Stopped basal program";
    if (decision.isEmpty()) {
      return record(session, s, true, new MustNotEnd("the pump " + state + ": the patient would receive no baclofen (withdrawal risk)."
          + " Resume or program delivery, or record an explicit decision to leave it stopped (who, why, expiry)"), decision);
    }
    StopDecision d = decision.get();
    if (s.delivery() == DeliveryState.STOPPED && s.stopExpiresAtMillis() - s.pumpTimeMillis() > d.expiry().toMillis()) {
      return record(session, s, true, new MustNotEnd("the pump's stop expires later than decided (in "
          + (s.stopExpiresAtMillis() - s.pumpTimeMillis()) / 60_000 + " min, decided " + d.expiry().toMinutes() + " min); stop it again with the decided expiry"), decision);
    }
    return record(session, s, true, new MayEnd("the pump " + state + " by decision of " + d.by() + ": " + d.why()
        + " (expires in " + d.expiry().toMinutes() + " min into a critical alarm)", decision), decision);
  }

  private static Result record(PumpSession session, StatusReport s, boolean stoppedAtEnd, Result result, Optional<StopDecision> decision) {
    session.recorder.end = new SessionRecord.EndEntry(s == null ? "UNKNOWN" : s.delivery().name(), stoppedAtEnd, result instanceof MayEnd,
        result.reason(), decision.map(d -> new SessionRecord.StopDecisionEntry(d.by(), d.why(), d.expiry().toMinutes())).orElse(null));
    return result;
  }
}
