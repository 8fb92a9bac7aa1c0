// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.StatusReport;

/**
 * The check after an MRI scan (clinical.md 1.5, 1.8: the magnet can stall the motor and delay
 * its logging; interrogate after every MRI): interrogate and read the events since the last
 * session, find the motor stalls and recoveries, confirm the pump delivers again (delivering,
 * every stall followed by a recovery), and confirm the pump cleared its "interrogation required"
 * flag on being read. {@code passed} only when all hold; each failure is a finding that says what
 * to do.
 */
public final class PostMriCheck {
  private PostMriCheck() {}

  /** What the check found. */
  public record Result(
      boolean passed, List<LogEvent> stalls, List<LogEvent> recoveries, boolean deliveryConfirmed, boolean flagWasSet, boolean flagCleared,
      List<String> findings) {
    public Result {
      stalls = List.copyOf(stalls);
      recoveries = List.copyOf(recoveries);
      findings = List.copyOf(findings);
    }
  }

  public static Result run(PumpSession session) {
    EventCodes codes = session.codes();
    session.recorder.workflow("POST_MRI");
    Interrogation first = session.interrogate();
    List<LogEvent> stalls = first.newEvents().stream().filter(e -> e.code() == codes.stallStarted()).toList();
    List<LogEvent> recoveries = first.newEvents().stream().filter(e -> e.code() == codes.stallRecovered()).toList();
    boolean flagWasSet = first.status().interrogationRequired();
    StatusReport after = session.status();
    boolean flagCleared = !after.interrogationRequired();
    long lastStall = stalls.isEmpty() ? 0 : stalls.get(stalls.size() - 1).sequence();
    boolean recovered = stalls.isEmpty() || recoveries.stream().anyMatch(r -> r.sequence() > lastStall);
    boolean delivering = after.delivery() == DeliveryState.DELIVERING;
    List<String> findings = new ArrayList<>();
    findings.add(stalls.size() + " motor stall(s) and " + recoveries.size() + " recovery(ies) logged since the last session");
    if (!recovered) {
      findings.add("the last motor stall (event " + lastStall + ") has no recovery: delivery has not resumed; check again after leaving the"
          + " scanner room and consider imaging the pump (rotor study)");
    }
    if (!delivering) {
      findings.add("the pump reports " + after.delivery() + ", not DELIVERING: the patient is not receiving baclofen; act before the patient leaves");
    }
    if (!flagCleared) {
      findings.add("the pump still reports 'interrogation required' after being read; interrogate again and contact the manufacturer if it persists");
    }
    boolean deliveryConfirmed = recovered && delivering;
    session.recorder.postMri = new SessionRecord.MriEntry(stalls.stream().map(SessionRecorder::event).toList(),
        recoveries.stream().map(SessionRecorder::event).toList(), deliveryConfirmed, flagWasSet, flagCleared, findings);
    return new Result(deliveryConfirmed && flagCleared, stalls, recoveries, deliveryConfirmed, flagWasSet, flagCleared, findings);
  }
}
