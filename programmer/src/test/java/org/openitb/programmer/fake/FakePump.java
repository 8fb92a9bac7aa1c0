// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer.fake;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.*;
import org.openitb.link.session.PumpRequestHandler;
import org.openitb.programmer.EventCodes;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * A small pump for tests: keeps one therapy with the propose/commit transaction, a reservoir, a
 * stop with expiry, a stall flag, the "interrogation required" flag (cleared when a clinician
 * reads the status, as the firmware's Interrogate does), patient bolus lockout and daily count, and
 * an event log in the firmware's codes ({@link EventCodes#DEFAULT}). Every request is recorded.
 */
public final class FakePump implements PumpRequestHandler {
  public static final int ALARM_LOW_RESERVOIR = 1;

  private static final EventCodes C = EventCodes.DEFAULT;
  private final LongSupplier clock;
  private final List<Request> requests = new ArrayList<>();
  private final List<LogEvent> log = new ArrayList<>();
  private final List<Integer> alarms = new ArrayList<>();
  private Optional<Therapy> therapy;
  private Therapy pending;
  private Volume reservoir = Volume.ofMillilitres(12);
  private DeliveryState delivery = DeliveryState.DELIVERING;
  private long stopExpiresAt;
  private boolean interrogationRequired;
  private boolean clearFlagOnRead = true;
  private long lastPatientBolusAt = Long.MIN_VALUE;
  private int patientBolusesToday;

  public FakePump(LongSupplier clock, Optional<Therapy> therapy) {
    this.clock = clock;
    this.therapy = therapy;
  }

  public Optional<Therapy> therapy() {
    return therapy;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<MessageType> requestTypes() {
    return requests.stream().map(Request::type).toList();
  }

  public List<LogEvent> log() {
    return List.copyOf(log);
  }

  public DeliveryState delivery() {
    return delivery;
  }

  public void reservoir(Volume v) {
    reservoir = v;
  }

  public void alarm(int code) {
    alarms.add(code);
    event(C.alarmRaised(), code, "");
  }

  /** A strong magnetic field stalled the motor. */
  public void stall() {
    delivery = DeliveryState.STALLED;
    interrogationRequired = true;
    event(C.magnetField(), 1, "");
    event(C.stallStarted(), 0, "");
  }

  /** The motor turned again. */
  public void recover() {
    delivery = DeliveryState.DELIVERING;
    event(C.magnetField(), 0, "");
    event(C.stallRecovered(), 60_000, "");
  }

  /** A faulty pump that never clears its interrogation flag. */
  public void keepInterrogationFlag() {
    clearFlagOnRead = false;
  }

  @Override
  public Reply handle(Request request, Role role, String deviceId) {
    requests.add(request);
    long now = clock.getAsLong();
    return switch (request) {
      case StatusRequest r -> status(now, role, deviceId);
      case TherapyRead r -> new TherapyReport(therapy, MessageCodec.checksum(therapy));
      case EventsSince r -> page(r);
      case ProposeTherapy r -> propose(r.therapy());
      case CommitTherapy r -> commit(r, deviceId, now);
      case ClinicianBolus r -> ack(r, C.bolusStarted(), r.dose().nanograms(), deviceId);
      case PrimingBolus r -> ack(r, C.bolusStarted(), r.volume().nanolitres(), deviceId);
      case BridgeBolus r -> ack(r, C.bolusStarted(), r.volume().nanolitres(), deviceId);
      case Refill r -> refill(r, deviceId);
      case SetClock r -> ack(r, C.clockSet(), r.timeMillis(), deviceId);
      case StopDelivery r -> {
        delivery = DeliveryState.STOPPED;
        stopExpiresAt = now + r.expiry().toMillis();
        yield ack(r, C.therapyStopped(), r.expiry().toMinutes(), deviceId);
      }
      case ResumeDelivery r -> {
        delivery = DeliveryState.DELIVERING;
        stopExpiresAt = 0;
        yield ack(r, C.therapyResumed(), 0, deviceId);
      }
      case ClearAlarms r -> {
        alarms.removeAll(r.alarmCodes());
        yield ack(r, C.alarmCleared(), r.alarmCodes().size(), deviceId);
      }
      case AlarmTest r -> ack(r, C.alarmTested(), 0, deviceId);
      case PatientStatusRequest r -> patientStatus(now);
      case PatientBolusRequest r -> patientBolus(r, now, deviceId);
    };
  }

  private StatusReport status(long now, Role role, String deviceId) {
    DoseRate rate = delivery != DeliveryState.DELIVERING ? DoseRate.ZERO
        : therapy.map(t -> t.prescription().basal().rateAt(LocalTime.NOON)).orElse(DoseRate.ZERO);
    StatusReport report = new StatusReport(now, 60, reservoir, delivery, delivery == DeliveryState.STOPPED ? stopExpiresAt : 0, rate,
        BatteryState.OK, 87, interrogationRequired, false, alarms, lastSequence(), MessageCodec.checksum(therapy));
    if (role == Role.CLINICIAN && interrogationRequired && clearFlagOnRead) {
      interrogationRequired = false;
      event(C.interrogated(), 0, deviceId);
    }
    return report;
  }

  private Reply propose(Therapy t) {
    // like the firmware: the prescription must be at the concentration the reservoir holds (refill first)
    Concentration held = reservoirConcentration != null ? reservoirConcentration
        : therapy.map(x -> x.prescription().concentration()).orElse(null);
    if (held == null || !held.equals(t.prescription().concentration())) {
      return ErrorReply.of(ErrorCode.INVALID_VALUE, "concentration", t.prescription().concentration() + " is not the reservoir's " + held + "; refill first");
    }
    pending = t;
    return new TherapyPreview(therapy, t, MessageCodec.checksum(t));
  }

  private Concentration reservoirConcentration;

  private Reply commit(CommitTherapy r, String deviceId, long now) {
    if (pending == null) {
      return ErrorReply.of(ErrorCode.NO_PROPOSAL, "checksum", "no proposal pending");
    }
    if (!MessageCodec.checksum(pending).equals(r.checksum())) {
      return ErrorReply.of(ErrorCode.CHECKSUM_MISMATCH, "checksum", "got " + r.checksum());
    }
    therapy = Optional.of(pending);
    pending = null;
    return new CommitAck(r.checksum(), event(C.therapyProgrammed(), DailyTotal.ng(therapy.get()), deviceId), now);
  }

  private Reply refill(Refill r, String deviceId) {
    reservoir = r.reservoirVolume();
    reservoirConcentration = r.concentration();
    return ack(r, C.refilled(), r.reservoirVolume().nanolitres(), deviceId);
  }

  private CommandAck ack(Request r, int code, long value, String deviceId) {
    return new CommandAck(r.type(), event(code, value, deviceId), clock.getAsLong());
  }

  private PatientStatusReport patientStatus(long now) {
    Optional<PatientBolusAllowance> a = therapy.flatMap(t -> t.prescription().patientBolus());
    if (a.isEmpty()) {
      return new PatientStatusReport(now, false, Mass.ZERO, 0, 0, false, !alarms.isEmpty(), false);
    }
    return new PatientStatusReport(now, true, a.get().dose(), a.get().maxPerDay() - patientBolusesToday, lockoutLeft(a.get(), now), false,
        !alarms.isEmpty(), false);
  }

  private PatientBolusReply patientBolus(PatientBolusRequest r, long now, String deviceId) {
    Optional<PatientBolusAllowance> allowance = therapy.flatMap(t -> t.prescription().patientBolus());
    if (allowance.isEmpty()) {
      return PatientBolusReply.refused(BolusRefusal.NO_ALLOWANCE, 0, 0);
    }
    PatientBolusAllowance a = allowance.get();
    int left = a.maxPerDay() - patientBolusesToday;
    int lockout = lockoutLeft(a, now);
    if (!a.dose().equals(r.expectedDose())) {
      return PatientBolusReply.refused(BolusRefusal.DOSE_MISMATCH, left, lockout);
    }
    if (left == 0) {
      return PatientBolusReply.refused(BolusRefusal.DAILY_LIMIT, 0, lockout);
    }
    if (lockout > 0) {
      return PatientBolusReply.refused(BolusRefusal.LOCKOUT, left, lockout);
    }
    lastPatientBolusAt = now;
    patientBolusesToday++;
    return PatientBolusReply.granted(a.dose(), left - 1, (int) a.lockout().toSeconds(), event(C.bolusStarted(), a.dose().nanograms(), deviceId));
  }

  private int lockoutLeft(PatientBolusAllowance a, long now) {
    if (lastPatientBolusAt == Long.MIN_VALUE) {
      return 0;
    }
    return (int) Math.max(0, Duration.ofMillis(lastPatientBolusAt + a.lockout().toMillis() - now).toSeconds());
  }

  private EventsPage page(EventsSince r) {
    List<LogEvent> after = log.stream().filter(e -> e.sequence() > r.afterSequence()).toList();
    List<LogEvent> page = after.subList(0, Math.min(after.size(), r.maxEvents()));
    return new EventsPage(page, log.isEmpty() ? 0 : log.get(0).sequence(), after.size() > page.size());
  }

  private long event(int code, long value, String source) {
    long seq = lastSequence() + 1;
    log.add(new LogEvent(seq, clock.getAsLong(), code, value, source));
    return seq;
  }

  private long lastSequence() {
    return log.isEmpty() ? 0 : log.get(log.size() - 1).sequence();
  }
}
