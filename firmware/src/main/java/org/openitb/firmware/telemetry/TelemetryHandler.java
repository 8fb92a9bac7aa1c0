// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.telemetry;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.openitb.firmware.Command;
import org.openitb.firmware.CommandResult.Refused;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.FirmwareStatus;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.Mode;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent;
import org.openitb.firmware.Role;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.storage.ByteWriter;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.storage.StoredCodes;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.AlarmTest;
import org.openitb.link.message.BatteryState;
import org.openitb.link.message.BolusRefusal;
import org.openitb.link.message.BridgeBolus;
import org.openitb.link.message.ClearAlarms;
import org.openitb.link.message.ClinicianBolus;
import org.openitb.link.message.CommandAck;
import org.openitb.link.message.CommitAck;
import org.openitb.link.message.CommitTherapy;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.EventsPage;
import org.openitb.link.message.EventsSince;
import org.openitb.link.message.LogEvent;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.PatientBolusReply;
import org.openitb.link.message.PatientBolusRequest;
import org.openitb.link.message.PatientStatusReport;
import org.openitb.link.message.PatientStatusRequest;
import org.openitb.link.message.PrimingBolus;
import org.openitb.link.message.ProposeTherapy;
import org.openitb.link.message.Refill;
import org.openitb.link.message.Reply;
import org.openitb.link.message.Request;
import org.openitb.link.message.ResumeDelivery;
import org.openitb.link.message.SetClock;
import org.openitb.link.message.StatusReport;
import org.openitb.link.message.StatusRequest;
import org.openitb.link.message.StopDelivery;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.TherapyChecksum;
import org.openitb.link.message.TherapyPreview;
import org.openitb.link.message.TherapyRead;
import org.openitb.link.message.TherapyReport;
import org.openitb.link.message.WireLimits;
import org.openitb.link.session.FrameReport;
import org.openitb.link.session.FrameVerdict;
import org.openitb.link.session.LinkListener;
import org.openitb.link.session.PumpEndpoint;
import org.openitb.link.session.PumpRequestHandler;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The firmware's side of the telemetry link: maps each authenticated {@link Request} onto the
 * firmware's own {@link Command}s (so every value meets the same checks as any other command) and
 * every {@link FrameReport} into the event log.
 *
 * <ul>
 *   <li><b>Programming is a transaction.</b> PROPOSE_THERAPY runs every check of ProgramTherapy
 *       without applying it and keeps the proposal; COMMIT_THERAPY applies it only when its
 *       checksum names that proposal (the commit runs every check again). The proposal lives in RAM
 *       only and is dropped when its session ends (close, supersession, stale frame, new session),
 *       after {@link PumpEndpoint#SESSION_LIFETIME_MILLIS}, after any other accepted delivery
 *       change, after a failed commit and at any reset. So a dropped link changes nothing.
 *   <li><b>Etiology</b> is not on the wire: a proposal runs under the pump's current etiology; a pump
 *       never programmed uses the etiology with the lowest hard maximum for the drug (the safest).
 *   <li><b>Time.</b> The link carries UTC milliseconds and a UTC offset; the firmware keeps pump-local
 *       time. SET_CLOCK sets local = time + offset and stores the offset with the settings (0 until
 *       first set: the local time is then reported as UTC). Event times are converted with the
 *       current clock setting. The endpoint's own clock (session timeouts, lockouts, the accept's
 *       pump time) is the RTC, which never jumps.
 *   <li><b>Log budget.</b> Frame entries are logged at most {@link #DEVICE_ENTRIES_PER_HOUR} an
 *       hour per authenticated device and {@link #UNAUTHENTICATED_ENTRIES_PER_HOUR} an hour for all
 *       unauthenticated ones together (anyone can send those), the rest counted in one {@link
 *       PumpEvent.TelemetryFramesSuppressed} entry. They are link activity in the event log, which
 *       never lets activity push therapy history out ({@link EventLog}).
 * </ul>
 *
 * Runs only inside the firmware's radio interrupt (single-threaded).
 */
public final class TelemetryHandler implements PumpRequestHandler, LinkListener {
  static final int UNAUTHENTICATED_ENTRIES_PER_HOUR = 16;
  /**
   * Frame entries one authenticated device may add to the log per hour (a clinic visit needs about
   * 20); the rest are counted in the hour's {@link PumpEvent.TelemetryFramesSuppressed} entry, so a
   * trusted but low-privilege device (a patient's PTM asking its status 1 400 times) cannot flood
   * the log either.
   */
  static final int DEVICE_ENTRIES_PER_HOUR = 64;
  static final long HOUR_MILLIS = 3_600_000L;
  private static final long MINUTE_MILLIS = 60_000L;

  private static final long DAY_MILLIS = 86_400_000L;

  private final PumpPort pump;
  private final DrugLibrary library;
  private Pending pending;
  private long budgetWindowStart = Long.MIN_VALUE;
  private int budgetUsed;
  private final java.util.Map<String, Integer> deviceBudgetUsed = new java.util.HashMap<>();
  private long suppressed;

  /** A proposal held between PROPOSE_THERAPY and COMMIT_THERAPY. */
  private record Pending(String deviceId, Therapy therapy, TherapyChecksum checksum, long atRtc) {}

  /** Verifies a second clinician's co-signature against the pump's trust list: (device id, signed bytes, signature). */
  public interface CoSignatureVerifier {
    boolean verify(String deviceId, byte[] data, byte[] signature);
  }

  private final CoSignatureVerifier coSignatures;

  /**
   * A handler for the pump behind {@code pump}, whose drug library is {@code library}; co-signatures
   * are verified by {@code coSignatures} (the endpoint's trust list).
   */
  public TelemetryHandler(PumpPort pump, DrugLibrary library, CoSignatureVerifier coSignatures) {
    this.pump = pump;
    this.library = library;
    this.coSignatures = coSignatures;
  }

  private int utcOffsetMinutes() {
    return pump.utcOffsetMinutes();
  }

  // ---------------------------------------------------------------- the event log

  @Override
  public void onFrame(FrameReport report) {
    // Only events of the proposer's own sessions drop its proposal: a patient or read-only device
    // (which has its own session slot) or a stranger's frame for an unknown session never does.
    boolean proposers = pending != null && pending.deviceId().equals(report.deviceId());
    switch (report.verdict()) {
      case SESSION_CLOSED, SESSION_SUPERSEDED, STALE_SESSION -> {
        if (proposers) {
          pending = null;
        }
      }
      case ACCEPTED -> {
        if (proposers && report.type().orElse(null) == MessageType.SESSION_RESPONSE) {
          pending = null; // a new session of the proposer: nothing proposed in another one carries over
        }
      }
      default -> { }
    }
    PumpEvent.TelemetryFrame event = new PumpEvent.TelemetryFrame(
        report.verdict(), report.type().map(MessageType::code).orElse(0), report.authenticated(), WireCodes.loggableId(report.deviceId()));
    rollBudget();
    if (report.authenticated()) {
      int used = deviceBudgetUsed.getOrDefault(event.deviceId(), 0);
      if (used < DEVICE_ENTRIES_PER_HOUR) {
        deviceBudgetUsed.put(event.deviceId(), used + 1);
        pump.recordActivity(event);
      } else {
        suppressed++;
      }
      return;
    }
    if (budgetUsed < UNAUTHENTICATED_ENTRIES_PER_HOUR) {
      budgetUsed++;
      pump.recordActivity(event);
    } else {
      suppressed++;
    }
  }

  /** Called at every wake: closes an elapsed budget window (logging what it suppressed). */
  public void tick() {
    if (suppressed > 0 && pump.now() - budgetWindowStart >= HOUR_MILLIS) {
      rollBudget();
    }
  }

  private void rollBudget() {
    if (budgetWindowStart == Long.MIN_VALUE || pump.now() - budgetWindowStart >= HOUR_MILLIS) {
      if (suppressed > 0) {
        pump.recordAndPersist(new PumpEvent.TelemetryFramesSuppressed(suppressed));
      }
      suppressed = 0;
      budgetUsed = 0;
      deviceBudgetUsed.clear();
      budgetWindowStart = pump.now();
    }
  }


  // ---------------------------------------------------------------- requests

  /**
   * The session binding of the request being handled (command co-signatures cover it); null when
   * called without one, and then no co-signed command verifies.
   */
  private org.openitb.link.session.RequestContext context;
  /** RTC time of the last deliberate stop accepted without a second person (RAM: a reset forgets it). */
  private long lastSingleClinicianStopAtRtc = Long.MIN_VALUE;

  @Override
  public Reply handle(Request request, org.openitb.link.Role role, String deviceId, org.openitb.link.session.RequestContext context) {
    this.context = context;
    try {
      return handle(request, role, deviceId);
    } finally {
      this.context = null;
    }
  }

  @Override
  public Reply handle(Request request, org.openitb.link.Role role, String deviceId) {
    if (deviceId.length() > Origin.MAX_DEVICE_ID_LENGTH) {
      return ErrorReply.of(ErrorCode.NOT_PERMITTED, "device id", deviceId.length() + " characters; the pump logs ids of at most "
          + Origin.MAX_DEVICE_ID_LENGTH);
    }
    Origin origin = new Origin(Role.valueOf(role.name()), deviceId);
    if (pending != null && ((role == org.openitb.link.Role.CLINICIAN && !pending.deviceId().equals(deviceId))
        || pump.now() - pending.atRtc() >= PumpEndpoint.SESSION_LIFETIME_MILLIS)) {
      pending = null; // another clinician's request; a patient or read-only device leaves the proposal alone
    }
    Reply reply = switch (request) {
      case StatusRequest q -> status(origin);
      case TherapyRead q -> new TherapyReport(programmedTherapy(), MessageCodec.checksum(programmedTherapy()));
      case EventsSince q -> events(q);
      case ProposeTherapy q -> propose(q, origin);
      case CommitTherapy q -> commit(q, origin);
      case ClinicianBolus q -> command(q.type(), new Command.ClinicianBolus(q.dose(), q.duration()), origin, e -> e instanceof PumpEvent.BolusStarted);
      case PrimingBolus q -> command(q.type(), new Command.PrimingBolus(q.volume(), q.duration()), origin, e -> e instanceof PumpEvent.BolusStarted);
      case org.openitb.link.message.BridgeBolus q -> bridge(q, origin);
      case Refill q -> refill(q, origin);
      case SetClock q -> setClock(q, origin);
      case StopDelivery q -> stop(q, origin);
      case ResumeDelivery q -> command(q.type(), new Command.Resume(), origin, e -> e instanceof PumpEvent.TherapyResumed);
      case ClearAlarms q -> clearAlarms(q, origin);
      case AlarmTest q -> command(q.type(), new Command.AlarmTest(), origin, e -> e instanceof PumpEvent.AlarmTested);
      case PatientStatusRequest q -> patientStatus();
      case PatientBolusRequest q -> patientBolus(q, origin);
    };
    if (request.type().changesDelivery() && request.type() != MessageType.COMMIT_THERAPY
        && request.type() != MessageType.PATIENT_BOLUS_REQUEST && !(reply instanceof ErrorReply)) {
      pending = null; // the preview's "old" side no longer describes the pump
    }
    return reply;
  }

  private StatusReport status(Origin origin) {
    FirmwareStatus s = pump.status();
    boolean required = s.interrogationRequired();
    DeliveryState delivery = switch (s.mode()) {
      case RUNNING -> s.stalled() ? DeliveryState.STALLED : DeliveryState.DELIVERING;
      case END_OF_SERVICE -> DeliveryState.END_OF_SERVICE;
      default -> DeliveryState.STOPPED;
    };
    long stopExpiry = s.stopExpiresAtRtc().isPresent() ? utcOfRtc(s.stopExpiresAtRtc().getAsLong()) : 0;
    DoseRate rate = s.mode().delivers() && s.prescription().isPresent()
        ? s.prescription().get().basal().rateAt(s.localTime().toLocalTime())
        : DoseRate.ZERO;
    BatteryState battery = s.mode() == Mode.END_OF_SERVICE ? BatteryState.END_OF_SERVICE
        : s.replacementIndicatorAtRtc().isPresent() ? BatteryState.ELECTIVE_REPLACEMENT : BatteryState.OK;
    int percent = s.batteryCapacityMicroampHours() <= 0 ? 0
        : (int) clamp(s.batteryRemainingMicroampHours() * 100 / s.batteryCapacityMicroampHours(), 0, 100);
    List<Integer> alarms = new ArrayList<>();
    for (AlarmKind a : s.alarms()) {
      if (alarms.size() < WireLimits.MAX_ALARMS) {
        alarms.add(WireCodes.alarmCode(a));
      }
    }
    StatusReport report = new StatusReport(
        utcOfRtc(pump.now()), utcOffsetMinutes(), new Volume(clamp(s.reservoirBelief().nanolitres(), 0, WireLimits.MAX_VOLUME_NL)),
        delivery, stopExpiry, new DoseRate(clamp(rate.nanogramsPerDay(), 0, WireLimits.MAX_DOSE_RATE_NG_PER_DAY)), battery, percent,
        required, !s.activeBoluses().isEmpty(), alarms, clamp(s.lastEventNumber(), 0, WireLimits.MAX_SEQUENCE),
        MessageCodec.checksum(programmedTherapy()));
    if (required) {
      pump.handle(new Command.Interrogate(), origin); // a programmer has read the pump: the post-MRI flag clears
    }
    return report;
  }

  private EventsPage events(EventsSince q) {
    List<LogEntry> after = pump.eventsSince(q.afterSequence());
    List<LogEvent> page = new ArrayList<>();
    for (LogEntry e : after.subList(0, Math.min(after.size(), q.maxEvents()))) {
      page.add(logEvent(e));
    }
    return new EventsPage(page, clamp(pump.oldestEventNumber(), 0, WireLimits.MAX_SEQUENCE), after.size() > page.size());
  }

  private Reply propose(ProposeTherapy q, Origin origin) {
    pending = null;
    Command.ProgramTherapy program = program(q.therapy());
    CommandResult result = pump.check(program, origin);
    if (result instanceof Refused refused) {
      return WireCodes.error(refused);
    }
    TherapyChecksum checksum = MessageCodec.checksum(q.therapy());
    pending = new Pending(origin.deviceId(), q.therapy(), checksum, pump.now());
    return new TherapyPreview(programmedTherapy(), q.therapy(), checksum);
  }

  private Reply commit(CommitTherapy q, Origin origin) {
    Pending p = pending;
    pending = null; // one commit per proposal, whatever happens
    if (p == null) {
      return ErrorReply.of(ErrorCode.NO_PROPOSAL, "checksum", "no proposal pending in this session: propose first");
    }
    if (!p.checksum().equals(q.checksum())) {
      return ErrorReply.of(ErrorCode.CHECKSUM_MISMATCH, "checksum", "got " + q.checksum() + "; the pending proposal is " + p.checksum()
          + "; proposal discarded");
    }
    Optional<ErrorReply> secondPerson = secondPersonRefusal(p, q, origin);
    if (secondPerson.isPresent()) {
      pump.recordAndPersist(new PumpEvent.CommandRefused(origin, "ProgramTherapy", CommandResult.Code.NOT_AUTHORISED));
      return secondPerson.get();
    }
    long before = pump.lastEventNumber();
    CommandResult result = pump.handle(program(p.therapy()), origin);
    if (result instanceof Refused refused) {
      return WireCodes.error(refused);
    }
    long event = eventAfter(before, e -> e instanceof PumpEvent.TherapyProgrammed);
    return new CommitAck(MessageCodec.checksum(programmedTherapy()), event, pumpTime());
  }

  /**
   * The pump's own two-person rule: a change its device model marks ({@code PumpModel.secondPerson})
   * is committed only with a co-signature by a trusted CLINICIAN credential other than the
   * committing device's, over (pump serial, running checksum, proposed checksum).
   */
  private Optional<ErrorReply> secondPersonRefusal(Pending p, CommitTherapy q, Origin origin) {
    Optional<Prescription> running = programmedTherapy().map(Therapy::prescription).or(() -> Optional.ofNullable(pump.running()));
    List<String> reasons = pump.model().secondPerson().reasons(running, p.therapy().prescription());
    if (reasons.isEmpty()) {
      return Optional.empty();
    }
    String why = String.join("; ", reasons);
    if (q.coSignature().isEmpty()) {
      return Optional.of(ErrorReply.of(ErrorCode.SECOND_PERSON_REQUIRED, "co-signature", "missing: " + why));
    }
    org.openitb.link.message.CoSignature c = q.coSignature().get();
    if (c.cosignerId().equals(origin.deviceId())) {
      return Optional.of(ErrorReply.of(ErrorCode.SECOND_PERSON_REQUIRED, "co-signer",
          "got " + c.cosignerId() + ", the committing device itself; allowed: another trusted clinician credential"));
    }
    byte[] signed = org.openitb.link.message.CoSignature.signedBytes(pump.serial(), MessageCodec.checksum(programmedTherapy()), p.checksum());
    if (!coSignatures.verify(c.cosignerId(), signed, c.signature().bytes())) {
      return Optional.of(ErrorReply.of(ErrorCode.SECOND_PERSON_REQUIRED, "co-signature",
          "does not verify for clinician credential " + c.cosignerId() + " over this pump, running and proposed therapy"));
    }
    return Optional.empty();
  }

  /**
   * STOP_DELIVERY under the pump's two-person rule: one clinician may stop for the model's
   * emergency window once a day (ending an overdose never waits for a second person); a longer or
   * renewed stop needs a second clinician's co-signature over this exact command.
   */
  private Reply stop(StopDelivery q, Origin origin) {
    boolean singleInWindow = lastSingleClinicianStopAtRtc != Long.MIN_VALUE
        && pump.now() - lastSingleClinicianStopAtRtc < org.openitb.therapy.device.SecondPersonRule.SINGLE_CLINICIAN_STOP_WINDOW_MINUTES * MINUTE_MILLIS;
    // outside the firmware's own limit, the firmware's refusal (INVALID_VALUE, expiry) comes first, below
    boolean withinFirmwareLimit = pump.stopWithinLimits(q.expiry());
    Optional<String> reason = withinFirmwareLimit ? pump.model().secondPerson().stopReason(q.expiry().toMinutes(), singleInWindow) : Optional.empty();
    Optional<ErrorReply> refusal = commandSecondPersonRefusal(q, reason, origin, "Stop");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Reply reply = command(q.type(), new Command.Stop(q.expiry()), origin, e -> e instanceof PumpEvent.TherapyStopped);
    if (!(reply instanceof ErrorReply) && q.coSignature().isEmpty()) {
      lastSingleClinicianStopAtRtc = pump.now();
    }
    return reply;
  }

  /** REFILL under the pump's two-person rule: a change of drug or concentration of the programmed therapy needs a co-signature. */
  private Reply refill(Refill q, Origin origin) {
    Optional<Prescription> running = programmedTherapy().map(Therapy::prescription).or(() -> Optional.ofNullable(pump.running()));
    Optional<String> reason = pump.model().secondPerson().refillReason(running, q.drug().name(), q.concentration());
    Optional<ErrorReply> refusal = commandSecondPersonRefusal(q, reason, origin, "Refill");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return command(q.type(), new Command.Refill(q.reservoirVolume(), q.drug(), q.concentration(), Optional.of(q.withdrawnVolume())),
        origin, e -> e instanceof PumpEvent.Refilled);
  }

  /**
   * The two-person rule for a command (link/PROTOCOL.md 8.10): when {@code reason} is present the
   * command must carry a co-signature by a trusted CLINICIAN credential other than the sending
   * device's, over the pump serial, this session's transcript hash, this frame's sequence number,
   * the type and the body without the co-signature. A refusal is logged (CommandRefused,
   * NOT_AUTHORISED) and answered SECOND_PERSON_REQUIRED; nothing changes.
   */
  private Optional<ErrorReply> commandSecondPersonRefusal(org.openitb.link.message.CoSignable q, Optional<String> reason, Origin origin,
      String command) {
    if (reason.isEmpty()) {
      return Optional.empty();
    }
    Optional<ErrorReply> refusal;
    if (q.coSignature().isEmpty()) {
      refusal = Optional.of(ErrorReply.of(ErrorCode.SECOND_PERSON_REQUIRED, "co-signature", "missing: " + reason.get()));
    } else if (q.coSignature().get().cosignerId().equals(origin.deviceId())) {
      refusal = Optional.of(ErrorReply.of(ErrorCode.SECOND_PERSON_REQUIRED, "co-signer", "got " + q.coSignature().get().cosignerId()
          + ", the sending device itself; allowed: another trusted clinician credential"));
    } else if (context == null || !coSignatures.verify(q.coSignature().get().cosignerId(), org.openitb.link.message.CoSignature.commandSignedBytes(
        pump.serial(), context.transcriptHash(), context.sequence(), q.type(), MessageCodec.encode(q.withoutCoSignature().asDeliveryChange())),
        q.coSignature().get().signature().bytes())) {
      refusal = Optional.of(ErrorReply.of(ErrorCode.SECOND_PERSON_REQUIRED, "co-signature", "does not verify for clinician credential "
          + q.coSignature().get().cosignerId() + " over this command in this frame of this session"));
    } else {
      refusal = Optional.empty();
    }
    if (refusal.isPresent()) {
      pump.recordAndPersist(new PumpEvent.CommandRefused(origin, command, CommandResult.Code.NOT_AUTHORISED));
    }
    return refusal;
  }

  private Reply bridge(org.openitb.link.message.BridgeBolus q, Origin origin) {
    if (pump.running() == null) {
      return ErrorReply.of(ErrorCode.BUSY, "bridge", "no prescription running: a bridge follows a refill that changed the concentration");
    }
    // The link's duration is the programmer's estimate; the pump delivers the dead space at the old
    // daily dose, so the duration follows from the running prescription (it is logged by the pump).
    return command(q.type(), new Command.BridgeBolus(q.volume(), pump.running()), origin, e -> e instanceof PumpEvent.BolusStarted);
  }

  private Reply setClock(SetClock q, Origin origin) {
    java.time.LocalDateTime local = java.time.LocalDateTime.ofEpochSecond(
        Math.floorDiv(q.timeMillis() + q.utcOffsetMinutes() * MINUTE_MILLIS, 1000L),
        (int) Math.floorMod(q.timeMillis() + q.utcOffsetMinutes() * MINUTE_MILLIS, 1000L) * 1_000_000, ZoneOffset.UTC);
    return command(q.type(), new Command.SetClock(local, java.util.OptionalInt.of(q.utcOffsetMinutes())), origin,
        e -> e instanceof PumpEvent.ClockSet);
  }

  private Reply clearAlarms(ClearAlarms q, Origin origin) {
    Set<AlarmKind> listed = EnumSet.noneOf(AlarmKind.class);
    for (int code : q.alarmCodes()) {
      Optional<AlarmKind> kind = WireCodes.alarmOf(code);
      if (kind.isEmpty()) {
        return ErrorReply.of(ErrorCode.INVALID_VALUE, "alarm code", "got " + code + "; allowed 1.." + AlarmKind.values().length);
      }
      listed.add(kind.get());
    }
    Set<AlarmKind> latched = pump.status().alarms();
    if (!listed.containsAll(latched)) {
      EnumSet<AlarmKind> unlisted = EnumSet.copyOf(latched);
      unlisted.removeAll(listed);
      return ErrorReply.of(ErrorCode.INVALID_VALUE, "alarm codes", "latched alarms not listed: "
          + unlisted.stream().map(a -> a + "=" + WireCodes.alarmCode(a)).toList() + "; list every latched alarm to clear them");
    }
    return command(q.type(), new Command.ClearAlarms(), origin, e -> e instanceof PumpEvent.AlarmCleared);
  }

  private PatientStatusReport patientStatus() {
    FirmwareStatus s = pump.status();
    Optional<PatientBolusAllowance> allowance = pump.running() == null ? Optional.empty() : pump.running().patientBolus();
    boolean active = !s.activeBoluses().isEmpty();
    boolean alarm = !s.alarms().isEmpty();
    boolean low = pump.reservoirLow();
    if (allowance.isEmpty()) {
      return new PatientStatusReport(pumpTime(), false, Mass.ZERO, 0, 0, active, alarm, low);
    }
    return new PatientStatusReport(pumpTime(), true, allowance.get().dose(), dosesLeft(allowance.get()),
        lockoutLeftSeconds(allowance.get()), active, alarm, low);
  }

  private PatientBolusReply patientBolus(PatientBolusRequest q, Origin origin) {
    Optional<PatientBolusAllowance> allowance = pump.running() == null ? Optional.empty() : pump.running().patientBolus();
    if (allowance.isPresent() && !allowance.get().dose().equals(q.expectedDose())) {
      pump.recordAndPersist(new PumpEvent.CommandRefused(origin, "PatientBolusRequest", CommandResult.Code.MISMATCH));
      return PatientBolusReply.refused(BolusRefusal.DOSE_MISMATCH, dosesLeft(allowance.get()), lockoutLeftSeconds(allowance.get()));
    }
    long before = pump.lastEventNumber();
    CommandResult result = pump.handle(new Command.PatientBolusRequest(), origin);
    if (allowance.isEmpty()) {
      return PatientBolusReply.refused(BolusRefusal.NO_ALLOWANCE, 0, 0);
    }
    PatientBolusAllowance a = allowance.get();
    if (result instanceof Refused refused) {
      BolusRefusal reason = switch (refused.code()) {
        case NO_ALLOWANCE -> BolusRefusal.NO_ALLOWANCE;
        case LOCKOUT -> BolusRefusal.LOCKOUT;
        case DAILY_LIMIT -> BolusRefusal.DAILY_LIMIT;
        case BUSY -> BolusRefusal.BOLUS_ACTIVE;
        case MISMATCH -> BolusRefusal.DOSE_MISMATCH;
        default -> BolusRefusal.DELIVERY_STOPPED;
      };
      return PatientBolusReply.refused(reason, dosesLeft(a), lockoutLeftSeconds(a));
    }
    long event = eventAfter(before, e -> e instanceof PumpEvent.BolusStarted);
    return PatientBolusReply.granted(a.dose(), dosesLeft(a), lockoutLeftSeconds(a), event);
  }

  private int dosesLeft(PatientBolusAllowance a) {
    long used = pump.patientBolusStarts().stream().filter(t -> t > pump.now() - DAY_MILLIS).count();
    return (int) clamp(a.maxPerDay() - used, 0, WireLimits.MAX_PATIENT_BOLUSES_PER_DAY);
  }

  private int lockoutLeftSeconds(PatientBolusAllowance a) {
    if (pump.patientBolusStarts().isEmpty()) {
      return 0;
    }
    long last = pump.patientBolusStarts().get(pump.patientBolusStarts().size() - 1);
    long leftMillis = last + a.lockout().toMillis() - pump.now();
    return (int) clamp(Math.ceilDiv(Math.max(0, leftMillis), 1000L), 0, WireLimits.MAX_LOCKOUT_SECONDS);
  }

  /** Runs {@code command}; an accepted one is acknowledged with its log entry, a refused one becomes an error reply. */
  private Reply command(MessageType type, Command command, Origin origin, Predicate<PumpEvent> recordedBy) {
    long before = pump.lastEventNumber();
    CommandResult result = pump.handle(command, origin);
    if (result instanceof Refused refused) {
      return WireCodes.error(refused);
    }
    return new CommandAck(type, eventAfter(before, recordedBy), pumpTime());
  }

  /** The first log entry after {@code before} that records the command; else the newest entry. */
  private long eventAfter(long before, Predicate<PumpEvent> recordedBy) {
    for (LogEntry e : pump.eventsSince(before)) {
      if (recordedBy.test(e.event())) {
        return clamp(e.number(), 1, WireLimits.MAX_SEQUENCE);
      }
    }
    return clamp(pump.lastEventNumber(), 1, WireLimits.MAX_SEQUENCE);
  }

  // ---------------------------------------------------------------- conversions

  /** The therapy the clinician programmed (the one after a running bridge), as the wire carries it. */
  Optional<Therapy> programmedTherapy() {
    Prescription rx = pump.programmed();
    if (rx == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Therapy(rx, pump.lowReservoirAlarm()));
    } catch (RuntimeException e) {
      // programmed directly (not over the link) with a value the wire cannot carry
      return Optional.empty();
    }
  }

  private Command.ProgramTherapy program(Therapy t) {
    Etiology etiology = pump.etiology() != null ? pump.etiology() : safestEtiology(t.prescription().drug());
    return new Command.ProgramTherapy(t.prescription(), etiology, t.lowReservoirAlarm());
  }

  private Etiology safestEtiology(Drug claimed) {
    Drug drug = library.drugs().stream().filter(d -> d.name().equalsIgnoreCase(claimed.name())).findFirst().orElse(claimed);
    Etiology best = null;
    for (Etiology e : Etiology.values()) {
      if (best == null || drug.limits(e).hardMax().compareTo(drug.limits(best).hardMax()) < 0) {
        best = e;
      }
    }
    return best;
  }


  private long pumpTime() {
    return utcOfRtc(pump.now());
  }

  /** UTC milliseconds of an RTC instant: pump-local time minus the UTC offset, clamped to the wire's range. */
  private long utcOfRtc(long rtc) {
    long local = rtc + pump.clockOffsetMillis();
    return clamp(local - pump.utcOffsetMinutes() * MINUTE_MILLIS, 0, WireLimits.MAX_TIME_MILLIS);
  }

  private LogEvent logEvent(LogEntry e) {
    long time = e.rtcMillis() < 0 ? 0 : utcOfRtc(e.rtcMillis());
    return new LogEvent(e.number(), time, WireCodes.eventCode(e.event()), WireCodes.eventValue(e.event()), WireCodes.source(e.event()));
  }

  private static long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }
}
