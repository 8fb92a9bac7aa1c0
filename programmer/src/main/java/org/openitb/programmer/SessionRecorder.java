// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.StatusReport;
import org.openitb.programmer.SessionRecord.ChangeEntry;
import org.openitb.programmer.SessionRecord.CheckEntry;
import org.openitb.programmer.SessionRecord.DoseEntry;
import org.openitb.programmer.SessionRecord.EventEntry;
import org.openitb.programmer.SessionRecord.InterrogationEntry;
import org.openitb.programmer.SessionRecord.Person;
import org.openitb.programmer.SessionRecord.ResolutionEntry;

/** Listens to a session and keeps what its {@link SessionRecord} needs; workflows add their sections. */
final class SessionRecorder implements SessionListener {
  private final List<InterrogationEntry> interrogations = new ArrayList<>();
  private final List<ChangeEntry> changes = new ArrayList<>();
  private final List<ResolutionEntry> resolutions = new ArrayList<>();
  private final List<DoseEntry> doses = new ArrayList<>();
  private String workflow = "SESSION";
  SessionRecord.RefillEntry refill;
  SessionRecord.MriEntry postMri;
  SessionRecord.EndEntry end;
  private SafetyReport lastCheck;

  @Override
  public void on(SessionEvent event) {
    switch (event) {
      case SessionEvent.Interrogated e -> interrogations.add(entry(e.interrogation()));
      case SessionEvent.Checked e -> lastCheck = e.report();
      case SessionEvent.Previewed e -> lastCheck = e.preview().safety();
      case SessionEvent.Changed e -> changes.add(change(e));
      case SessionEvent.Resolved e -> resolutions.add(new ResolutionEntry(e.resolution().action(), e.resolution().state().name(), e.resolution().detail()));
      case SessionEvent.EventLogRestarted e -> resolutions.add(new ResolutionEntry("read the pump's event log", "RESTARTED",
          "the stored position " + e.storedPosition() + " lies beyond the pump's log (last event " + e.pumpLastEvent()
              + "): it came from another log, so the whole log was read"));
      case SessionEvent.DoseReconciled e -> doses.add(new DoseEntry(e.dose().action(), e.dose().eventSequence(), e.dose().status().name()));
    }
  }

  void workflow(String name) {
    workflow = name;
  }

  /** The record; {@code unreconciled} are doses still provisional, listed after those the log decided. */
  SessionRecord build(String pumpSerial, String programmerId, Operator operator, List<ProvisionalDose> unreconciled) {
    List<DoseEntry> all = new ArrayList<>(doses);
    unreconciled.forEach(d -> all.add(new DoseEntry(d.action(), d.eventSequence(), d.status().name())));
    return new SessionRecord(SessionRecord.SCHEMA_VERSION, workflow, pumpSerial, programmerId, new Person(operator.id(), operator.role().name()),
        interrogations, changes, resolutions, all, refill, postMri, end);
  }

  static EventEntry event(LogEvent e) {
    return new EventEntry(e.sequence(), e.timeMillis(), e.code(), e.value(), e.source());
  }

  private static InterrogationEntry entry(Interrogation i) {
    StatusReport s = i.status();
    return new InterrogationEntry(s.pumpTimeMillis(), i.pumpLocalTime().toString(), s.reservoir().toString(), s.delivery().name(),
        s.stopExpiresAtMillis(), s.currentRate().toString(), s.battery().name(), s.batteryPercent(), s.interrogationRequired(),
        s.bolusActive(), s.activeAlarms(), s.lastEventSequence(), i.checksum().toString(), i.therapy().map(TherapyView::of).orElse(null),
        i.newEvents().stream().map(SessionRecorder::event).toList());
  }

  private ChangeEntry change(SessionEvent.Changed e) {
    boolean therapyChange = e.neu().isPresent();
    List<CheckEntry> checks = List.of();
    if (therapyChange && lastCheck != null) {
      checks = lastCheck.checks().stream().map(c -> new CheckEntry(c.step(), SafetyReport.verdict(c), c.message())).toList();
    }
    if (e.outcome() instanceof Outcome.Refused r && !r.checks().isEmpty()) {
      checks = r.checks().stream().map(c -> new CheckEntry(c.step(), SafetyReport.verdict(c), c.message())).toList();
    }
    Person confirmedBy = e.confirmation().map(c -> new Person(c.by(), c.role().name())).orElse(null);
    return switch (e.outcome()) {
      case Outcome.Confirmed c -> new ChangeEntry(c.action(), "CONFIRMED", true, c.detail(), c.eventSequence(), view(e.old()), view(e.neu()), checks, confirmedBy);
      case Outcome.Refused r -> new ChangeEntry(r.action(), "REFUSED", r.sent(), r.reason(), 0, view(e.old()), view(e.neu()), checks, confirmedBy);
      case Outcome.Uncertain u -> new ChangeEntry(u.action(), "UNCERTAIN", true, u.what(), 0, view(e.old()), view(e.neu()), checks, confirmedBy);
    };
  }

  private static TherapyView view(Optional<org.openitb.link.message.Therapy> t) {
    return t.map(TherapyView::of).orElse(null);
  }
}
