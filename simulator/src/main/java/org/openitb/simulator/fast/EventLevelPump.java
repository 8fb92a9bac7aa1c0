// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.fast;

import static org.openitb.simulator.fast.DeliveryProfile.DAY;
import static org.openitb.simulator.fast.DeliveryProfile.NEVER;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.Mode;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.hardware.HardwareParameters;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Rounding;
import org.openitb.therapy.units.Volume;

/**
 * The event-level fidelity of one implanted pump: the firmware's rules without per-stroke work.
 * Time is the pump's RTC in milliseconds since it was booted at implant. Between two events
 * (a command, a deadline, a stroke that changes something) the strokes are counted in closed form
 * from the exact integer delivery profile ({@link DeliveryProfile}), so a year costs a few hundred
 * steps whatever the rate.
 *
 * <p>Rules kept, as the firmware states them: strokes at the instants the exact accumulator owes
 * them; the reservoir belief falls one stroke volume per stroke; LOW_RESERVOIR after the stroke
 * that takes the belief to the alarm volume; RESERVOIR_EMPTY when one more stroke would take it
 * below the empty stop (half the model's lowest alarm volume); alarms latched until cleared,
 * re-raised while their condition holds, with their tones (which cost battery charge); the
 * battery (idle drain, stroke and tone costs) sampled daily and checked hourly for the
 * replacement indicator (projected life within 180 days, 3 % charge, or service life minus the
 * ERI-to-EOS interval) and end of service (90 days after ERI, the maximum service life, or 1 %
 * charge); refusals of programs beyond the hard limits (rates, daily maximum with the patient
 * allowance, concentration, fill volume); the patient bolus lockout and daily count; the bridge
 * bolus at the old concentration; stalls while a magnetic field holds the rotor (retries with a
 * doubling back-off, MOTOR_STALL after three failed attempts, owed strokes written off, never
 * caught up). Not modelled: resets, memory faults, runaway, clock changes (the per-stroke
 * fidelity remains the reference for those).
 */
public final class EventLevelPump {
  static final long HOUR = PowerAccount.HOUR;
  static final long ERI_PROJECTED_DAYS = 180;
  /** Hourly ERI checks start when the projection is within this many days (daily samples otherwise). */
  static final long HOURLY_CHECK_MARGIN_DAYS = 240;
  /** Daily samples are skipped while the charge lasts this many days at the highest possible drain. */
  static final long SKIP_MARGIN_DAYS = 250;
  static final long PPM = 1_000_000;
  static final Duration STOP_AFTER_UNRUNNABLE_REFILL = Duration.ofHours(1);
  static final Volume CATHETER_ALLOWANCE = Volume.ofMicrolitres(400);
  static final long FIRST_RETRY = Duration.ofMinutes(1).toMillis();
  static final long MAX_RETRY = Duration.ofMinutes(15).toMillis();

  /** What the pump did, as it happened. */
  public interface Listener {
    default void alarmRaised(long rtc, AlarmKind kind) {}

    default void modeChanged(long rtc, Mode mode) {}

    /** Drug mass (ng) that reached the catheter tip during [fromRtc, toRtc). */
    default void delivered(long fromRtc, long toRtc, long tipNanograms) {}
  }

  private final PumpModel model;
  private final DrugLibrary library;
  private final Listener listener;
  /** Delivery reports end at every rate change (schedule steps, bolus edges): a patient beside the pump needs them. */
  private boolean reportByRateSegment;
  private final long clockOffset;
  private final long strokeNl;
  private final long emptyStopNl;
  private final long serviceLifeEnd;
  private final long eriToEos;
  private final PowerAccount power;
  private final long criticalRepeat;
  private final long nonCriticalRepeat;
  private final long biasPpm;
  private final long stallFieldMilliTesla;
  private long endedAt = NEVER;
  private long lastDeliveryReport;
  private int raised;

  private long now;
  private Mode mode = Mode.NOT_PROGRAMMED;
  private Drug drug;
  private Concentration concentration;
  private Concentration tubingConcentration;
  private boolean bridgePending;
  private long beliefNl;
  private long lowAlarmNl;
  private Etiology etiology;
  private Prescription running;
  private Prescription afterBridge;
  private long bridgeStrokesRemaining;
  private long stopExpiresAt = NEVER;
  private DeliveryProfile profile = DeliveryProfile.none();
  private long strokeUnits = 1;
  private long owed;
  private long integratedTo;
  private long minStrokeAt;
  private long strokes;
  private long writtenOff;
  private long failedAttempts;
  private final List<Long> patientBolusStarts = new ArrayList<>();
  // stall
  private long fieldMilliTesla;
  private boolean stalled;
  private int stallAttempts;
  private long retryAt = NEVER;
  private final List<long[]> fieldChanges = new ArrayList<>();
  // alarms
  private final EnumSet<AlarmKind> latched = EnumSet.noneOf(AlarmKind.class);
  private long nextCriticalTone = NEVER;
  private long nextNonCriticalTone = NEVER;
  // power
  private long eriAt = NEVER;
  private long eosAt = NEVER;
  private long nextCheckpoint = HOUR;
  private boolean hourly;
  // truth at the tip: the fluid path, first in first out, as {nanolitres, ng/mL}
  private final ArrayDeque<long[]> path = new ArrayDeque<>();
  private long trueCarry;
  private long trueDeliveredNl;
  /** The drug truly in the reservoir (the bias moves more or less than the belief): when it runs out, strokes move nothing. */
  private long trueReservoirNl;
  private long tipNanograms;

  /**
   * A pump booted at RTC 0 whose pump-local clock reads {@code localMillisOfDay} then, with its fluid
   * path ({@code deadVolume}) primed at {@code primeConcentration}, and a fixed delivery bias.
   */
  public EventLevelPump(PumpModel model, DrugLibrary library, HardwareParameters parameters, long localMillisOfDay,
      Volume deadVolume, Concentration primeConcentration, long biasPpm, Listener listener) {
    this.model = model;
    this.library = library;
    this.listener = listener;
    this.clockOffset = localMillisOfDay;
    this.strokeNl = model.strokeVolume().nanolitres();
    this.emptyStopNl = model.minLowReservoirAlarm().nanolitres() / 2;
    this.lowAlarmNl = model.defaultLowReservoirAlarm().nanolitres();
    this.serviceLifeEnd = lifeMillis(model);
    this.eriToEos = model.eriToEndOfService().toMillis();
    this.power = new PowerAccount(parameters.battery(), 0);
    this.criticalRepeat = model.criticalAlarmRepeat().toMillis();
    this.nonCriticalRepeat = model.nonCriticalAlarmRepeat().toMillis();
    this.biasPpm = biasPpm;
    this.stallFieldMilliTesla = parameters.motor().stallFieldMilliTesla();
    if (deadVolume.isPositive()) {
      path.add(new long[] {deadVolume.nanolitres(), primeConcentration.nanogramsPerMillilitre()});
    }
  }

  static long lifeMillis(PumpModel model) {
    var p = model.maxServiceLife();
    long days = p.getYears() * 365L + p.getMonths() * 30L + p.getDays();
    return days * DAY;
  }

  // ------------------------------------------------------------------ time
  /** Processes everything due up to and including {@code t}. */
  public void advanceTo(long t) {
    advanceTo(t, false);
  }

  /**
   * From now on {@link Listener#delivered} windows never span a change of the programmed rate (a
   * flex step, a bolus start or end) or of the true tip flow (the stroke that finds the true
   * reservoir empty, the stroke that brings a new concentration to the tip), and a stalled rotor
   * reports an empty window at once, so a
   * listener spreading each window's mass evenly sees the rate profile the strokes followed. Costs
   * a few events a day; the pump's behaviour is unchanged.
   */
  public EventLevelPump reportByRateSegment() {
    reportByRateSegment = true;
    return this;
  }

  /**
   * Processes everything due up to and including {@code t}, or with {@code stopAtAlarm} only up to
   * the first instant at which an alarm is raised; returns the instant reached.
   */
  public long advanceTo(long t, boolean stopAtAlarm) {
    if (t < now) {
      throw new IllegalArgumentException("cannot go back from " + now + " to " + t);
    }
    int sameInstant = 0;
    long last = -1;
    while (true) {
      long next = nextEventAt();
      if (next > t) {
        break;
      }
      sameInstant = next == last ? sameInstant + 1 : 0;
      last = next;
      if (sameInstant > 16) {
        throw new IllegalStateException("event-level pump does not advance at RTC " + next + " (mode " + mode + ")");
      }
      deliverBefore(next);
      int raisedBefore = raised;
      service(next);
      if (stopAtAlarm && raised != raisedBefore) {
        return now;
      }
    }
    deliverBefore(t + 1);
    integrate(t);
    now = t;
    return t;
  }

  private long nextEventAt() {
    long next = nextCheckpoint;
    if (!fieldChanges.isEmpty()) {
      next = Math.min(next, fieldChanges.get(0)[0]);
    }
    if (profile.oneOff() != null) {
      next = Math.min(next, profile.oneOff().end());
    }
    if (mode == Mode.STOPPED) {
      next = Math.min(next, stopExpiresAt);
    }
    if (mode != Mode.END_OF_SERVICE) {
      next = Math.min(next, Math.min(eriAt == NEVER ? serviceLifeEnd - eriToEos : NEVER, Math.min(eosAt, serviceLifeEnd)));
    }
    if (mode == Mode.RUNNING) {
      if (stalled) {
        next = Math.min(next, Math.max(retryAt, strokeAt(1)));
      } else {
        next = Math.min(next, strokeAt(nextSpecialStroke()));
        if (reportByRateSegment) {
          next = Math.min(next, profile.nextRateChange(now));
        }
      }
    }
    return Math.max(next, now);
  }

  /** The index (from 1) of the next stroke that changes something beyond the counts. */
  private long nextSpecialStroke() {
    if (rotorHeld()) {
      return 1;
    }
    long k = Math.max(1, Math.floorDiv(beliefNl - emptyStopNl, strokeNl) + 1);
    if (!latched.contains(AlarmKind.LOW_RESERVOIR) && drug != null) {
      k = Math.min(k, Math.max(1, ceilDiv(beliefNl - lowAlarmNl, strokeNl)));
    }
    if (bridgeStrokesRemaining > 0) {
      k = Math.min(k, bridgeStrokesRemaining);
    }
    if (reportByRateSegment && trueReservoirNl > 0) {
      // the stroke that finds the true reservoir empty ends a delivery window: the tip flow stops there
      long trueStroke = Math.max(1, strokeNl * (PPM + biasPpm) / PPM);
      k = Math.min(k, Math.max(1, trueReservoirNl / trueStroke + 1));
    }
    if (reportByRateSegment && path.size() > 1) {
      // the stroke that brings a new concentration to the tip ends a delivery window: the tip's mass rate changes there
      long trueStroke = Math.max(1, strokeNl * (PPM + biasPpm) / PPM);
      k = Math.min(k, Math.max(1, path.peekFirst()[0] / trueStroke + 1));
    }
    return k;
  }

  /** When the k-th stroke from now is owed (after any already owed). */
  private long strokeAt(long k) {
    long need = Math.subtractExact(Math.multiplyExact(k, strokeUnits), owed);
    long at = profile.reach(integratedTo, need);
    return at == NEVER ? NEVER : Math.max(at, minStrokeAt);
  }

  /** Takes, in one count, the ordinary strokes owed strictly before {@code t}. */
  private void deliverBefore(long t) {
    if (mode != Mode.RUNNING || stalled || rotorHeld() || t - 1 <= integratedTo) {
      return;
    }
    integrate(t - 1);
    if (t - 1 < minStrokeAt) {
      return;
    }
    long n = owed / strokeUnits;
    if (n > 0) {
      owed -= n * strokeUnits;
      took(n, t - 1);
    }
  }

  private void integrate(long t) {
    if (t > integratedTo) {
      owed = Math.addExact(owed, profile.units(integratedTo, t));
      integratedTo = t;
      if (stalled && owed >= 2 * strokeUnits) {
        long off = owed / strokeUnits - 1;
        owed -= off * strokeUnits;
        writtenOff += off;
      }
    }
  }

  /** The firmware's order within one wake-up. */
  private void service(long t) {
    now = t;
    integrate(t);
    while (!fieldChanges.isEmpty() && fieldChanges.get(0)[0] <= t) {
      long[] change = fieldChanges.remove(0);
      boolean wasHeld = rotorHeld();
      fieldMilliTesla += change[1];
      if (wasHeld && !rotorHeld() && stalled) {
        retryAt = t;
      }
    }
    if (profile.oneOff() != null && profile.oneOff().end() <= t) {
      profile.setOneOff(null);
    }
    deadlines(t);
    if (t >= nextCheckpoint) {
      housekeeping(t);
    }
    deliverDue(t);
  }

  private void deadlines(long t) {
    if (mode == Mode.STOPPED && t >= stopExpiresAt) {
      setMode(Mode.STOP_EXPIRED);
      raise(AlarmKind.STOP_EXPIRED);
    }
    if (mode == Mode.END_OF_SERVICE) {
      return;
    }
    if (t >= serviceLifeEnd) {
      if (eriAt == NEVER) {
        raiseEri();
      }
      endOfService();
    } else if (t >= eosAt) {
      endOfService();
    } else if (eriAt == NEVER && t >= serviceLifeEnd - eriToEos) {
      raiseEri();
    }
  }

  private void housekeeping(long t) {
    settleTones(t);
    long remainingNah = power.remainingNanoampHours(t);
    long remaining = remainingNah / 1000;
    long capacity = power.capacityMicroampHours();
    boolean sampleDay = t >= power.nextSampleAt;
    power.sample(t, remaining);
    if (mode != Mode.END_OF_SERVICE) {
      if (remaining * 100 <= capacity) {
        if (eriAt == NEVER) {
          raiseEri();
        }
        endOfService();
      } else if (eriAt == NEVER) {
        if (t >= serviceLifeEnd - eriToEos || remaining * 100 <= capacity * 3
            || power.projectedWithin(t, remaining, ERI_PROJECTED_DAYS)) {
          raiseEri();
        }
      }
    }
    if (sampleDay) {
      hourly = remaining * 20 <= capacity
          || (eriAt == NEVER && power.projectedWithin(t, remaining, HOURLY_CHECK_MARGIN_DAYS));
    }
    nextCheckpoint = hourly ? t + HOUR : power.nextSampleAt;
    if (!hourly) {
      skipSamples(t);
    }
  }

  /**
   * Far from any power rule the daily samples change nothing: while the remaining charge exceeds
   * {@link #SKIP_MARGIN_DAYS} days of the highest drain the present program, allowance and alarm
   * tones can cause, none of ERI by projection, 3 % or 1 % can trigger. The samples resume (on
   * the firmware's own daily grid) a full sample window before that point, so that every check
   * that could trigger sees exactly the firmware's window.
   */
  private void skipSamples(long t) {
    if (mode == Mode.END_OF_SERVICE || eriAt != NEVER) {
      return;
    }
    long bound = drainBoundPerDay();
    long spare = power.remainingNanoampHours(t) - SKIP_MARGIN_DAYS * bound;
    if (spare <= 0) {
      return;
    }
    long resume = t + spare / bound * DAY - (PowerAccount.WINDOW + 1) * DAY;
    if (resume > power.nextSampleAt) {
      long grid = power.nextSampleAt + (resume - power.nextSampleAt) / DAY * DAY;
      power.samples = 0;
      power.nextSampleAt = grid;
      nextCheckpoint = grid;
    }
  }

  /** Called when the drain may have risen (program, bolus, alarm): samples resume earlier if needed. */
  private void replanSamples() {
    if (!hourly && nextCheckpoint > now + DAY && nextCheckpoint == power.nextSampleAt) {
      long first = power.nextSampleAt - (nextCheckpoint - now) / DAY * DAY;
      power.nextSampleAt = first;
      nextCheckpoint = first;
      skipSamples(now);
    }
  }

  /** An upper bound of the charge used per day (nAh) while the present program, allowance and latched alarms last. */
  private long drainBoundPerDay() {
    var b = power.battery;
    long units = profile.perDay() + (profile.oneOff() != null ? profile.oneOff().total() : 0)
        + (running == null ? 0 : running.patientBolus().map(a -> a.maxDailyMass().nanograms() * DeliveryProfile.PER_NANOGRAM).orElse(0L));
    long strokesPerDay = units / strokeUnits * 5 / 4 + 10;
    long tones = 0;
    if (nextCriticalTone != NEVER) {
      tones += (DAY / criticalRepeat + 1) * PowerAccount.CRITICAL_TONE_SECONDS;
    }
    if (nextNonCriticalTone != NEVER) {
      tones += (DAY / nonCriticalRepeat + 1) * PowerAccount.NON_CRITICAL_TONE_SECONDS;
    }
    // a new alarm may latch any time: one class of each at most
    tones += (DAY / criticalRepeat + 1) * PowerAccount.CRITICAL_TONE_SECONDS + (DAY / nonCriticalRepeat + 1);
    return b.idleNanoampHoursPerHour() * 24 + (strokesPerDay + 2 * 96) * b.strokeNanoampHours()
        + tones * b.toneNanoampHoursPerSecond() + 1;
  }

  private void deliverDue(long t) {
    if (mode != Mode.RUNNING || t < minStrokeAt) {
      return;
    }
    if (stalled) {
      if (t >= retryAt && owed >= strokeUnits) {
        attempt(t);
      }
      return;
    }
    for (int i = 0; i < 2 && mode == Mode.RUNNING && !stalled && owed >= strokeUnits; i++) {
      attempt(t);
    }
  }

  private void attempt(long t) {
    if (beliefNl - strokeNl < emptyStopNl) {
      setMode(Mode.RESERVOIR_EMPTY);
      applyProfile();
      raise(AlarmKind.RESERVOIR_EMPTY);
      return;
    }
    if (rotorHeld()) {
      power.strokeAttempts++;
      failedAttempts++;
      if (!stalled) {
        stalled = true;
        stallAttempts = 0;
        if (reportByRateSegment) {
          listener.delivered(lastDeliveryReport, Math.max(lastDeliveryReport, t), 0); // nothing reaches the tip from now
          lastDeliveryReport = Math.max(lastDeliveryReport, t);
        }
      }
      stallAttempts++;
      retryAt = t + Math.min(FIRST_RETRY << Math.min(stallAttempts - 1, 20), MAX_RETRY);
      if (stallAttempts >= 3) {
        raise(AlarmKind.MOTOR_STALL);
      }
      return;
    }
    owed -= strokeUnits;
    stalled = false;
    retryAt = NEVER;
    boolean bridging = bridgeStrokesRemaining > 0;
    took(1, t);
    if (bridging && bridgeStrokesRemaining == 0) {
      completeBridge();
    }
    if (beliefNl <= lowAlarmNl && drug != null && !latched.contains(AlarmKind.LOW_RESERVOIR)) {
      raise(AlarmKind.LOW_RESERVOIR);
    }
  }

  private void took(long n, long at) {
    bridgeStrokesRemaining = Math.max(0, bridgeStrokesRemaining - n);
    strokes += n;
    power.strokeAttempts += n;
    beliefNl -= n * strokeNl;
    long numerator = Math.addExact(Math.multiplyExact(n * strokeNl, PPM + biasPpm), trueCarry);
    long nl = numerator / PPM;
    trueCarry = numerator % PPM;
    nl = Math.min(nl, trueReservoirNl); // a truly empty reservoir pumps nothing however much the belief holds
    trueReservoirNl -= nl;
    trueDeliveredNl += nl;
    long ng = push(nl, concentration.nanogramsPerMillilitre());
    tipNanograms += ng;
    listener.delivered(lastDeliveryReport, at + 1, ng);
    lastDeliveryReport = at + 1;
  }

  /** Pushes {@code nl} in at the pump; returns the drug mass the same volume carries out at the tip. */
  private long push(long nl, long ngPerMl) {
    if (path.isEmpty()) {
      return nl * ngPerMl / 1_000_000;
    }
    long[] tail = path.peekLast();
    if (tail[1] == ngPerMl) {
      tail[0] += nl;
    } else {
      path.addLast(new long[] {nl, ngPerMl});
    }
    long out = 0;
    long toPush = nl;
    while (toPush > 0) {
      long[] head = path.peekFirst();
      long take = Math.min(head[0], toPush);
      out += take * head[1] / 1_000_000;
      head[0] -= take;
      toPush -= take;
      if (head[0] == 0) {
        path.pollFirst();
      }
    }
    return out;
  }

  private boolean rotorHeld() {
    return fieldMilliTesla > stallFieldMilliTesla;
  }

  // ------------------------------------------------------------------ alarms

  private void raise(AlarmKind kind) {
    if (!latched.add(kind)) {
      return;
    }
    settleTones(now);
    if (kind.critical()) {
      power.toneSeconds += PowerAccount.CRITICAL_TONE_SECONDS;
      nextCriticalTone = now + criticalRepeat;
    } else {
      power.toneSeconds += PowerAccount.NON_CRITICAL_TONE_SECONDS;
      nextNonCriticalTone = now + nonCriticalRepeat;
    }
    raised++;
    listener.alarmRaised(now, kind);
  }

  /** Counts the repeated tones sounded strictly before {@code t}. */
  private void settleTones(long t) {
    if (nextCriticalTone < t) {
      long k = (t - 1 - nextCriticalTone) / criticalRepeat + 1;
      power.toneSeconds += k * PowerAccount.CRITICAL_TONE_SECONDS;
      nextCriticalTone += k * criticalRepeat;
    }
    if (nextNonCriticalTone < t) {
      long k = (t - 1 - nextNonCriticalTone) / nonCriticalRepeat + 1;
      power.toneSeconds += k * PowerAccount.NON_CRITICAL_TONE_SECONDS;
      nextNonCriticalTone += k * nonCriticalRepeat;
    }
  }

  private void raiseEri() {
    eriAt = now;
    eosAt = Math.min(now + eriToEos, serviceLifeEnd);
    raise(AlarmKind.REPLACEMENT_INDICATOR);
  }

  private void endOfService() {
    endedAt = now;
    setMode(Mode.END_OF_SERVICE);
    applyProfile();
    raise(AlarmKind.END_OF_SERVICE);
  }

  private void setMode(Mode m) {
    if (m != mode) {
      mode = m;
      if (m.delivers()) {
        lastDeliveryReport = now;
      }
      listener.modeChanged(now, m);
    }
  }

  // ------------------------------------------------------------------ commands

  /** The result of a command: empty when accepted, else the firmware's refusal code. */
  public Optional<Code> refill(Volume newVolume, Drug claimed, Concentration c) {
    service(now);
    // the syringe empties the reservoir and fills it before the pump is told (as the per-stroke refill does)
    trueReservoirNl = Math.max(0, Math.min(newVolume.nanolitres(), model.reservoir().nanolitres()));
    if (mode == Mode.END_OF_SERVICE) {
      return Optional.of(Code.NOT_NOW);
    }
    Drug d = libraryDrug(claimed);
    if (d == null) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    if (!newVolume.isPositive() || newVolume.compareTo(model.reservoir()) > 0 || c.compareTo(d.maxConcentration()) > 0) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    if (bridgeStrokesRemaining > 0) {
      return Optional.of(Code.BUSY);
    }
    boolean changed = drug != null && running != null && !c.equals(concentration);
    Prescription converted = null;
    boolean unrunnable = false;
    if (changed) {
      converted = withDrug(running, d, c);
      unrunnable = checkPrescription(converted, etiology, d).isPresent();
    }
    Concentration old = concentration;
    drug = d;
    concentration = c;
    beliefNl = newVolume.nanolitres();
    if (changed) {
      tubingConcentration = tubingConcentration == null ? old : tubingConcentration;
      bridgePending = true;
      running = converted;
      changeStrokeConcentration(c);
    }
    if (mode == Mode.RESERVOIR_EMPTY) {
      setMode(running == null ? Mode.NOT_PROGRAMMED : Mode.RUNNING);
    }
    if (unrunnable && mode == Mode.RUNNING) {
      setMode(Mode.STOPPED);
      stopExpiresAt = now + STOP_AFTER_UNRUNNABLE_REFILL.toMillis();
    }
    // as the firmware: a running one-off bolus ends with the refill
    integrate(now);
    profile.setOneOff(null);
    applyProfile();
    afterCommand();
    return Optional.empty();
  }

  /** ProgramTherapy. */
  public Optional<Code> program(Prescription claimed, Etiology e, Volume lowAlarm) {
    service(now);
    if (mode == Mode.END_OF_SERVICE) {
      return Optional.of(Code.NOT_NOW);
    }
    Drug d = libraryDrug(claimed.drug());
    if (d == null) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    Prescription rx = withDrug(claimed, d, claimed.concentration());
    if (drug == null || !drug.name().equalsIgnoreCase(d.name()) || !concentration.equals(rx.concentration())) {
      return Optional.of(Code.MISMATCH);
    }
    if (!model.isSettableLowReservoirAlarm(lowAlarm)) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    Optional<Code> refused = checkPrescription(rx, e, d);
    if (refused.isPresent()) {
      return refused;
    }
    endBridge();
    etiology = e;
    lowAlarmNl = lowAlarm.nanolitres();
    running = rx;
    if (mode != Mode.RESERVOIR_EMPTY) {
      setMode(Mode.RUNNING);
    }
    stopExpiresAt = NEVER;
    changeStrokeConcentration(rx.concentration());
    applyProfile();
    if (drug != null && beliefNl <= lowAlarmNl) {
      raise(AlarmKind.LOW_RESERVOIR);
    }
    afterCommand();
    return Optional.empty();
  }

  /** BridgeBolus: {@code volume} at the old concentration and the old doses, then {@code next}. */
  public Optional<Code> bridgeBolus(Volume volume, Prescription next) {
    service(now);
    if (mode != Mode.RUNNING || running == null) {
      return Optional.of(Code.NOT_NOW);
    }
    if (!bridgePending || tubingConcentration == null) {
      return Optional.of(Code.NOT_NOW);
    }
    if (bridgeStrokesRemaining > 0) {
      return Optional.of(Code.BUSY);
    }
    if (!volume.isPositive() || volume.compareTo(model.pumpTubing().plus(CATHETER_ALLOWANCE)) > 0) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    Drug d = libraryDrug(next.drug());
    if (d == null) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    Prescription nextRx = withDrug(next, d, next.concentration());
    if (!concentration.equals(nextRx.concentration())) {
      return Optional.of(Code.MISMATCH);
    }
    Prescription bridge = withDrug(running, d, tubingConcentration);
    Optional<Code> refused = checkPrescription(nextRx, etiology, d).or(() -> checkPrescription(bridge, etiology, d));
    if (refused.isPresent()) {
      return refused;
    }
    running = bridge;
    afterBridge = nextRx;
    bridgeStrokesRemaining = Rounding.UP.divide(volume.nanolitres(), strokeNl);
    changeStrokeConcentration(tubingConcentration);
    applyProfile();
    afterCommand();
    return Optional.empty();
  }

  /** PatientBolusRequest. */
  public Optional<Code> patientBolus() {
    service(now);
    Optional<PatientBolusAllowance> allowance = running == null ? Optional.empty() : running.patientBolus();
    if (allowance.isEmpty()) {
      return Optional.of(Code.NO_ALLOWANCE);
    }
    if (mode != Mode.RUNNING) {
      return Optional.of(Code.NOT_NOW);
    }
    if (profile.oneOff() != null) {
      return Optional.of(Code.BUSY);
    }
    PatientBolusAllowance a = allowance.get();
    patientBolusStarts.removeIf(s -> s <= now - DAY);
    if (!patientBolusStarts.isEmpty() && now - patientBolusStarts.get(patientBolusStarts.size() - 1) < a.lockout().toMillis()) {
      return Optional.of(Code.LOCKOUT);
    }
    if (patientBolusStarts.size() >= a.maxPerDay()) {
      return Optional.of(Code.DAILY_LIMIT);
    }
    patientBolusStarts.add(now);
    integrate(now);
    profile.setOneOff(new DeliveryProfile.Bolus(now, Math.multiplyExact(a.dose().nanograms(), DeliveryProfile.PER_NANOGRAM),
        a.duration().toMillis()));
    afterCommand();
    return Optional.empty();
  }

  /** Interrogate, optionally followed by ClearAlarms. */
  public void interrogate(boolean clearAlarms) {
    service(now);
    if (clearAlarms) {
      settleTones(now);
      latched.clear();
      nextCriticalTone = NEVER;
      nextNonCriticalTone = NEVER;
      for (AlarmKind k : AlarmKind.values()) {
        if (conditionPresent(k)) {
          raise(k);
        }
      }
    }
    afterCommand();
  }

  /** A static field of {@code milliTesla} from {@code start} for {@code duration} (RTC ms). */
  public void magneticField(long start, long duration, long milliTesla) {
    fieldChanges.add(new long[] {start, milliTesla});
    fieldChanges.add(new long[] {start + duration, -milliTesla});
    fieldChanges.sort((a, b) -> Long.compare(a[0], b[0]));
  }

  private boolean conditionPresent(AlarmKind kind) {
    return switch (kind) {
      case LOW_RESERVOIR -> drug != null && beliefNl <= lowAlarmNl;
      case REPLACEMENT_INDICATOR -> eriAt != NEVER;
      case RESERVOIR_EMPTY -> mode == Mode.RESERVOIR_EMPTY;
      case END_OF_SERVICE -> mode == Mode.END_OF_SERVICE;
      case MOTOR_STALL -> stalled && stallAttempts >= 3;
      case STOP_EXPIRED -> mode == Mode.STOP_EXPIRED;
      default -> false;
    };
  }

  private void afterCommand() {
    resolveEndedAlarms();
    if (mode == Mode.RUNNING && owed >= strokeUnits) {
      minStrokeAt = now + 1;
    }
    replanSamples();
  }

  /**
   * As the firmware does after every command: an alarm that reports a condition (low reservoir,
   * empty reservoir, expired stop) is unlatched once its condition has ended, so the next crossing
   * raises it again with its tone; its tone class stops repeating when nothing of that class is latched.
   */
  private void resolveEndedAlarms() {
    boolean changed = false;
    for (AlarmKind k : ENDS_WITH_CONDITION) {
      if (latched.contains(k) && !conditionPresent(k)) {
        if (!changed) {
          settleTones(now);
        }
        latched.remove(k);
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    if (latched.stream().noneMatch(AlarmKind::critical)) {
      nextCriticalTone = NEVER;
    }
    if (latched.stream().allMatch(AlarmKind::critical)) {
      nextNonCriticalTone = NEVER;
    }
  }

  private static final List<AlarmKind> ENDS_WITH_CONDITION =
      List.of(AlarmKind.LOW_RESERVOIR, AlarmKind.RESERVOIR_EMPTY, AlarmKind.STOP_EXPIRED);

  private void endBridge() {
    if (bridgeStrokesRemaining == 0) {
      return;
    }
    bridgeStrokesRemaining = 0;
    afterBridge = null;
    tubingConcentration = null;
    bridgePending = false;
    applyProfile();
  }

  private void completeBridge() {
    running = afterBridge;
    afterBridge = null;
    tubingConcentration = null;
    bridgePending = false;
    changeStrokeConcentration(running.concentration());
    applyProfile();
  }

  private void changeStrokeConcentration(Concentration c) {
    strokeUnits = Math.multiplyExact(Math.multiplyExact(strokeNl, c.nanogramsPerMillilitre()), DeliveryProfile.PER_NL_PER_NG_ML);
    if (owed >= 2 * strokeUnits) {
      long off = owed / strokeUnits - 1;
      owed -= off * strokeUnits;
      writtenOff += off;
    }
  }

  private void applyProfile() {
    integrate(now);
    DeliveryProfile.Bolus oneOff = mode.delivers() ? profile.oneOff() : null;
    profile = mode.delivers() && running != null ? DeliveryProfile.of(running, clockOffset) : DeliveryProfile.none();
    profile.setOneOff(oneOff);
  }

  // ------------------------------------------------------------------ hard limits (the firmware's TherapyLimits)

  private Drug libraryDrug(Drug claimed) {
    return library.drugs().stream().filter(x -> x.name().equalsIgnoreCase(claimed.name())).findFirst().orElse(null);
  }

  private Optional<Code> checkPrescription(Prescription p, Etiology e, Drug d) {
    Concentration c = p.concentration();
    if (c.compareTo(d.maxConcentration()) > 0) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    if (p.basal() instanceof FlexSchedule flex && flex.steps().size() > model.maxFlexSteps()) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    List<DoseRate> rates = switch (p.basal()) {
      case SimpleContinuous s -> List.of(s.dailyDose());
      case FlexSchedule f -> f.steps().stream().map(FlexStep::rate).toList();
      default -> List.of();
    };
    for (DoseRate dose : rates) {
      if (!dose.isZero() && dose.volumeRateAt(c, Rounding.DOWN).compareTo(model.minRate()) < 0) {
        return Optional.of(Code.OUT_OF_RANGE);
      }
    }
    DeliveryProfile daily = DeliveryProfile.of(p, 0);
    Optional<PatientBolusAllowance> a = p.patientBolus();
    if (daily.deliversNothing() && a.isEmpty()) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    long patientPeak = a.map(x -> new DeliveryProfile.Bolus(0, x.dose().nanograms() * DeliveryProfile.PER_NANOGRAM,
        x.duration().toMillis()).peak()).orElse(0L);
    long maxPerMilli = java.math.BigInteger.valueOf(model.maxRate().nanolitresPerDay())
        .multiply(java.math.BigInteger.valueOf(c.nanogramsPerMillilitre() * DeliveryProfile.PER_NL_PER_NG_ML))
        .divide(java.math.BigInteger.valueOf(DAY)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    if (daily.peakRate() + patientPeak > maxPerMilli) {
      return Optional.of(Code.OUT_OF_RANGE);
    }
    long worst = Math.addExact(daily.perDay(), a.map(x -> x.maxDailyMass().nanograms() * DeliveryProfile.PER_NANOGRAM).orElse(0L));
    if (worst > Math.multiplyExact(d.limits(e).hardMax().nanogramsPerDay(), DeliveryProfile.PER_NANOGRAM)) {
      return Optional.of(Code.HARD_DOSE_LIMIT);
    }
    return Optional.empty();
  }

  private static Prescription withDrug(Prescription rx, Drug d, Concentration c) {
    return new Prescription(d, c, rx.basal(), rx.scheduledBoluses(), rx.patientBolus());
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  // ------------------------------------------------------------------ reading

  public long now() {
    return now;
  }

  public Mode mode() {
    return mode;
  }

  public Set<AlarmKind> alarms() {
    return latched.isEmpty() ? EnumSet.noneOf(AlarmKind.class) : EnumSet.copyOf(latched);
  }

  public long strokesDelivered() {
    return strokes;
  }

  public long strokesWrittenOff() {
    return writtenOff;
  }

  public long failedAttempts() {
    return failedAttempts;
  }

  public Volume reservoirBelief() {
    return new Volume(beliefNl);
  }

  public Optional<Long> eriAt() {
    return eriAt == NEVER ? Optional.empty() : Optional.of(eriAt);
  }

  public Optional<Long> endOfServiceAt() {
    return endedAt == NEVER ? Optional.empty() : Optional.of(endedAt);
  }

  public Volume trueDeliveredVolume() {
    return new Volume(trueDeliveredNl);
  }

  /** Drug mass that has left the catheter tip. */
  public long tipNanograms() {
    return tipNanograms;
  }

  public long batteryRemainingMicroampHours() {
    return power.remainingMicroampHours(now);
  }

  public Optional<Prescription> prescription() {
    return Optional.ofNullable(running);
  }
}
