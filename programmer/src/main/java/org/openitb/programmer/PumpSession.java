// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.openitb.link.LinkException;
import org.openitb.link.message.CommandAck;
import org.openitb.link.message.CommitAck;
import org.openitb.link.message.EventsPage;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyChecksum;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.TherapyReport;
import org.openitb.link.session.ArmedSession;
import org.openitb.link.session.LinkTimeoutException;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.session.ProgrammerSession;
import org.openitb.link.session.PumpRefusedException;
import org.openitb.link.session.SafetyGateException;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * A clinician's session with one pump, on top of a link {@link ProgrammerSession}. Guarantees:
 *
 * <ul>
 *   <li>every therapy change is judged by the {@link SafetyChain} before anything is sent; a
 *       refused one is never sent, and one that needs a second person is committed only with a
 *       {@link Confirmation} by a user other than the {@link Operator};
 *   <li>therapy changes are transactions: propose, {@link Preview} (old beside new, as the pump
 *       returned them), commit by that preview's checksum, read back and compared; until the
 *       commit the pump runs its old therapy;
 *   <li>every change returns an explicit {@link Outcome}; an unacknowledged one is
 *       {@link Outcome.Uncertain} and blocks further changes until an {@link #interrogate()}
 *       resolves from the pump's own state and log what it did; nothing is ever re-sent blindly;
 *   <li>acknowledged boluses stay {@link ProvisionalDose provisional} until the pump's log shows them;
 *   <li>every step is reported to the listener in order, and {@link #record()} gives the session's
 *       {@link SessionRecord}.
 * </ul>
 *
 * Not thread-safe, like the radio it drives. Reads that fail throw {@link ProgrammerException}.
 */
public final class PumpSession implements AutoCloseable {
  private final ProgrammerSession link;
  private final Operator operator;
  private final PatientContext patient;
  private final DrugLibrary library;
  private final SafetyChain chain;
  private final EventCodes codes;
  private final String programmerId;
  private final SessionListener listener;
  /** The station's co-signing clinician credential, for a confirmation the caller verified without one of its own. */
  private final Optional<org.openitb.link.security.DeviceCredential> coSigningCredential;
  final SessionRecorder recorder = new SessionRecorder();
  private final List<ProvisionalDose> provisional = new ArrayList<>();
  private long lastSeenEvent;
  private Interrogation last;
  /** What the pump runs as far as this session knows: from the last interrogation or a confirmed commit since. */
  private Optional<Therapy> running = Optional.empty();
  private TherapyChecksum runningChecksum = TherapyChecksum.NONE;
  /** A dose increase confirmed in this session (pump-local), for the titration interval. */
  private Optional<LocalDateTime> increasedAt = Optional.empty();
  private Pending pending;
  private Preview latestPreview;

  private PumpSession(Builder b) {
    this.link = Objects.requireNonNull(b.link, "link session (use open(...) or link(...))");
    this.operator = Objects.requireNonNull(b.operator, "operator");
    this.patient = Objects.requireNonNull(b.patient, "patient");
    this.library = Objects.requireNonNull(b.library, "library");
    this.chain = SafetyChain.standard(library);
    this.codes = b.codes;
    this.programmerId = b.programmerId;
    this.listener = b.listener;
    this.coSigningCredential = b.coSigningCredential;
    this.lastSeenEvent = b.lastSeenEvent;
    if (b.carried != null) {
      this.pending = b.carried.pending;
      // read from the earlier session's position (or earlier, if the caller knows one) so the log evidence is included
      this.lastSeenEvent = Math.min(b.lastSeenEvent == 0 ? Long.MAX_VALUE : b.lastSeenEvent, b.carried.lastSeenEvent);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Operator operator() {
    return operator;
  }

  public PatientContext patient() {
    return patient;
  }

  public String pumpSerial() {
    return link.pumpSerial();
  }

  EventCodes codes() {
    return codes;
  }

  SafetyChain chain() {
    return chain;
  }

  /** The latest interrogation, if any. */
  public Optional<Interrogation> lastInterrogation() {
    return Optional.ofNullable(last);
  }

  /** True while a change is uncertain; only an {@link #interrogate()} clears it. */
  public boolean uncertain() {
    return pending != null;
  }

  /** The uncertain change, if any, to hand to a new session when this one's link is lost for good. */
  public Optional<UnresolvedChange> unresolved() {
    return Optional.ofNullable(pending).map(p -> new UnresolvedChange(p, lastSeenEvent));
  }

  /** The highest event sequence read so far; pass it to the next session so it reads only new events. */
  public long lastSeenEvent() {
    return lastSeenEvent;
  }

  /** Boluses acknowledged in this session and where each stands against the pump's log. */
  public List<ProvisionalDose> provisionalDoses() {
    return List.copyOf(provisional);
  }

  // ------------------------------------------------------------------ reads

  /**
   * Reads status, therapy and every event since the last one seen; resolves an uncertain change
   * and reconciles provisional doses against the log.
   */
  public Interrogation interrogate() {
    StatusReport status;
    TherapyReport therapy;
    List<LogEvent> events;
    try {
      status = link.status();
      therapy = link.therapy();
      if (status.lastEventSequence() < lastSeenEvent) {
        // The pump's log ends before the position we were given: that position came from another log (a pump replaced
        // under the same serial, stale records). Reading from it would hide every event, so read the whole log, and say so.
        listener(new SessionEvent.EventLogRestarted(lastSeenEvent, status.lastEventSequence()));
        lastSeenEvent = 0;
      }
      events = link.allEventsSince(lastSeenEvent);
    } catch (LinkException e) {
      throw new ProgrammerException("interrogation failed (" + e.getMessage() + "); nothing was changed by it."
          + " Hold the programmer head over the pump and interrogate again" + (pending != null ? "; the change '" + pending.action()
          + "' is still uncertain" : ""), e);
    }
    if (!events.isEmpty()) {
      lastSeenEvent = events.get(events.size() - 1).sequence();
    }
    Optional<Resolution> resolution = Optional.ofNullable(pending).map(p -> resolve(p, therapy.checksum(), events));
    pending = null;
    last = new Interrogation(status, therapy.therapy(), therapy.checksum(), events, localTime(status), resolution);
    running = therapy.therapy();
    runningChecksum = therapy.checksum();
    listener(new SessionEvent.Interrogated(last));
    resolution.ifPresent(r -> listener(new SessionEvent.Resolved(r)));
    reconcile(events);
    return last;
  }

  /** One read of the status (no events, no resolution). */
  public StatusReport status() {
    try {
      return link.status();
    } catch (LinkException e) {
      throw new ProgrammerException("status read failed (" + e.getMessage() + "); interrogate again", e);
    }
  }

  /** Every event after {@code afterSequence}, page by page. */
  public List<LogEvent> eventsSince(long afterSequence) {
    try {
      return link.allEventsSince(afterSequence);
    } catch (LinkException e) {
      throw new ProgrammerException("event log read failed (" + e.getMessage() + "); read again", e);
    }
  }

  /** One page of events (for a caller that pages itself). */
  public EventsPage eventsPage(long afterSequence, int maxEvents) {
    try {
      return link.eventsSince(afterSequence, maxEvents);
    } catch (LinkException e) {
      throw new ProgrammerException("event log read failed (" + e.getMessage() + "); read again", e);
    }
  }

  // ------------------------------------------------------------------ therapy transaction

  /**
   * Judges {@code proposed} with the safety chain against the therapy read at the last
   * interrogation (interrogating first if there was none) and, unless refused, proposes it to
   * the pump, which validates it and holds it pending. Nothing changes delivery.
   */
  public ProposalOutcome propose(Therapy proposed) {
    String action = "propose therapy";
    if (pending != null) {
      return refusedProposal(Outcome.Refused.before(action, uncertainFirst()), proposed);
    }
    Interrogation now = last != null ? last : interrogate();
    SafetyReport report = chain.evaluate(running, proposed, patientNow(), now.pumpLocalTime());
    listener(new SessionEvent.Checked(proposed, report));
    if (report.refused()) {
      String reasons = SafetyReport.messages(report.refusals());
      return refusedProposal(new Outcome.Refused(action, false, "refused by the safety chain, nothing was sent: " + reasons, report.checks()), proposed);
    }
    TherapyPreview pumpPreview;
    try {
      pumpPreview = link.propose(proposed);
    } catch (PumpRefusedException e) {
      return refusedProposal(new Outcome.Refused(action, true, "the pump refused the proposal and changed nothing: " + e.getMessage(), report.checks()), proposed);
    } catch (LinkException e) {
      return refusedProposal(new Outcome.Refused(action, true, "no valid answer to the proposal (" + e.getMessage()
          + "); a proposal never changes delivery, the pump runs its old therapy. Interrogate and propose again", report.checks()), proposed);
    }
    TherapyChecksum pumpRunning = pumpPreview.current().map(org.openitb.link.codec.MessageCodec::checksum).orElse(TherapyChecksum.NONE);
    if (!pumpRunning.equals(runningChecksum)) {
      return refusedProposal(new Outcome.Refused(action, true, "the pump's therapy changed since it was last read (checksum " + runningChecksum
          + " then, " + pumpRunning + " now); nothing was committed. Interrogate and propose again", report.checks()), proposed);
    }
    latestPreview = new Preview(pumpPreview.current(), pumpPreview.proposed(), pumpPreview.checksum(), report, pumpPreview);
    listener(new SessionEvent.Previewed(latestPreview));
    return latestPreview;
  }

  /**
   * Commits {@code preview} by its checksum, then reads the therapy back and checks the pump runs
   * exactly what was previewed. {@code confirmation} is required when the preview needs a second
   * person and must come from a user other than the operator.
   */
  public Outcome commit(Preview preview, Optional<Confirmation> confirmation) {
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(confirmation, "confirmation (use Optional.empty())");
    String action = "commit therapy " + preview.checksum();
    Outcome outcome = commitChecked(preview, confirmation, action);
    listener(new SessionEvent.Changed(outcome, preview.current(), Optional.of(preview.proposed()), confirmation));
    return outcome;
  }

  @SuppressWarnings("ReferenceEquality") // only the very preview object this session handed out last may be committed
  private Outcome commitChecked(Preview preview, Optional<Confirmation> confirmation, String action) {
    if (pending != null) {
      return Outcome.Refused.before(action, uncertainFirst());
    }
    if (preview != latestPreview) {
      return Outcome.Refused.before(action, "not the latest preview of this session (a newer proposal or a commit replaced it); propose again");
    }
    Optional<String> secondPerson = secondPersonProblem(preview.safety(), confirmation);
    if (secondPerson.isPresent()) {
      return new Outcome.Refused(action, false, secondPerson.get(), preview.safety().checks());
    }
    latestPreview = null;
    TherapyChecksum old = preview.current().map(org.openitb.link.codec.MessageCodec::checksum).orElse(TherapyChecksum.NONE);
    CommitAck ack;
    try {
      ArmedSession armed = link.arm();
      Optional<org.openitb.link.security.DeviceCredential> cosigner = coSigner(confirmation);
      if (cosigner.isPresent()) {
        // the second clinician signs this transition with their own credential; the pump verifies it
        byte[] signed = org.openitb.link.message.CoSignature.signedBytes(link.pumpSerial(), old, preview.checksum());
        ack = armed.commit(preview.pumpPreview(),
            new org.openitb.link.message.CoSignature(cosigner.get().deviceId(), cosigner.get().sign(signed)));
      } else {
        ack = armed.commit(preview.pumpPreview());
      }
    } catch (SafetyGateException e) {
      return Outcome.Refused.before(action, "not sent: " + e.getMessage());
    } catch (PumpRefusedException e) {
      return new Outcome.Refused(action, true, "the pump refused the commit and runs its old therapy: " + e.getMessage(), List.of());
    } catch (LinkException e) {
      pending = new Pending.Commit(action, old, preview.checksum());
      return new Outcome.Uncertain(action, "commit sent but not acknowledged (" + e.getMessage() + "): the pump runs either the old therapy "
          + old + " or the new " + preview.checksum() + ", never a mix. Interrogate to learn which; do not commit again blindly");
    }
    if (!ack.checksum().equals(preview.checksum())) {
      pending = new Pending.Commit(action, old, preview.checksum());
      return new Outcome.Uncertain(action, "the pump acknowledged checksum " + ack.checksum() + " instead of " + preview.checksum() + "; interrogate");
    }
    try {
      TherapyReport back = link.therapy();
      if (back.checksum().equals(preview.checksum()) && back.therapy().equals(Optional.of(preview.proposed()))) {
        running = back.therapy();
        runningChecksum = back.checksum();
        boolean increase = DailyDose.of(preview.proposed().prescription()).compareTo(
            preview.current().map(t -> DailyDose.of(t.prescription())).orElse(org.openitb.therapy.units.DoseRate.ZERO)) > 0;
        if (increase && last != null) {
          increasedAt = Optional.of(LocalDateTime.ofInstant(Instant.ofEpochMilli(ack.pumpTimeMillis()),
              ZoneOffset.ofTotalSeconds(last.status().utcOffsetMinutes() * 60)));
        }
        return new Outcome.Confirmed(action, ack.eventSequence(), ack.pumpTimeMillis(), "read back: the pump runs exactly the committed therapy");
      }
      pending = new Pending.Commit(action, old, preview.checksum());
      return new Outcome.Uncertain(action, "acknowledged, but the read-back shows checksum " + back.checksum() + "; interrogate and review");
    } catch (LinkException e) {
      pending = new Pending.Commit(action, old, preview.checksum());
      return new Outcome.Uncertain(action, "acknowledged (log event " + ack.eventSequence() + ") but the read-back failed (" + e.getMessage()
          + "); interrogate to verify the pump runs the new therapy");
    }
  }

  /** The patient context with an increase confirmed in this session as the last increase, if later than the record's. */
  private PatientContext patientNow() {
    if (increasedAt.isEmpty() || patient.lastIncrease().filter(t -> !t.isBefore(increasedAt.get())).isPresent()) {
      return patient;
    }
    return new PatientContext(patient.pump(), patient.catheter(), patient.catheterLengthCm(), patient.etiology(), increasedAt);
  }

  /**
   * The credential that co-signs for {@code confirmation}: its own, else the station's co-signing
   * credential (the caller verified the second person); empty without a confirmation.
   */
  private Optional<org.openitb.link.security.DeviceCredential> coSigner(Optional<Confirmation> confirmation) {
    if (confirmation.isEmpty()) {
      return Optional.empty();
    }
    return confirmation.get().credential().or(() -> coSigningCredential);
  }

  /** Why {@code confirmation} cannot count as the second person of a command; empty when it can (or none is needed and none given). */
  private Optional<String> commandSecondPersonProblem(Optional<String> needed, Optional<Confirmation> confirmation) {
    if (coSigner(confirmation).filter(c -> c.deviceId().equals(programmerId)).isPresent()) {
      return Optional.of("second-person confirmation: the co-signing credential must be another clinician's, not this programmer's ("
          + programmerId + ")");
    }
    if (confirmation.isPresent() && confirmation.get().by().equalsIgnoreCase(operator.id())) {
      return Optional.of("second-person confirmation: must come from a user other than the operator (got '" + confirmation.get().by()
          + "', the operator); ask a second clinician to verify");
    }
    if (needed.isPresent() && confirmation.isEmpty()) {
      return Optional.of("second-person confirmation required, nothing was sent: " + needed.get());
    }
    if (needed.isPresent() && coSigner(confirmation).isEmpty()) {
      // the pump's model requires the co-signature for this command and refuses it unsigned (link/PROTOCOL.md 8.10)
      return Optional.of("second-person confirmation required, nothing was sent: '" + confirmation.get().by() + "' confirmed by name only, and a"
          + " typed name is not a second person: the pump needs the second clinician's credential to co-sign (" + needed.get() + ")");
    }
    return Optional.empty();
  }

  private Optional<String> secondPersonProblem(SafetyReport safety, Optional<Confirmation> confirmation) {
    if (coSigner(confirmation).filter(c -> c.deviceId().equals(programmerId)).isPresent()) {
      return Optional.of("second-person confirmation: the co-signing credential must be another clinician's, not this programmer's ("
          + programmerId + ")");
    }
    if (confirmation.isPresent() && confirmation.get().by().equalsIgnoreCase(operator.id())) {
      return Optional.of("second-person confirmation: must come from a user other than the operator (got '" + confirmation.get().by()
          + "', the operator); ask a second clinician to verify");
    }
    if (safety.secondPersonRequired() && confirmation.isEmpty()) {
      return Optional.of("second-person confirmation required, nothing was sent: "
          + SafetyReport.messages(safety.secondPersonReasons()));
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ commands

  /** A one-off clinician bolus; above {@value LocalChecks#BOLUS_SECOND_PERSON_PERCENT} % of the daily dose a second person must confirm. */
  public Outcome clinicianBolus(Mass dose, Duration duration, Optional<Confirmation> confirmation) {
    String action = "clinician bolus " + dose + " over " + duration.toMinutes() + " min";
    if (last == null) {
      interrogate();
    }
    Optional<String> refusal = LocalChecks.clinicianBolus(dose, duration, running, patient).map(Finding::message);
    if (refusal.isEmpty()) {
      refusal = LocalChecks.bolusSecondPerson(dose, running).flatMap(f -> confirmation.isEmpty()
          ? Optional.of("second-person confirmation required, nothing was sent: " + f.message()) : Optional.empty());
    }
    if (refusal.isEmpty() && confirmation.isPresent() && confirmation.get().by().equalsIgnoreCase(operator.id())) {
      refusal = Optional.of("second-person confirmation: must come from a user other than the operator (got '" + confirmation.get().by() + "')");
    }
    return command(action, MessageType.CLINICIAN_BOLUS, codes.bolusStarted(), refusal, true, confirmation, a -> a.clinicianBolus(dose, duration));
  }

  /** A priming bolus; refused if larger than the fluid path (pump tubing + implanted catheter). */
  public Outcome primingBolus(Volume volume, Duration duration) {
    String action = "priming bolus " + volume + " over " + duration.toMinutes() + " min";
    return command(action, MessageType.PRIMING_BOLUS, codes.bolusStarted(), LocalChecks.deadSpaceBolus("priming", volume, patient).map(Finding::message),
        true, Optional.empty(), a -> a.primingBolus(volume, duration));
  }

  /** A bridge bolus after a concentration change; refused if larger than the dead volume. */
  public Outcome bridgeBolus(Volume volume, Duration duration) {
    String action = "bridge bolus " + volume + " over " + duration.toMinutes() + " min";
    return command(action, MessageType.BRIDGE_BOLUS, codes.bolusStarted(), LocalChecks.deadSpaceBolus("bridge", volume, patient).map(Finding::message),
        true, Optional.empty(), a -> a.bridgeBolus(volume, duration));
  }

  /** Records a refill in the pump: the new reservoir volume, drug and concentration, and the volume withdrawn first. */
  public Outcome refill(Volume reservoirVolume, Drug drug, Concentration concentration, Volume withdrawn) {
    return refill(reservoirVolume, drug, concentration, withdrawn, Optional.empty());
  }

  /**
   * Records a refill in the pump. A change of the programmed therapy's drug or concentration needs
   * {@code confirmation} by a second person where the pump's model says so; the programmer then
   * co-signs the REFILL with the second clinician's credential and the pump checks it
   * (link/PROTOCOL.md 8.10).
   */
  public Outcome refill(Volume reservoirVolume, Drug drug, Concentration concentration, Volume withdrawn, Optional<Confirmation> confirmation) {
    Objects.requireNonNull(confirmation, "confirmation (use Optional.empty())");
    String action = "refill " + reservoirVolume + " of " + drug.name() + " " + concentration + " (withdrawn " + withdrawn + ")";
    if (last == null) {
      interrogate();
    }
    Optional<String> refusal = LocalChecks.refill(reservoirVolume, drug, concentration, withdrawn, library, patient).map(Finding::message);
    if (refusal.isEmpty()) {
      refusal = commandSecondPersonProblem(
          patient.pump().secondPerson().refillReason(running.map(Therapy::prescription), drug.name(), concentration), confirmation);
    }
    Optional<org.openitb.link.security.DeviceCredential> cosigner = coSigner(confirmation);
    return command(action, MessageType.REFILL, codes.refilled(), refusal, false, confirmation, a -> cosigner.isPresent()
        ? a.refill(reservoirVolume, drug, concentration, withdrawn, cosigner.get())
        : a.refill(reservoirVolume, drug, concentration, withdrawn));
  }

  /** Sets the pump clock (ms since the epoch) and its UTC offset; flex schedules follow pump-local time. */
  public Outcome setClock(long timeMillis, int utcOffsetMinutes) {
    String action = "set clock " + Instant.ofEpochMilli(timeMillis) + " offset " + utcOffsetMinutes + " min";
    return command(action, MessageType.SET_CLOCK, codes.clockSet(), Optional.empty(), false, Optional.empty(), a -> a.setClock(timeMillis, utcOffsetMinutes));
  }

  /** A deliberate stop: only with a recorded decision, and it expires into a critical alarm. */
  public Outcome stop(StopDecision decision) {
    return stop(decision, Optional.empty());
  }

  /**
   * A deliberate stop, co-signed by a second person's credential when {@code confirmation} is
   * given. One clinician may stop for the pump model's emergency window (an overdose is ended at
   * once); a longer stop needs a second person, and so does a second stop within a day (the pump
   * decides that part and refuses SECOND_PERSON_REQUIRED; link/PROTOCOL.md 8.10).
   */
  public Outcome stop(StopDecision decision, Optional<Confirmation> confirmation) {
    Objects.requireNonNull(decision, "decision (a stop needs an explicit, recorded decision)");
    Objects.requireNonNull(confirmation, "confirmation (use Optional.empty())");
    String action = "stop delivery for " + decision.expiry().toMinutes() + " min (decided by " + decision.by() + ": " + decision.why() + ")";
    Optional<String> refusal = commandSecondPersonProblem(patient.pump().secondPerson().stopReason(decision.expiry().toMinutes(), false), confirmation);
    Optional<org.openitb.link.security.DeviceCredential> cosigner = coSigner(confirmation);
    return command(action, MessageType.STOP_DELIVERY, codes.therapyStopped(), refusal, false, confirmation,
        a -> cosigner.isPresent() ? a.stop(decision.expiry(), cosigner.get()) : a.stop(decision.expiry()));
  }

  /** Resumes the programmed therapy after a stop. */
  public Outcome resume() {
    return command("resume delivery", MessageType.RESUME_DELIVERY, codes.therapyResumed(), Optional.empty(), false, Optional.empty(), ArmedSession::resume);
  }

  /** Clears latched alarms (does not change delivery; an alarm whose cause persists comes back). */
  public Outcome clearAlarms(List<Integer> alarmCodes) {
    return unarmed("clear alarms " + alarmCodes, () -> link.clearAlarms(alarmCodes));
  }

  /** Sounds both alarm tones once so the patient knows them. */
  public Outcome alarmTest() {
    return unarmed("alarm test", link::alarmTest);
  }

  private Outcome unarmed(String action, java.util.function.Supplier<CommandAck> send) {
    Outcome outcome;
    try {
      CommandAck ack = send.get();
      outcome = new Outcome.Confirmed(action, ack.eventSequence(), ack.pumpTimeMillis(), "acknowledged");
    } catch (PumpRefusedException e) {
      outcome = new Outcome.Refused(action, true, "the pump refused: " + e.getMessage(), List.of());
    } catch (LinkException e) {
      outcome = new Outcome.Uncertain(action, "no acknowledgement (" + e.getMessage() + "); delivery is unaffected, interrogate to see the alarms");
    }
    listener(new SessionEvent.Changed(outcome, Optional.empty(), Optional.empty(), Optional.empty()));
    return outcome;
  }

  private Outcome command(String action, MessageType type, int eventCode, Optional<String> localRefusal, boolean dose,
      Optional<Confirmation> confirmation, Function<ArmedSession, CommandAck> send) {
    Outcome outcome;
    if (pending != null) {
      outcome = Outcome.Refused.before(action, uncertainFirst());
    } else if (localRefusal.isPresent()) {
      outcome = Outcome.Refused.before(action, localRefusal.get());
    } else {
      long before = lastSeenEvent;
      try {
        CommandAck ack = send.apply(link.arm());
        String detail = dose ? "acknowledged; provisional until the pump's log shows event " + ack.eventSequence() : "acknowledged";
        outcome = new Outcome.Confirmed(action, ack.eventSequence(), ack.pumpTimeMillis(), detail);
        if (dose) {
          ProvisionalDose p = new ProvisionalDose(action, ack.eventSequence(), ProvisionalDose.Status.PROVISIONAL);
          provisional.add(p);
        }
      } catch (SafetyGateException e) {
        outcome = Outcome.Refused.before(action, "not sent: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        outcome = Outcome.Refused.before(action, "not sent, a value does not fit the link: " + e.getMessage());
      } catch (PumpRefusedException e) {
        outcome = new Outcome.Refused(action, true, "the pump refused and changed nothing: " + e.getMessage(), List.of());
      } catch (LinkException e) {
        boolean uncertainDelivery = !(e instanceof LinkTimeoutException t) || t.deliveryUncertain();
        if (uncertainDelivery) {
          pending = new Pending.Command(action, type, eventCode, before);
        }
        outcome = new Outcome.Uncertain(action, "sent but not acknowledged (" + e.getMessage()
            + "): the pump may or may not have done it. Interrogate: its log decides; never send it again blindly");
      }
    }
    listener(new SessionEvent.Changed(outcome, Optional.empty(), Optional.empty(), confirmation));
    return outcome;
  }

  // ------------------------------------------------------------------ record and close

  /** The session record so far (schema version {@value SessionRecord#SCHEMA_VERSION}). */
  public SessionRecord record() {
    return recorder.build(link.pumpSerial(), programmerId, operator,
        provisional.stream().filter(d -> d.status() == ProvisionalDose.Status.PROVISIONAL).toList());
  }

  /** Closes the link session. To end a visit, use {@link EndOfSessionCheck}, which refuses to leave a pump stopped by accident. */
  @Override
  public void close() {
    link.close();
  }

  // ------------------------------------------------------------------ internals

  private Resolution resolve(Pending p, TherapyChecksum running, List<LogEvent> events) {
    return switch (p) {
      case Pending.Commit c -> {
        if (running.equals(c.newChecksum())) {
          yield new Resolution(c.action(), Resolution.State.NEW_THERAPY_RUNNING, "the pump runs the new therapy " + running + "; the commit took effect");
        } else if (running.equals(c.oldChecksum())) {
          yield new Resolution(c.action(), Resolution.State.OLD_THERAPY_RUNNING, "the pump still runs the old therapy " + running
              + "; the commit never took effect. Propose and commit again if still intended");
        }
        yield new Resolution(c.action(), Resolution.State.OTHER_THERAPY_RUNNING, "the pump runs " + running + ", neither the old "
            + c.oldChecksum() + " nor the new " + c.newChecksum() + "; review the therapy before any change");
      }
      case Pending.Command c -> {
        Optional<LogEvent> done = events.stream()
            .filter(e -> e.sequence() > c.eventBefore() && e.code() == c.eventCode() && (programmerId.isEmpty() || e.source().isEmpty() || e.source().equals(programmerId)))
            .findFirst();
        if (done.isPresent()) {
          if (c.type().changesDelivery() && isDose(c.type())) {
            // the log entry is among this interrogation's events: reconcile() confirms it and reports it
            provisional.add(new ProvisionalDose(c.action(), done.get().sequence(), ProvisionalDose.Status.PROVISIONAL));
          }
          yield new Resolution(c.action(), Resolution.State.DONE, "the pump's log shows it done (event " + done.get().sequence() + ")");
        }
        yield new Resolution(c.action(), Resolution.State.NOT_DONE, "the pump's log has no trace of it after event " + c.eventBefore()
            + "; it was not carried out");
      }
    };
  }

  private static boolean isDose(MessageType t) {
    return t == MessageType.CLINICIAN_BOLUS || t == MessageType.PRIMING_BOLUS || t == MessageType.BRIDGE_BOLUS;
  }

  private void reconcile(List<LogEvent> events) {
    for (int i = 0; i < provisional.size(); i++) {
      ProvisionalDose d = provisional.get(i);
      if (d.status() != ProvisionalDose.Status.PROVISIONAL) {
        continue;
      }
      boolean found = events.stream().anyMatch(e -> e.sequence() == d.eventSequence());
      if (found) {
        provisional.set(i, d.with(ProvisionalDose.Status.CONFIRMED_BY_LOG));
      } else if (lastSeenEvent >= d.eventSequence()) {
        provisional.set(i, d.with(ProvisionalDose.Status.NOT_IN_LOG));
      } else {
        continue;
      }
      listener(new SessionEvent.DoseReconciled(provisional.get(i)));
    }
  }

  /** Reports an outcome decided by a workflow (e.g. refused before any command) to the listener and the record. */
  void note(Outcome outcome, Optional<Therapy> old, Optional<Therapy> neu, Optional<Confirmation> confirmation) {
    listener(new SessionEvent.Changed(outcome, old, neu, confirmation));
  }

  private ProposalOutcome refusedProposal(Outcome.Refused refused, Therapy proposed) {
    listener(new SessionEvent.Changed(refused, Optional.ofNullable(last).flatMap(Interrogation::therapy), Optional.of(proposed), Optional.empty()));
    return refused;
  }

  private String uncertainFirst() {
    return "the earlier change '" + pending.action() + "' is uncertain; interrogate the pump first to learn what it did (nothing was sent)";
  }

  private void listener(SessionEvent e) {
    recorder.on(e);
    listener.on(e);
  }

  static LocalDateTime localTime(StatusReport s) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(s.pumpTimeMillis()), ZoneOffset.ofTotalSeconds(s.utcOffsetMinutes() * 60));
  }

  /** Assembles a {@link PumpSession}: operator, patient context and drug library are required. */
  public static final class Builder {
    private ProgrammerSession link;
    private Operator operator;
    private PatientContext patient;
    private DrugLibrary library;
    private EventCodes codes = EventCodes.DEFAULT;
    private String programmerId = "";
    private SessionListener listener = SessionListener.NONE;
    private long lastSeenEvent;
    private UnresolvedChange carried;
    private Optional<org.openitb.link.security.DeviceCredential> coSigningCredential = Optional.empty();

    private Builder() {}

    /**
     * The co-signing CLINICIAN credential this programmer station holds for second persons the
     * caller verified itself (the clinic checks the second clinician's own login or co-sign first):
     * used for a {@link Confirmation} without a credential of its own. Never this programmer's own.
     */
    public Builder coSigningCredential(Optional<org.openitb.link.security.DeviceCredential> credential) {
      Objects.requireNonNull(credential, "credential (use Optional.empty())");
      credential.ifPresent(c -> {
        if (c.role() != org.openitb.link.Role.CLINICIAN) {
          throw new IllegalArgumentException("co-signing credential: a CLINICIAN credential is required (got " + c.role() + " " + c.deviceId() + ")");
        }
      });
      this.coSigningCredential = credential;
      return this;
    }

    /** Takes over an uncertain change of an earlier session; the first interrogation resolves it. */
    public Builder carryOver(UnresolvedChange change) {
      this.carried = Objects.requireNonNull(change);
      return this;
    }

    public Builder operator(Operator operator) {
      this.operator = operator;
      return this;
    }

    public Builder patient(PatientContext patient) {
      this.patient = patient;
      return this;
    }

    public Builder library(DrugLibrary library) {
      this.library = library;
      return this;
    }

    /** The firmware's event codes; {@link EventCodes#DEFAULT} unless given. */
    public Builder eventCodes(EventCodes codes) {
      this.codes = Objects.requireNonNull(codes);
      return this;
    }

    /** This programmer's device id, to recognise its own commands in the pump's log. */
    public Builder programmerId(String id) {
      this.programmerId = Objects.requireNonNull(id);
      return this;
    }

    public Builder listener(SessionListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** The last event sequence a previous session read (from the clinic's records); 0 reads the whole log. */
    public Builder lastSeenEvent(long sequence) {
      this.lastSeenEvent = sequence;
      return this;
    }

    /** Uses an already open link session. */
    public PumpSession link(ProgrammerSession session) {
      this.link = session;
      return new PumpSession(this);
    }

    /** Opens a link session through {@code endpoint} (two round trips); a failure is a link {@code SessionSetupException}. */
    public PumpSession open(ProgrammerEndpoint endpoint, Transport transport) {
      return link(endpoint.openProgrammerSession(transport));
    }
  }
}
