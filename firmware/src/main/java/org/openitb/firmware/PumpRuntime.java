// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.openitb.firmware.engine.DeliveryUnits.DAY_MILLIS;
import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.openitb.firmware.PumpEvent.AlarmCleared;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.BolusEnded;
import org.openitb.firmware.PumpEvent.DeliveryWrittenOff;
import org.openitb.firmware.PumpEvent.EndOfService;
import org.openitb.firmware.PumpEvent.EndReason;
import org.openitb.firmware.PumpEvent.EriReason;
import org.openitb.firmware.PumpEvent.ReplacementIndicator;
import org.openitb.firmware.PumpEvent.ReservoirEmpty;
import org.openitb.firmware.PumpEvent.RunawayDetected;
import org.openitb.firmware.PumpEvent.SafeStateEntered;
import org.openitb.firmware.PumpEvent.SettingsCopyCorrupted;
import org.openitb.firmware.PumpEvent.StallRecovered;
import org.openitb.firmware.PumpEvent.StallStarted;
import org.openitb.firmware.PumpEvent.StopExpired;
import org.openitb.firmware.PumpEvent.StrokesDelivered;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.alarms.AlarmManager;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.engine.DailyProfile;
import org.openitb.firmware.engine.DeliveryUnits;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.engine.OwedDelivery;
import org.openitb.firmware.engine.RecentBolus;
import org.openitb.firmware.engine.ReservoirLedger;
import org.openitb.firmware.engine.SafetyMonitor;
import org.openitb.firmware.engine.StallTracker;
import org.openitb.firmware.engine.TherapyProfile;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.hal.Motor;
import org.openitb.firmware.power.PowerMonitor;
import org.openitb.firmware.storage.ByteWriter;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.storage.EventLog;
import org.openitb.firmware.storage.PrescriptionCodec;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.firmware.storage.StoredCodes;
import org.openitb.firmware.storage.StoredState;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/**
 * Everything the pump holds in RAM: a reset throws the instance away and {@link Boot} builds a new
 * one from non-volatile memory and the motor's rotation counter. Each interrupt first {@link
 * #service services} everything due at the RTC's time (watchdog kick, rotation check, delivery
 * integration, deadlines, housekeeping, due strokes, alarm tones), then the caller handles its own
 * business and {@link #armNextWake arms} the next wake-up at the earliest deadline. Per stroke the
 * work is a few integer operations and three motor calls; nothing is allocated or logged per
 * stroke (strokes are logged in hourly batches with the checkpoint).
 */
final class PumpRuntime {
  /** The firmware wakes at least this often (watchdog kick, runaway check) even with nothing due. */
  static final Duration MAX_SLEEP = Duration.ofMinutes(10);
  /** How often the stroke batch is logged, the battery sampled and the checkpoint saved. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofHours(1);
  /** How often both settings copies are re-read and repaired. */
  static final Duration SCRUB_INTERVAL = Duration.ofDays(1);
  /** Boots within 24 h beyond which RESET_LOOP sounds. */
  static final int MAX_BOOTS_PER_DAY = 5;
  /** At most this many strokes per wake: the one due and at most one overdue (no catch-up). */
  private static final int MAX_STROKES_PER_WAKE = 2;

  final Hal hal;
  final Motor motor;
  final PumpModel model;
  final DrugLibrary library;
  final String serial;
  final TherapyLimits limits;
  private final Consumer<LogEntry> sink;
  final SettingsStore settings;
  final EventLog log;
  final TherapyProfile profile = new TherapyProfile();
  final OwedDelivery engine;
  final SafetyMonitor monitor;
  final ReservoirLedger reservoir;
  final AlarmManager alarms;
  final StallTracker stall = new StallTracker();
  final PowerMonitor power;
  final List<Long> patientBolusStarts = new ArrayList<>();
  final List<RecentBolus> recentOneOffs = new ArrayList<>();
  final List<Long> bootTimes = new ArrayList<>();
  private final ByteWriter stateBuffer = new ByteWriter();

  // The state below is written only by this class's named transitions (each persists what a reset must find);
  // the command processor, boot and telemetry read it through the accessors.
  private Mode mode = Mode.NOT_PROGRAMMED;
  private AlarmKind safeReason;
  private Etiology etiology;
  private Prescription running;
  private DailyProfile runningDaily;
  private Prescription afterBridge;
  private long bridgeStrokesRemaining;
  private long stopExpiresAt = NEVER;
  private boolean interrogationRequired;
  /** Pump-local time minus UTC, in minutes, as last set (0 until then). */
  private int utcOffsetMinutes;
  private long strokesDelivered;
  private long strokesWrittenOff;
  private long failedAttempts;
  private long batchStrokes;
  private long nextCheckpointAt;
  private long nextScrubAt;
  private long now;

  private PumpRuntime(
      Hal hal, PumpModel model, DrugLibrary library, String serial, Consumer<LogEntry> sink, int logBase, int logSlots) {
    this.hal = hal;
    this.motor = hal.motor();
    this.model = model;
    this.library = library;
    this.serial = serial;
    this.sink = sink;
    this.limits = new TherapyLimits(model, library);
    this.settings = new SettingsStore(hal.memory());
    this.log = new EventLog(hal.memory(), logBase, logSlots);
    this.reservoir = new ReservoirLedger(model);
    this.alarms = new AlarmManager(hal.buzzer(), model.criticalAlarmRepeat().toMillis(), model.nonCriticalAlarmRepeat().toMillis());
    this.power = new PowerMonitor(model);
    this.engine = new OwedDelivery(profile, 1);
    this.monitor = new SafetyMonitor(profile, 1);
  }

  // ---------------------------------------------------------------- boot (see Boot)

  /** A blank runtime at the RTC's time (boot then restores or initialises it). */
  static PumpRuntime create(
      Hal hal, PumpModel model, DrugLibrary library, String serial, Consumer<LogEntry> sink, int logBase, int logSlots) {
    PumpRuntime r = new PumpRuntime(hal, model, library, serial, sink, logBase, logSlots);
    r.now = hal.rtc().nowMillis();
    return r;
  }

  /** Boot: puts the stored settings and beliefs into RAM (delivery is reconstructed by {@link Boot} from the rotor). */
  void restore(StoredState s) {
    mode = s.mode();
    safeReason = s.safeReason();
    profile.setClockOffset(s.clockOffsetMillis());
    utcOffsetMinutes = s.utcOffsetMinutes();
    etiology = s.etiology();
    reservoir.lowAlarmNl = s.lowAlarmNl();
    reservoir.drug = s.drug();
    reservoir.concentration = s.reservoirConcentration();
    reservoir.tubingConcentration = s.tubingConcentration();
    reservoir.bridgePending = s.bridgePending();
    reservoir.beliefNl = s.beliefNl();
    running = s.running();
    runningDaily = running == null ? null : DailyProfile.of(running);
    afterBridge = s.afterBridge();
    bridgeStrokesRemaining = s.bridgeStrokesRemaining();
    stopExpiresAt = s.stopExpiresAt();
    profile.boluses().addAll(s.boluses());
    patientBolusStarts.addAll(s.patientBolusStarts());
    recentOneOffs.addAll(s.recentOneOffs());
    interrogationRequired = s.interrogationRequired();
    power.restore(s.eriAt(), s.eosAt());
    strokesDelivered = s.strokesDelivered();
    strokesWrittenOff = s.strokesWrittenOff();
    failedAttempts = s.failedAttempts();
    stall.restore(s.stall());
    bootTimes.addAll(0, s.bootTimes());
    log.recover(s.lastLogNumber());
    alarms.restore(StoredCodes.alarmsIn(s.latchedAlarms()), now);
    profile.setDaily(mode.delivers() ? runningDaily : null);
    long stroke = strokeUnitsFor(running == null ? null : running.concentration());
    engine.setStrokeUnits(stroke);
    monitor.budget().setStrokeUnits(stroke);
  }

  /**
   * Boot without verified settings: never run unverified settings; stopped, critical alarm, until
   * refilled and reprogrammed. {@link Boot} saves it right after (its one save for every boot without settings).
   */
  void settingsLost() {
    mode = Mode.SAFE_STATE;
    safeReason = AlarmKind.SETTINGS_LOST;
    record(new SafeStateEntered(AlarmKind.SETTINGS_LOST));
    raise(AlarmKind.SETTINGS_LOST);
  }

  /**
   * Strokes written off at boot (the pump was down longer than a stroke interval). During a stall
   * they belong to the stall episode, as those written off while awake do (its StallRecovered
   * event counts them); true when they are a write-off of their own, to be logged.
   */
  boolean wroteOff(long strokes) {
    strokesWrittenOff += strokes;
    if (stall.stalled()) {
      stall.wroteOff(strokes);
      return false;
    }
    return strokes > 0;
  }

  void scheduleHousekeepingFrom(long at) {
    nextCheckpointAt = at + CHECKPOINT_INTERVAL.toMillis();
    nextScrubAt = at + SCRUB_INTERVAL.toMillis();
  }

  /** Strokes found turned since the checkpoint: counted and put in the next log batch. */
  void recoveredStrokes(long n) {
    strokesDelivered += n;
    batchStrokes += n;
    reservoir.rotations(n);
    if (bridgeStrokesRemaining > 0) {
      // the bridge's last stroke saves a checkpoint, so it cannot have ended unseen; at worst it ends at the next stroke
      bridgeStrokesRemaining = Math.max(1, bridgeStrokesRemaining - n);
    }
  }

  int bootsInLastDay() {
    bootTimes.removeIf(t -> t <= now - DAY_MILLIS);
    while (bootTimes.size() > StateCodec.MAX_BOOTS) {
      bootTimes.remove(0);
    }
    return bootTimes.size();
  }

  long strokeUnitsFor(Concentration c) {
    return c == null ? 1 : DeliveryUnits.ofVolume(model.strokeVolume(), c);
  }

  // ---------------------------------------------------------------- every interrupt

  /** Brings everything up to the RTC's time and does what is due. */
  void service() {
    now = Math.max(now, hal.rtc().nowMillis()); // the RTC never goes backwards; if it did, hold time
    hal.watchdog().kick();
    checkRotations();
    advanceDelivery();
    endFinishedBoluses();
    processDeadlines();
    if (now >= nextCheckpointAt) {
      housekeeping();
    }
    deliverDue();
    resolveEndedAlarms();
    alarms.soundDue(now);
  }

  void armNextWake() {
    long next = Math.min(now + MAX_SLEEP.toMillis(), nextCheckpointAt);
    next = Math.min(next, alarms.nextSoundAt());
    if (mode == Mode.STOPPED) {
      next = Math.min(next, stopExpiresAt);
    }
    if (mode != Mode.END_OF_SERVICE) {
      next = Math.min(next, power.nextDeadline());
    }
    if (mode == Mode.RUNNING) {
      next = Math.min(next, stall.stalled() ? stall.retryAt() : engine.nextDueAt(now));
      next = Math.min(next, profile.nextBolusEnd());
    }
    hal.rtc().wakeAt(Math.max(next, now + 1));
  }

  private void checkRotations() {
    long sensed = motor.rotationsSensed();
    long extra = monitor.uncommandedRotations(sensed);
    if (extra > 0) {
      // they pumped drug all the same: the belief must count them
      reservoir.rotations(extra);
      strokesDelivered += extra;
      batchStrokes += extra;
      runaway(extra);
    } else if (extra < 0) {
      monitor.acknowledge(sensed);
    }
  }

  private void advanceDelivery() {
    long writtenOff = engine.advanceTo(now);
    monitor.budget().advanceTo(now);
    if (writtenOff > 0) {
      strokesWrittenOff += writtenOff;
      if (stall.stalled()) {
        stall.wroteOff(writtenOff);
      } else {
        record(new DeliveryWrittenOff(writtenOff));
      }
    }
  }

  private void endFinishedBoluses() {
    List<OneOffBolus> boluses = profile.boluses();
    if (boluses.isEmpty()) {
      return;
    }
    boolean ended = false;
    for (Iterator<OneOffBolus> it = boluses.iterator(); it.hasNext(); ) {
      OneOffBolus b = it.next();
      if (b.endRtc() <= now) {
        it.remove();
        record(new BolusEnded(b.kind(), true));
        ended = true;
      }
    }
    if (ended) {
      persist(); // so that a reset does not end it a second time
    }
  }

  private void processDeadlines() {
    if (mode == Mode.STOPPED && now >= stopExpiresAt) {
      mode = Mode.STOP_EXPIRED;
      record(new StopExpired());
      raise(AlarmKind.STOP_EXPIRED);
      persist();
    }
    if (mode == Mode.END_OF_SERVICE) {
      return;
    }
    if (now >= power.serviceLifeEnd()) {
      if (power.eriAt() == NEVER) {
        raiseEri(EriReason.SERVICE_LIFE);
      }
      endOfService(EndReason.SERVICE_LIFE);
    } else if (now >= power.eosAt()) {
      endOfService(EndReason.BATTERY);
    } else if (power.eriAt() == NEVER && now >= power.eriByAge()) {
      raiseEri(EriReason.SERVICE_LIFE);
    }
  }

  private void housekeeping() {
    long remaining = hal.battery().remainingMicroampHours();
    long capacity = hal.battery().capacityMicroampHours();
    power.sample(now, remaining);
    if (mode != Mode.END_OF_SERVICE) {
      if (power.exhausted(remaining, capacity)) {
        if (power.eriAt() == NEVER) {
          raiseEri(EriReason.LOW_CHARGE);
        }
        endOfService(EndReason.BATTERY);
      } else if (power.eriAt() == NEVER) {
        power.eriDue(now, remaining, capacity).ifPresent(this::raiseEri);
      }
    }
    if (now >= nextScrubAt) {
      nextScrubAt = now + SCRUB_INTERVAL.toMillis();
      try {
        for (char copy : settings.scrub()) {
          record(new SettingsCopyCorrupted(copy));
          raise(AlarmKind.SETTINGS_COPY_CORRUPTED);
        }
      } catch (RuntimeException e) {
        raise(AlarmKind.LOG_FAILURE);
      }
    }
    persist();
    nextCheckpointAt = now + CHECKPOINT_INTERVAL.toMillis();
  }

  // ---------------------------------------------------------------- strokes

  void deliverDue() {
    if (mode != Mode.RUNNING) {
      return;
    }
    if (stall.stalled()) {
      if (now >= stall.retryAt() && engine.strokeOwed()) {
        attemptStroke();
      }
      return;
    }
    for (int i = 0; i < MAX_STROKES_PER_WAKE && mode == Mode.RUNNING && !stall.stalled() && engine.strokeOwed(); i++) {
      attemptStroke();
    }
  }

  private void attemptStroke() {
    if (reservoir.wouldRunDry()) {
      enterReservoirEmpty();
      return;
    }
    if (!monitor.permitsStroke()) {
      enterSafeState(AlarmKind.DELIVERY_FAULT);
      return;
    }
    long before = motor.rotationsSensed();
    motor.stroke();
    long turned = motor.rotationsSensed() - before;
    if (turned <= 0) {
      strokeFailed();
      return;
    }
    strokeTurned();
    if (turned > 1) {
      // one command, several rotations: the driver ran on
      reservoir.rotations(turned - 1);
      strokesDelivered += turned - 1;
      batchStrokes += turned - 1;
      runaway(turned - 1);
    }
  }

  private void strokeTurned() {
    engine.strokeTaken();
    monitor.strokeTurned();
    reservoir.rotations(1);
    strokesDelivered++;
    batchStrokes++;
    if (stall.stalled()) {
      Duration stalled = stall.recovered(now);
      record(new StallRecovered(stalled, stall.writtenOff()));
      persist();
    }
    if (bridgeStrokesRemaining > 0 && --bridgeStrokesRemaining == 0) {
      completeBridge();
    }
    if (reservoir.low() && !alarms.isLatched(AlarmKind.LOW_RESERVOIR)) {
      raise(AlarmKind.LOW_RESERVOIR);
    }
  }

  /**
   * A commanded stroke sensed no rotation: the stall starts or goes on. Every failed attempt is
   * persisted, so a reset keeps the episode, its attempt count (and so the alarm after the third)
   * and its retry time (issue 11 item 6).
   */
  private void strokeFailed() {
    failedAttempts++;
    if (stall.strokeFailed(now)) {
      interrogationRequired = true;
      record(new StallStarted());
    }
    if (stall.alarmWarranted()) {
      raise(AlarmKind.MOTOR_STALL);
    }
    persist();
  }

  private void completeBridge() {
    running = afterBridge;
    runningDaily = DailyProfile.of(running);
    afterBridge = null;
    reservoir.tubingConcentration = null;
    reservoir.bridgePending = false;
    record(new BolusEnded(BolusKind.BRIDGE, true));
    changeStrokeConcentration(running.concentration());
    applyProfile();
    persist();
  }

  /** The rotor turned without a command: cut motor power at once and stop. */
  void runaway(long extra) {
    if (!motor.powerCut()) {
      motor.cutPower();
    }
    monitor.acknowledge(motor.rotationsSensed());
    record(new RunawayDetected(extra));
    enterSafeState(AlarmKind.MOTOR_RUNAWAY);
  }

  /** A new stroke size after a concentration change; owed drug is carried as mass. */
  void changeStrokeConcentration(Concentration c) {
    long units = strokeUnitsFor(c);
    long writtenOff = engine.setStrokeUnits(units);
    monitor.budget().setStrokeUnits(units);
    strokesWrittenOff += writtenOff;
  }

  // ---------------------------------------------------------------- modes

  /** Puts the profile in line with the mode and program; cancels one-off boluses unless running. */
  void applyProfile() {
    engine.advanceTo(now);
    monitor.budget().advanceTo(now);
    if (!mode.delivers()) {
      cancelBoluses();
    }
    profile.setDaily(mode.delivers() ? runningDaily : null);
    engine.profileChanged(now);
    monitor.budget().profileChanged(now);
  }

  /** Cancels every one-off bolus; a bridge in progress is ended (the new program runs at once). */
  void cancelBoluses() {
    for (OneOffBolus b : profile.boluses()) {
      record(new BolusEnded(b.kind(), false));
    }
    profile.boluses().clear();
    engine.profileChanged(now);
    monitor.budget().profileChanged(now);
  }

  void enterSafeState(AlarmKind reason) {
    if (mode == Mode.END_OF_SERVICE) {
      raise(reason);
      return;
    }
    mode = Mode.SAFE_STATE;
    safeReason = reason;
    applyProfile();
    record(new SafeStateEntered(reason));
    raise(reason);
    persist();
  }

  private void enterReservoirEmpty() {
    mode = Mode.RESERVOIR_EMPTY;
    applyProfile();
    record(new ReservoirEmpty(reservoir.belief()));
    raise(AlarmKind.RESERVOIR_EMPTY);
    persist();
  }

  private void raiseEri(EriReason reason) {
    power.raiseEri(now);
    record(new ReplacementIndicator(reason, power.eosAt()));
    raise(AlarmKind.REPLACEMENT_INDICATOR);
    persist();
  }

  private void endOfService(EndReason reason) {
    mode = Mode.END_OF_SERVICE;
    applyProfile();
    record(new EndOfService(reason));
    raise(AlarmKind.END_OF_SERVICE);
    persist();
  }

  // ---------------------------------------------------------------- transitions commands make (checked by CommandProcessor first)

  /** A new prescription runs (a bridge in progress ends first); logs {@code programmed} and persists. */
  void program(Etiology newEtiology, Volume lowAlarm, Prescription rx, DailyProfile daily, PumpEvent programmed) {
    endBridge(false);
    etiology = newEtiology;
    reservoir.lowAlarmNl = lowAlarm.nanolitres();
    running = rx;
    runningDaily = daily;
    if (mode == Mode.SAFE_STATE) {
      // the engine's state was suspect or lost: start both accumulators afresh
      engine.restart(now, 0);
      monitor.restart(now, 0, motor.rotationsSensed());
    }
    if (mode != Mode.RESERVOIR_EMPTY) {
      mode = Mode.RUNNING;
    }
    safeReason = null;
    stopExpiresAt = NEVER;
    changeStrokeConcentration(rx.concentration());
    applyProfile();
    record(programmed);
    if (reservoir.low()) {
      raise(AlarmKind.LOW_RESERVOIR);
    }
    persist();
  }

  /**
   * The reservoir was refilled (already done in the body): the new fill, a running prescription
   * converted to a new concentration or dropped with a new drug, and a stop of {@code stopFor} when
   * the converted prescription cannot run. Logs {@code events} and persists; true when it stopped.
   */
  boolean refilled(Drug drug, Concentration concentration, Volume newVolume, boolean drugChanged, Prescription converted,
      Duration stopFor, PumpEvent refilledEvent, java.util.function.Function<Duration, PumpEvent> stoppedEvent) {
    Concentration old = reservoir.concentration;
    reservoir.drug = drug;
    reservoir.concentration = concentration;
    reservoir.beliefNl = newVolume.nanolitres();
    if (drugChanged) {
      running = null;
      runningDaily = null;
    }
    if (converted != null) {
      reservoir.tubingConcentration = reservoir.tubingConcentration == null ? old : reservoir.tubingConcentration;
      reservoir.bridgePending = true;
      running = converted;
      runningDaily = DailyProfile.of(converted);
      changeStrokeConcentration(concentration);
    }
    if (mode == Mode.RESERVOIR_EMPTY) {
      mode = running == null ? Mode.NOT_PROGRAMMED : Mode.RUNNING;
    }
    boolean stopped = stopFor != null && mode == Mode.RUNNING;
    if (stopped) {
      mode = Mode.STOPPED;
      stopExpiresAt = now + stopFor.toMillis();
    }
    record(refilledEvent);
    // a one-off bolus was planned against the reservoir just emptied (and the old concentration): it ends here
    cancelBoluses();
    applyProfile();
    if (stopped) {
      record(stoppedEvent.apply(stopFor));
    }
    persist();
    return stopped;
  }

  /** A deliberate stop until {@code expiry} from now (then STOP_EXPIRED with a critical alarm); persists. */
  void stop(Duration expiry, PumpEvent stopped) {
    mode = Mode.STOPPED;
    stopExpiresAt = now + expiry.toMillis();
    applyProfile();
    record(stopped);
    persist();
  }

  /** A stopped pump runs its prescription again; persists. */
  void resume(PumpEvent resumed) {
    mode = Mode.RUNNING;
    stopExpiresAt = NEVER;
    applyProfile();
    record(resumed);
    persist();
  }

  /** A bridge: {@code strokes} of the old concentration at the old doses, then {@code next}; persists. */
  void startBridge(Prescription bridge, DailyProfile bridgeDaily, Prescription next, long strokes, Concentration old,
      List<PumpEvent> logged) {
    running = bridge;
    runningDaily = bridgeDaily;
    afterBridge = next;
    bridgeStrokesRemaining = strokes;
    changeStrokeConcentration(old);
    applyProfile();
    logged.forEach(this::record);
    persist();
  }

  /** Ends a running bridge (cancelled or superseded): the program after it starts now when {@code switchToNext}. */
  void endBridge(boolean switchToNext) {
    if (bridgeStrokesRemaining == 0) {
      return;
    }
    bridgeStrokesRemaining = 0;
    record(new BolusEnded(BolusKind.BRIDGE, false));
    if (switchToNext) {
      running = afterBridge;
      runningDaily = DailyProfile.of(running);
      changeStrokeConcentration(running.concentration());
    }
    afterBridge = null;
    reservoir.tubingConcentration = null;
    reservoir.bridgePending = false;
    applyProfile();
  }

  /** Cancels every one-off bolus and a bridge in progress; persists. */
  void cancelAllBoluses() {
    cancelBoluses();
    endBridge(true);
    persist();
  }

  /** Starts a one-off bolus on top of the program; persists (so a reset neither repeats nor loses it). */
  void startOneOff(OneOffBolus bolus, PumpEvent started) {
    if (bolus.kind() != BolusKind.PATIENT) {
      recentOneOffs.add(new RecentBolus(now, bolus.shape().totalUnits()));
    }
    engine.advanceTo(now);
    monitor.budget().advanceTo(now);
    profile.boluses().add(bolus);
    engine.profileChanged(now);
    monitor.budget().profileChanged(now);
    record(started);
    persist();
  }

  /** Sets pump-local time (and the UTC offset when given) without moving the RTC; persists. */
  void setClock(long localEpochMillis, java.util.OptionalInt utcOffset, PumpEvent clockSet) {
    engine.advanceTo(now);
    monitor.budget().advanceTo(now);
    profile.setClockOffset(localEpochMillis - now);
    utcOffset.ifPresent(m -> utcOffsetMinutes = m);
    engine.profileChanged(now);
    monitor.budget().profileChanged(now);
    record(clockSet);
    persist();
  }

  /** A programmer read the pump: the post-MRI "interrogation required" flag clears; persists. */
  void interrogated(PumpEvent interrogated) {
    interrogationRequired = false;
    record(interrogated);
    persist();
  }

  /**
   * A magnetic field came or went: a strong field requires an interrogation; when it goes, a stall
   * retries at once. (The interrupt's {@link #service} already unlatched every alarm whose condition
   * had ended, and a stroke ends none: see {@link #resolveEndedAlarms}.)
   */
  void magnetChanged(boolean present) {
    record(new PumpEvent.MagnetField(present));
    if (present) {
      interrogationRequired = true; // a strong field: the post-MRI check must read the pump
    } else {
      stall.retryNow(now);
      deliverDue();
    }
    persist();
  }

  // ---------------------------------------------------------------- alarms

  void raise(AlarmKind kind) {
    if (alarms.latch(kind, now)) {
      record(new AlarmRaised(kind, kind.tone()));
    }
  }

  void clearAlarms() {
    for (AlarmKind k : alarms.unlatchAll()) {
      record(new AlarmCleared(k));
    }
    for (AlarmKind k : AlarmKind.values()) {
      if (conditionPresent(k)) {
        raise(k);
      }
    }
    persist();
  }

  /**
   * Unlatches (and logs as cleared) every latched alarm that reports a condition which has ended: a
   * refill above the alarm volume ends LOW_RESERVOIR, a refill ends RESERVOIR_EMPTY, a resume or
   * new program ends STOP_EXPIRED. The next crossing then raises the alarm again, with its event
   * and tone. Alarms that report an event (a corrupted settings copy, a log failure, a reset loop),
   * a permanent state (replacement indicator, end of service) or a hardware or safety fault (motor
   * stall, runaway, delivery fault, lost settings) stay latched until a programmer clears them:
   * drug did not flow, or flowed unsafely, so the alarm keeps asking for an interrogation
   * (clinical.md 1.5) even after the rotor turns again or the pump is reprogrammed; a further
   * occurrence meanwhile is logged by its own event (StallStarted, RunawayDetected...).
   */
  void resolveEndedAlarms() {
    if (!alarms.anyLatched()) {
      return;
    }
    boolean changed = false;
    for (AlarmKind k : alarms.latched()) {
      if (endsWithItsCondition(k) && !conditionPresent(k) && alarms.unlatch(k)) {
        record(new AlarmCleared(k));
        changed = true;
      }
    }
    if (changed) {
      persist();
    }
  }

  private static boolean endsWithItsCondition(AlarmKind kind) {
    return switch (kind) {
      case LOW_RESERVOIR, RESERVOIR_EMPTY, STOP_EXPIRED -> true;
      case MOTOR_STALL, MOTOR_RUNAWAY, DELIVERY_FAULT, SETTINGS_LOST, REPLACEMENT_INDICATOR, END_OF_SERVICE, SETTINGS_COPY_CORRUPTED, LOG_FAILURE, RESET_LOOP -> false;
    };
  }

  private boolean conditionPresent(AlarmKind kind) {
    return switch (kind) {
      case LOW_RESERVOIR -> reservoir.low();
      case REPLACEMENT_INDICATOR -> power.eriAt() != NEVER;
      case RESERVOIR_EMPTY -> mode == Mode.RESERVOIR_EMPTY;
      case END_OF_SERVICE -> mode == Mode.END_OF_SERVICE;
      case MOTOR_STALL -> stall.alarmWarranted();
      case MOTOR_RUNAWAY, DELIVERY_FAULT, SETTINGS_LOST -> mode == Mode.SAFE_STATE && safeReason == kind;
      case STOP_EXPIRED -> mode == Mode.STOP_EXPIRED;
      // events, not conditions: clearing acknowledges them
      case SETTINGS_COPY_CORRUPTED, LOG_FAILURE, RESET_LOOP -> false;
    };
  }

  // ---------------------------------------------------------------- log and persistence

  /** Appends {@code event} to the log (after the pending stroke batch) and tells the listeners. */
  void record(PumpEvent event) {
    flushStrokes();
    append(event);
  }

  /**
   * Logs link activity (telemetry frames) without flushing the stroke batch first, so a stream of
   * frames cannot turn the hourly stroke batch into one history entry per frame.
   */
  void recordActivity(PumpEvent event) {
    append(event);
  }

  private void flushStrokes() {
    if (batchStrokes > 0) {
      long n = batchStrokes;
      batchStrokes = 0;
      append(new StrokesDelivered(n, model.strokeVolume().times(n), strokesDelivered));
    }
  }

  private void append(PumpEvent event) {
    LogEntry entry;
    try {
      entry = log.append(now, event);
    } catch (RuntimeException e) {
      // GPCA: a logging failure is a fault of its own; therapy continues
      alarms.latch(AlarmKind.LOG_FAILURE, now);
      return;
    }
    sink.accept(entry);
  }

  /** Saves the whole state (both copies), with the stroke batch logged first so log and checkpoint agree. */
  void persist() {
    flushStrokes();
    engine.advanceTo(now);
    monitor.budget().advanceTo(now);
    stateBuffer.reset();
    StateCodec.encode(stateBuffer, snapshot());
    try {
      settings.save(stateBuffer);
    } catch (RuntimeException e) {
      // the RAM state stays verified and running; the daily scrub and the next save retry the write
      raise(AlarmKind.LOG_FAILURE);
    }
  }

  private StoredState snapshot() {
    return new StoredState(
        mode, safeReason, profile.clockOffset(), etiology, reservoir.lowAlarmNl, reservoir.drug, reservoir.concentration,
        reservoir.tubingConcentration, reservoir.bridgePending, reservoir.beliefNl, running, afterBridge, bridgeStrokesRemaining,
        stopExpiresAt, profile.boluses(), patientBolusStarts, recentOneOffs, StoredCodes.alarmMask(alarms.latched()), interrogationRequired,
        power.eriAt(), power.eosAt(), strokesDelivered, strokesWrittenOff, failedAttempts, engine.integratedTo(),
        engine.owed(), monitor.budget().owed(), monitor.expectedRotations(), log.lastNumber(), bootTimes, utcOffsetMinutes,
        stall.episode());
  }

  // ---------------------------------------------------------------- reading

  long now() {
    return now;
  }

  Mode mode() {
    return mode;
  }

  AlarmKind safeReason() {
    return safeReason;
  }

  Etiology etiology() {
    return etiology;
  }

  /** The prescription delivering now (during a bridge: the old doses at the old concentration). */
  Prescription running() {
    return running;
  }

  DailyProfile runningDaily() {
    return runningDaily;
  }

  /** The prescription that follows a running bridge, else null. */
  Prescription afterBridge() {
    return afterBridge;
  }

  long bridgeStrokesRemaining() {
    return bridgeStrokesRemaining;
  }

  long stopExpiresAt() {
    return stopExpiresAt;
  }

  int utcOffsetMinutes() {
    return utcOffsetMinutes;
  }

  long strokesDelivered() {
    return strokesDelivered;
  }

  private Prescription checksummed;
  private int checksum;

  @SuppressWarnings("ReferenceEquality") // a cache keyed on the very prescription object the checksum was computed from
  int runningChecksum() {
    if (running == null) {
      return 0;
    }
    if (running != checksummed) {
      checksum = PrescriptionCodec.checksum(running);
      checksummed = running;
    }
    return checksum;
  }

  LocalDateTime localTime() {
    return EventCodec.localTime(now + profile.clockOffset());
  }

  FirmwareStatus status() {
    List<BolusKind> boluses = new ArrayList<>();
    if (bridgeStrokesRemaining > 0) {
      boluses.add(BolusKind.BRIDGE);
    }
    profile.boluses().forEach(b -> boluses.add(b.kind()));
    long eri = power.eriAt();
    long eos = power.eosAt();
    return new FirmwareStatus(
        serial, model.name(), now, localTime(), mode, alarms.latched(), interrogationRequired, stall.stalled(),
        Optional.ofNullable(reservoir.drug).map(d -> d.name()), Optional.ofNullable(reservoir.concentration),
        reservoir.belief(), new Volume(reservoir.lowAlarmNl), Optional.ofNullable(running), Optional.ofNullable(etiology),
        runningChecksum(), reservoir.bridgePending, boluses,
        strokesDelivered, model.strokeVolume().times(strokesDelivered), strokesWrittenOff, failedAttempts,
        hal.battery().remainingMicroampHours(), hal.battery().capacityMicroampHours(),
        eri == NEVER ? OptionalLong.empty() : OptionalLong.of(eri), eos == NEVER ? OptionalLong.empty() : OptionalLong.of(eos),
        power.serviceLifeEnd(), mode == Mode.STOPPED ? OptionalLong.of(stopExpiresAt) : OptionalLong.empty(), log.lastNumber());
  }
}
