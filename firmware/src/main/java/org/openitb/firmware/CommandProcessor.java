// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.openitb.firmware.engine.DeliveryUnits.DAY_MILLIS;
import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.openitb.firmware.Command.AlarmTest;
import org.openitb.firmware.Command.BridgeBolus;
import org.openitb.firmware.Command.CancelBoluses;
import org.openitb.firmware.Command.ClearAlarms;
import org.openitb.firmware.Command.ClinicianBolus;
import org.openitb.firmware.Command.Interrogate;
import org.openitb.firmware.Command.PatientBolusRequest;
import org.openitb.firmware.Command.PrimingBolus;
import org.openitb.firmware.Command.ProgramTherapy;
import org.openitb.firmware.Command.Refill;
import org.openitb.firmware.Command.Resume;
import org.openitb.firmware.Command.SetClock;
import org.openitb.firmware.Command.Stop;
import org.openitb.firmware.CommandResult.Accepted;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.PumpEvent.AlarmTested;
import org.openitb.firmware.PumpEvent.BasalKind;
import org.openitb.firmware.PumpEvent.BolusEnded;
import org.openitb.firmware.PumpEvent.BolusStarted;
import org.openitb.firmware.PumpEvent.ClockSet;
import org.openitb.firmware.PumpEvent.CommandRefused;
import org.openitb.firmware.PumpEvent.Interrogated;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.PumpEvent.TherapyProgrammed;
import org.openitb.firmware.PumpEvent.TherapyResumed;
import org.openitb.firmware.PumpEvent.TherapyStopped;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.engine.BolusShape;
import org.openitb.firmware.engine.DailyProfile;
import org.openitb.firmware.engine.DeliveryUnits;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.engine.RecentBolus;
import org.openitb.firmware.engine.ReservoirLedger;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.storage.PrescriptionCodec;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Rounding;
import org.openitb.therapy.units.Volume;

/**
 * Authorises, checks and applies commands. Every handler first runs all its checks (which throw
 * {@link Refusal}) and only then changes state, so a refused command changes nothing but the log.
 */
final class CommandProcessor {
  /**
   * A refill already happened in the body, so it is never refused for the running prescription: if
   * that prescription cannot run at the new concentration, the pump stops for this long (then a
   * critical alarm) so the clinician programs one that can.
   */
  static final Duration STOP_AFTER_UNRUNNABLE_REFILL = Duration.ofHours(1);

  private final PumpRuntime p;

  CommandProcessor(PumpRuntime runtime) {
    this.p = runtime;
  }

  CommandResult handle(Command command, Origin origin) {
    CommandResult result = dispatch(command, origin);
    p.resolveEndedAlarms();
    return result;
  }

  private CommandResult dispatch(Command command, Origin origin) {
    try {
      authorise(command, origin);
      return switch (command) {
        case ProgramTherapy c -> program(c, origin);
        case Refill c -> refill(c, origin);
        case ClinicianBolus c -> clinicianBolus(c, origin);
        case PrimingBolus c -> primingBolus(c, origin);
        case BridgeBolus c -> bridgeBolus(c, origin);
        case PatientBolusRequest c -> patientBolus(origin);
        case CancelBoluses c -> cancelBoluses();
        case ClearAlarms c -> clearAlarms();
        case AlarmTest c -> alarmTest(origin);
        case SetClock c -> setClock(c, origin);
        case Stop c -> stop(c, origin);
        case Resume c -> resume(origin);
        case Interrogate c -> interrogate(origin);
      };
    } catch (Refusal r) {
      p.record(new CommandRefused(origin, command.name(), r.refused().code()));
      return r.refused();
    } catch (ArithmeticException | IllegalArgumentException e) {
      // a value so large that exact arithmetic overflows, or one the therapy types reject
      CommandResult.Refused refused = new CommandResult.Refused(
          Code.OUT_OF_RANGE, command.name(), String.valueOf(e.getMessage()), "values the pump can represent exactly",
          "a value is out of range");
      p.record(new CommandRefused(origin, command.name(), refused.code()));
      return refused;
    }
  }

  void magnetChanged(boolean present) {
    p.magnetChanged(present);
  }

  private static void authorise(Command command, Origin origin) throws Refusal {
    boolean allowed = switch (origin.role()) {
      case CLINICIAN -> true;
      case PATIENT -> command instanceof PatientBolusRequest || command instanceof Interrogate;
      case READ_ONLY -> command instanceof Interrogate;
    };
    if (!allowed) {
      throw new Refusal(Code.NOT_AUTHORISED, "role", origin.role(),
          origin.role() == Role.PATIENT ? "PatientBolusRequest, Interrogate" : "Interrogate", command.name() + " needs a clinician");
    }
  }

  // ---------------------------------------------------------------- therapy

  /**
   * Every check {@link Command.ProgramTherapy} makes, without applying it or logging anything: the
   * telemetry proposal step (a preview must be refused exactly when the commit would be).
   */
  CommandResult check(ProgramTherapy c, Origin origin) {
    try {
      authorise(c, origin);
      checkProgram(c);
      return new Accepted("valid: not applied");
    } catch (Refusal r) {
      return r.refused();
    } catch (ArithmeticException | IllegalArgumentException e) {
      return new CommandResult.Refused(
          Code.OUT_OF_RANGE, c.name(), String.valueOf(e.getMessage()), "values the pump can represent exactly", "a value is out of range");
    }
  }

  private record Checked(Prescription rx, DailyProfile daily) {}

  private Checked checkProgram(ProgramTherapy c) throws Refusal {
    refuseInTerminalModes();
    Drug drug = p.limits.libraryDrug(c.prescription().drug(), "drug");
    Prescription rx = withDrug(c.prescription(), drug, c.prescription().concentration());
    requireReservoirHolds(drug, rx.concentration());
    p.limits.checkLowReservoirAlarm(c.lowReservoirAlarm());
    DailyProfile daily = p.limits.checkPrescription(rx, c.etiology(), drug);
    return new Checked(rx, daily);
  }

  private CommandResult program(ProgramTherapy c, Origin origin) throws Refusal {
    Checked checked = checkProgram(c);
    Prescription rx = checked.rx();
    DailyProfile daily = checked.daily();

    p.program(c.etiology(), c.lowReservoirAlarm(), rx, daily, programmed(origin, rx, daily, c.lowReservoirAlarm()));
    return new Accepted(p.mode() + ": " + describe(rx, daily));
  }

  private CommandResult refill(Refill c, Origin origin) throws Refusal {
    if (p.mode() == Mode.END_OF_SERVICE) {
      throw notNow("mode", p.mode(), "the pump is at end of service: replace it");
    }
    Drug drug = p.limits.libraryDrug(c.drug(), "drug");
    p.limits.checkFill(c.newVolume(), c.withdrawn());
    p.limits.checkConcentration(c.concentration(), drug, "concentration");
    if (p.bridgeStrokesRemaining() > 0) {
      throw new Refusal(Code.BUSY, "bridge", "in progress", "no bridge running", "wait for the bridge or cancel it first");
    }
    ReservoirLedger r = p.reservoir;
    boolean drugChanged = r.filled() && !r.drug.name().equalsIgnoreCase(drug.name());
    if (drugChanged && p.mode() == Mode.RUNNING) {
      throw notNow("drug", drug.name(), "stop the pump before changing the drug from " + r.drug.name());
    }
    boolean concentrationChanged =
        r.filled() && !drugChanged && p.running() != null && !c.concentration().equals(r.concentration);
    Prescription converted = null;
    Refusal unrunnable = null;
    if (concentrationChanged) {
      // the daily doses stay; only the volume per dose changes
      converted = withDrug(p.running(), drug, c.concentration());
      try {
        p.limits.checkPrescription(converted, p.etiology(), drug);
      } catch (Refusal r2) {
        unrunnable = r2;
      }
    }

    Volume before = r.belief();
    boolean discrepancy = c.withdrawn().isPresent()
        && c.withdrawn().get().minus(before).abs().compareTo(p.model.refillDiscrepancyLimit()) > 0;
    Concentration old = r.concentration;
    List<BolusKind> endedBoluses = p.profile.boluses().stream().map(OneOffBolus::kind).toList();
    boolean stopped = p.refilled(drug, c.concentration(), c.newVolume(), drugChanged, converted,
        unrunnable == null ? null : STOP_AFTER_UNRUNNABLE_REFILL,
        new Refilled(origin, before, c.withdrawn(), c.newVolume(), c.concentration(), discrepancy), d -> new TherapyStopped(origin, d));
    StringBuilder details = new StringBuilder("reservoir " + c.newVolume() + " of " + drug.name() + " at " + c.concentration());
    for (BolusKind ended : endedBoluses) {
      details.append("; ").append(ended.name().toLowerCase(java.util.Locale.ROOT))
          .append(" bolus ended by the refill: give it again if still wanted");
    }
    if (discrepancy) {
      details.append("; DISCREPANCY: withdrew ").append(c.withdrawn().get()).append(", pump believed ").append(before);
    }
    if (stopped) {
      details.append("; STOPPED for ").append(STOP_AFTER_UNRUNNABLE_REFILL.toMinutes())
          .append(" min: the prescription cannot run at the new concentration (").append(unrunnable.refused().message())
          .append("): program a new one");
    } else if (concentrationChanged) {
      details.append("; concentration changed from ").append(old).append(": doses kept, program a bridge bolus");
    }
    if (drugChanged) {
      details.append("; drug changed: program a prescription");
    }
    return new Accepted(details.toString());
  }

  private CommandResult stop(Stop c, Origin origin) throws Refusal {
    if (p.mode() != Mode.RUNNING && p.mode() != Mode.STOPPED && p.mode() != Mode.STOP_EXPIRED) {
      throw notNow("mode", p.mode(), "nothing is running to stop");
    }
    p.limits.checkStop(c.expiry());
    p.stop(c.expiry(), new TherapyStopped(origin, c.expiry()));
    return new Accepted("stopped until " + p.localTime().plus(c.expiry()) + " (pump time), then a critical alarm");
  }

  private CommandResult resume(Origin origin) throws Refusal {
    if (p.mode() != Mode.STOPPED && p.mode() != Mode.STOP_EXPIRED) {
      throw notNow("mode", p.mode(), "only a stopped pump resumes");
    }
    if (p.running() == null) {
      throw notNow("prescription", "none", "no prescription to resume: program one");
    }
    Prescription target = p.bridgeStrokesRemaining() > 0 ? p.afterBridge() : p.running();
    Drug drug = p.limits.libraryDrug(target.drug(), "drug");
    requireReservoirHolds(drug, target.concentration());
    p.limits.checkPrescription(p.running(), p.etiology(), drug);
    p.resume(new TherapyResumed(origin));
    return new Accepted("running: " + describe(p.running(), p.runningDaily()));
  }

  // ---------------------------------------------------------------- boluses

  private CommandResult clinicianBolus(ClinicianBolus c, Origin origin) throws Refusal {
    requireRunning();
    requireNoOneOff(BolusKind.CLINICIAN, BolusKind.PRIMING);
    long recent = recentOneOffUnits();
    if (c.dose().nanograms() <= 0) {
      throw new Refusal(Code.OUT_OF_RANGE, "dose", c.dose(), "> 0 mcg", "a bolus needs a dose");
    }
    long units = DeliveryUnits.ofMass(c.dose());
    BolusShape shape = checkOneOff("bolus", units, c.duration(), recent);
    Volume volume = c.dose().volumeAt(p.running().concentration(), Rounding.DOWN);
    startOneOff(new OneOffBolus(BolusKind.CLINICIAN, p.now(), shape, c.dose(), volume), origin, c.duration());
    return new Accepted("bolus " + c.dose() + " (" + volume + ") over " + c.duration().toMinutes() + " min on top of the basal");
  }

  private CommandResult primingBolus(PrimingBolus c, Origin origin) throws Refusal {
    requireRunning();
    requireNoOneOff(BolusKind.CLINICIAN, BolusKind.PRIMING);
    long recent = recentOneOffUnits();
    p.limits.checkDeadSpaceVolume(c.volume(), "volume");
    Concentration concentration = p.running().concentration();
    long units = DeliveryUnits.ofVolume(c.volume(), concentration);
    BolusShape shape = checkOneOff("priming", units, c.duration(), recent);
    Mass dose = DeliveryUnits.massDown(units);
    startOneOff(new OneOffBolus(BolusKind.PRIMING, p.now(), shape, dose, c.volume()), origin, c.duration());
    return new Accepted("priming " + c.volume() + " (" + dose + ") over " + c.duration().toMinutes() + " min");
  }

  private CommandResult bridgeBolus(BridgeBolus c, Origin origin) throws Refusal {
    requireRunning();
    ReservoirLedger r = p.reservoir;
    if (!r.bridgePending || r.tubingConcentration == null) {
      throw notNow("bridge", "no concentration change", "a bridge follows a refill that changed the concentration");
    }
    if (p.bridgeStrokesRemaining() > 0) {
      throw new Refusal(Code.BUSY, "bridge", "in progress", "one bridge at a time", "a bridge is already running");
    }
    p.limits.checkDeadSpaceVolume(c.volume(), "volume");
    Drug drug = p.limits.libraryDrug(c.next().drug(), "drug");
    Prescription next = withDrug(c.next(), drug, c.next().concentration());
    requireReservoirHolds(drug, next.concentration());
    DailyProfile nextDaily = p.limits.checkPrescription(next, p.etiology(), drug);
    // the fluid in tubing and catheter is the old concentration: keep the old doses at its volume
    Prescription bridge = withDrug(p.running(), drug, r.tubingConcentration);
    DailyProfile bridgeDaily = p.limits.checkPrescription(bridge, p.etiology(), drug);

    long strokes = Rounding.UP.divide(c.volume().nanolitres(), r.strokeNl);
    long units = DeliveryUnits.ofVolume(c.volume(), r.tubingConcentration);
    Duration expected = averageDuration(units, bridgeDaily);
    p.startBridge(bridge, bridgeDaily, next, strokes, r.tubingConcentration, List.of(
        new BolusStarted(origin, BolusKind.BRIDGE, DeliveryUnits.massDown(units), c.volume(), expected),
        programmed(origin, next, nextDaily, new Volume(r.lowAlarmNl))));
    return new Accepted("bridge " + c.volume() + " at " + r.tubingConcentration + " and the old doses (about "
        + expected.toHours() + " h), then " + describe(next, nextDaily));
  }

  private CommandResult patientBolus(Origin origin) throws Refusal {
    Optional<PatientBolusAllowance> allowance = p.running() == null ? Optional.empty() : p.running().patientBolus();
    if (allowance.isEmpty()) {
      throw new Refusal(Code.NO_ALLOWANCE, "patient bolus", "requested", "a programmed patient bolus allowance",
          "no patient bolus is programmed");
    }
    requireRunning();
    requireNoOneOff(BolusKind.PATIENT);
    PatientBolusAllowance a = allowance.get();
    p.patientBolusStarts.removeIf(t -> t <= p.now() - DAY_MILLIS);
    if (!p.patientBolusStarts.isEmpty()) {
      long since = p.now() - p.patientBolusStarts.get(p.patientBolusStarts.size() - 1);
      if (since < a.lockout().toMillis()) {
        throw new Refusal(Code.LOCKOUT, "patient bolus", Duration.ofMillis(since).truncatedTo(ChronoUnit.MINUTES) + " since the last",
            ">= " + a.lockout() + " lockout", "too soon after the previous bolus");
      }
    }
    if (p.patientBolusStarts.size() >= a.maxPerDay()) {
      throw new Refusal(Code.DAILY_LIMIT, "patient bolus", p.patientBolusStarts.size() + " in 24 h",
          "at most " + a.maxPerDay() + " per 24 h", "daily number of patient boluses used up");
    }
    BolusShape shape = new BolusShape(DeliveryUnits.ofMass(a.dose()), a.duration().toMillis());
    Volume volume = a.dose().volumeAt(p.running().concentration(), Rounding.DOWN);
    p.patientBolusStarts.add(p.now());
    startOneOff(new OneOffBolus(BolusKind.PATIENT, p.now(), shape, a.dose(), volume), origin, a.duration());
    return new Accepted("patient bolus " + a.dose() + " over " + a.duration().toMinutes() + " min; "
        + (a.maxPerDay() - p.patientBolusStarts.size()) + " left in 24 h");
  }

  private CommandResult cancelBoluses() throws Refusal {
    if (p.profile.boluses().isEmpty() && p.bridgeStrokesRemaining() == 0) {
      throw notNow("boluses", "none running", "nothing to cancel");
    }
    p.cancelAllBoluses();
    return new Accepted("boluses cancelled; " + describe(p.running(), p.runningDaily()));
  }

  private BolusShape checkOneOff(String field, long units, Duration duration, long recent) throws Refusal {
    Drug drug = p.limits.libraryDrug(p.running().drug(), "drug");
    return p.limits.checkOneOff(
        field, units, duration, p.runningDaily(), p.running().patientBolus(), p.running().concentration(), recent, drug, p.etiology());
  }

  private void startOneOff(OneOffBolus bolus, Origin origin, Duration duration) {
    p.startOneOff(bolus, new BolusStarted(origin, bolus.kind(), bolus.dose(), bolus.volume(), duration));
  }

  /** Units of clinician and priming boluses started in the last 24 h; refuses when their number is used up. */
  private long recentOneOffUnits() throws Refusal {
    p.recentOneOffs.removeIf(b -> b.startRtc() <= p.now() - DAY_MILLIS);
    if (p.recentOneOffs.size() >= TherapyLimits.MAX_ONE_OFF_BOLUSES_PER_DAY) {
      throw new Refusal(Code.DAILY_LIMIT, "bolus", p.recentOneOffs.size() + " in 24 h",
          "at most " + TherapyLimits.MAX_ONE_OFF_BOLUSES_PER_DAY + " clinician and priming boluses per 24 h", "too many boluses");
    }
    long total = 0;
    for (RecentBolus b : p.recentOneOffs) {
      total = Math.addExact(total, b.units());
    }
    return total;
  }

  // ---------------------------------------------------------------- housekeeping commands

  private CommandResult clearAlarms() {
    p.clearAlarms();
    return new Accepted("alarms now: " + p.alarms.latched());
  }

  private CommandResult alarmTest(Origin origin) {
    p.alarms.test();
    p.record(new AlarmTested(origin));
    return new Accepted("sounded " + AlarmKind.MOTOR_STALL.tone() + " then " + AlarmKind.LOW_RESERVOIR.tone());
  }

  private CommandResult setClock(SetClock c, Origin origin) throws Refusal {
    p.limits.checkClock(c.localTime());
    if (c.utcOffsetMinutes().isPresent() && Math.abs(c.utcOffsetMinutes().getAsInt()) > TherapyLimits.MAX_UTC_OFFSET_MINUTES) {
      throw new Refusal(Code.OUT_OF_RANGE, "utcOffsetMinutes", c.utcOffsetMinutes().getAsInt(),
          "-" + TherapyLimits.MAX_UTC_OFFSET_MINUTES + ".." + TherapyLimits.MAX_UTC_OFFSET_MINUTES, "no civil time zone is that far from UTC");
    }
    var after = c.localTime().truncatedTo(ChronoUnit.MILLIS);
    var before = p.localTime();
    p.setClock(EventCodec.millis(after), c.utcOffsetMinutes(), new ClockSet(origin, before, after));
    return new Accepted("pump time " + before + " -> " + after);
  }

  private CommandResult interrogate(Origin origin) {
    p.interrogated(new Interrogated(origin));
    FirmwareStatus s = p.status();
    return new Accepted(s.mode() + ", reservoir " + s.reservoirBelief() + ", alarms " + s.alarms());
  }

  // ---------------------------------------------------------------- helpers

  private void refuseInTerminalModes() throws Refusal {
    if (p.mode() == Mode.END_OF_SERVICE) {
      throw notNow("mode", p.mode(), "the pump is at end of service: replace it");
    }
    if (p.mode() == Mode.SAFE_STATE && p.safeReason() == AlarmKind.MOTOR_RUNAWAY) {
      throw notNow("mode", "SAFE_STATE (motor runaway)", "motor power is cut for good: replace the pump");
    }
  }

  private void requireRunning() throws Refusal {
    if (p.mode() != Mode.RUNNING || p.running() == null) {
      throw notNow("mode", p.mode(), "boluses need a running pump");
    }
  }

  private void requireNoOneOff(BolusKind... kinds) throws Refusal {
    for (OneOffBolus b : p.profile.boluses()) {
      for (BolusKind k : kinds) {
        if (b.kind() == k) {
          throw new Refusal(Code.BUSY, "bolus", b.kind() + " running", "one at a time", "another bolus of this kind is running");
        }
      }
    }
  }

  private void requireReservoirHolds(Drug drug, Concentration concentration) throws Refusal {
    ReservoirLedger r = p.reservoir;
    if (!r.filled()) {
      throw new Refusal(Code.MISMATCH, "reservoir", "not filled", "a filled reservoir", "refill before programming");
    }
    if (!r.drug.name().equalsIgnoreCase(drug.name())) {
      throw new Refusal(Code.MISMATCH, "drug", drug.name(), r.drug.name() + " (in the reservoir)", "prescription drug differs from the reservoir");
    }
    if (!r.concentration.equals(concentration)) {
      throw new Refusal(Code.MISMATCH, "concentration", concentration, r.concentration + " (in the reservoir)",
          "prescription concentration differs from the reservoir");
    }
  }

  private static Refusal notNow(String field, Object value, String reason) {
    return new Refusal(Code.NOT_NOW, field, value, "a mode that allows it", reason);
  }

  /** The same prescription with the library's drug record and the given concentration. */
  private static Prescription withDrug(Prescription rx, Drug drug, Concentration concentration) {
    return new Prescription(drug, concentration, rx.basal(), rx.scheduledBoluses(), rx.patientBolus());
  }

  private static TherapyProgrammed programmed(Origin origin, Prescription rx, DailyProfile daily, Volume lowAlarm) {
    BasalKind kind = switch (rx.basal()) {
      case SimpleContinuous s -> BasalKind.SIMPLE_CONTINUOUS;
      case FlexSchedule f -> BasalKind.FLEX;
      default -> BasalKind.STOPPED;
    };
    return new TherapyProgrammed(origin, kind, DeliveryUnits.massDown(daily.unitsPerDay()), rx.concentration(),
        lowAlarm, PrescriptionCodec.checksum(rx));
  }

  /** How long the old doses take to push {@code units} on average over a day (zero when the program has no daily delivery). */
  private static Duration averageDuration(long units, DailyProfile daily) {
    if (daily.unitsPerDay() == 0) {
      return Duration.ZERO;
    }
    java.math.BigInteger[] qr = java.math.BigInteger.valueOf(units).multiply(java.math.BigInteger.valueOf(DAY_MILLIS))
        .divideAndRemainder(java.math.BigInteger.valueOf(daily.unitsPerDay()));
    return Duration.ofMillis(qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0));
  }

  private static String describe(Prescription rx, DailyProfile daily) {
    if (rx == null) {
      return "no prescription";
    }
    return DeliveryUnits.massDown(daily.unitsPerDay()) + "/day of " + rx.drug().name() + " at " + rx.concentration()
        + rx.patientBolus().map(a -> ", patient bolus " + a.dose() + " up to " + a.maxPerDay() + "/day").orElse("");
  }
}
