// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.hal.Interrupts;
import org.openitb.firmware.hal.Tone;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * One simulated implanted pump: the physical truth (true reservoir, motor and rotor, battery cell,
 * NV memory, radio, buzzer, magnet sensor, RTC, watchdog) behind the firmware's {@link Hal}, with
 * fault injection. The firmware is created by a factory and knows only the HAL; it runs when the
 * pump delivers an interrupt. Build with {@link #builder}, then {@link #powerOn()}.
 *
 * <p><b>Time.</b> The pump has its own {@link VirtualClock} in world milliseconds (the simulator's
 * time axis); every instant in this API is world time. The RTC the firmware reads counts from
 * {@code rtcAtStartMillis} at {@code startMillis} (milliseconds since manufacture). Only {@link
 * #runUntil(long)} moves the clock. Physical events ({@link #receive}, {@link #fillReservoir},
 * {@link #withdraw()}) happen at the pump's current time: run the pump up to their instant first.
 *
 * <p><b>Order.</b> {@code runUntil} processes, in time order: scheduled faults, field changes and
 * watchdog resets (in the order they were scheduled); then runaway rotations; then the RTC alarm.
 * So a fault at millisecond t affects a stroke the firmware makes when woken at t.
 *
 * <p><b>Resets.</b> On power-on, a watchdog reset or a brown-out the pump calls the firmware
 * factory again with the same {@link Hal} (the same NV memory and RTC, which survive) and then
 * {@link Interrupts#onReset()}. A reset disarms the RTC alarm and restores motor power.
 *
 * <p><b>Determinism.</b> The same model, parameters, seed, firmware and sequence of calls give the
 * same truth, bit for bit. Separate random streams drive the per-pump bias, stroke noise, wear
 * and radio, so enabling radio loss does not change delivered volumes.
 *
 * <p>Not thread-safe: drive one pump from one thread (different pumps may run on different
 * threads). Listener callbacks must not re-enter {@link #runUntil} or {@link #receive}.
 */
public final class SimulatedPump {
  /** More RTC wake-ups than this at one millisecond means the firmware never sleeps. */
  static final int MAX_WAKES_PER_MILLISECOND = 10_000;

  private final PumpModel model;
  private final String serial;
  private final long seed;
  private final HardwareParameters parameters;
  private final Function<Hal, Interrupts> firmwareFactory;
  private final VirtualClock clock;
  private final ListenerRelay listener = new ListenerRelay();
  private final Timeline timeline = new Timeline();
  private final BatteryCell battery;
  private final SimulatedRtc rtc;
  private final AccuracyModel accuracy;
  private final TrueReservoir reservoir;
  private final FluidPath fluidPath;
  private final MagneticEnvironment magnet;
  private final SimulatedMotor motor;
  private final SimulatedNvMemory memory;
  private final SimulatedRadio radio;
  private final RecordingBuzzer buzzer;
  private final SimulatedWatchdog watchdog;
  private final Hal hal;

  private Interrupts firmware;
  private boolean poweredOn;
  private boolean busy;
  private boolean hangArmed;
  private boolean hung;
  private long hangCount;
  private long resets;
  private long wakes;
  private long lastWakeMillis = Long.MIN_VALUE;
  private int wakesThisMillisecond;
  private long pocketFillPpm = -1;
  private long pocketNanolitres;
  private long pocketNanograms;

  private SimulatedPump(Builder b) {
    this.model = b.model;
    this.serial = b.serial;
    this.seed = b.seed;
    this.parameters = b.parameters;
    this.firmwareFactory = b.firmware;
    this.clock = new VirtualClock(b.startMillis);
    listener.setTarget(b.listener);
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom biasDraw = root.split();
    SplittableRandom noise = root.split();
    SplittableRandom wear = root.split();
    SplittableRandom air = root.split();
    this.battery = new BatteryCell(parameters.battery(), b.startMillis, this::onBatteryDepleted);
    this.rtc = new SimulatedRtc(clock, b.rtcAtStartMillis);
    this.accuracy = new AccuracyModel(model.strokeVolume().nanolitres(), parameters.accuracy(), biasDraw, noise);
    this.reservoir = new TrueReservoir(model.reservoir().nanolitres());
    this.fluidPath = new FluidPath(parameters.fluidPathVolume().nanolitres());
    this.magnet = new MagneticEnvironment(parameters.magnetSensorMilliTesla());
    this.motor = new SimulatedMotor(clock, battery, parameters, magnet, wear, accuracy, reservoir, fluidPath, listener);
    this.memory = new SimulatedNvMemory(parameters.nvMemoryBytes(), clock);
    this.radio = new SimulatedRadio(clock, battery, parameters.battery().radioByteNanoampHours(),
        parameters.radioLossPpm(), air, listener);
    this.buzzer = new RecordingBuzzer(clock, battery, parameters.battery().toneNanoampHoursPerSecond(),
        parameters.toneHistoryLimit(), listener);
    this.watchdog = new SimulatedWatchdog();
    this.hal = new Hal(rtc, motor, battery, memory, radio, buzzer, magnet, watchdog);
  }

  /** Starts building a pump of {@code model} with a serial number and the seed of all its randomness. */
  public static Builder builder(PumpModel model, String serial, long seed) {
    return new Builder(model, serial, seed);
  }

  /** Assembles a {@link SimulatedPump}; the firmware factory is required, the rest has defaults. */
  public static final class Builder {
    private final PumpModel model;
    private final String serial;
    private final long seed;
    private HardwareParameters parameters = HardwareParameters.typical();
    private Function<Hal, Interrupts> firmware;
    private PhysicalListener listener = PhysicalListener.NONE;
    private long startMillis;
    private long rtcAtStartMillis;

    private Builder(PumpModel model, String serial, long seed) {
      this.model = Objects.requireNonNull(model, "model");
      this.serial = Objects.requireNonNull(serial, "serial");
      if (serial.isBlank()) {
        throw new IllegalArgumentException("serial must not be blank");
      }
      this.seed = seed;
    }

    /** The physical constants; default {@link HardwareParameters#typical()}. */
    public Builder parameters(HardwareParameters p) {
      this.parameters = Objects.requireNonNull(p, "parameters");
      return this;
    }

    /** The firmware factory, called at power-on and after every reset with the pump's {@link Hal}. */
    public Builder firmware(Function<Hal, Interrupts> factory) {
      this.firmware = Objects.requireNonNull(factory, "firmware");
      return this;
    }

    /** Who hears the physical truth; default none (can be changed later with {@link SimulatedPump#setListener}). */
    public Builder listener(PhysicalListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** The world time at which the pump's clock starts; default 0. */
    public Builder startMillis(long millis) {
      this.startMillis = millis;
      return this;
    }

    /** What the RTC reads at {@code startMillis} (its age since manufacture); default 0. */
    public Builder rtcAtStartMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("rtcAtStartMillis " + millis + " must be >= 0");
      }
      this.rtcAtStartMillis = millis;
      return this;
    }

    public SimulatedPump build() {
      if (firmware == null) {
        throw new IllegalStateException("a firmware factory is required: builder.firmware(hal -> ...)");
      }
      return new SimulatedPump(this);
    }
  }

  // ---------------------------------------------------------------- driving the pump

  /** Boots the firmware for the first time (factory, then {@code onReset}) at the current time. */
  public void powerOn() {
    if (poweredOn) {
      throw new IllegalStateException("pump " + serial + " is already powered on");
    }
    enter();
    try {
      poweredOn = true;
      reset(ResetCause.POWER_ON);
    } finally {
      busy = false;
    }
  }

  public boolean poweredOn() {
    return poweredOn;
  }

  /** The HAL the firmware was given (the same object across resets). */
  public Hal hal() {
    return hal;
  }

  /** The pump's current world time. */
  public long nowMillis() {
    return clock.nowMillis();
  }

  /** What the firmware's RTC reads now (milliseconds since manufacture, with any drift). */
  public long rtcMillis() {
    return rtc.nowMillis();
  }

  /**
   * The earliest instant at which something happens inside the pump by itself: the armed RTC
   * alarm, a scheduled fault or field change, a pending watchdog reset, or a runaway rotation.
   * {@link Long#MAX_VALUE} when nothing is scheduled (the firmware armed no alarm, or the pump is
   * dead). Never before {@link #nowMillis()}.
   */
  public long nextWakeMillis() {
    long alarm = battery.depleted() ? SimulatedRtc.NEVER : rtc.alarmWorldMillis();
    return Math.min(timeline.nextMillis(), Math.min(motor.nextRunawayMillis(), alarm));
  }

  /**
   * Advances the pump to {@code untilMillis}, processing everything due up to and including it in
   * order (see the class comment) and integrating the idle battery drain.
   *
   * @throws IllegalArgumentException when {@code untilMillis} is before the pump's time
   * @throws IllegalStateException before {@link #powerOn()}, when re-entered from a callback, or
   *     when the firmware re-arms its alarm at the same millisecond more than {@value
   *     #MAX_WAKES_PER_MILLISECOND} times (it would never sleep)
   */
  public void runUntil(long untilMillis) {
    requirePoweredOn();
    if (untilMillis < clock.nowMillis()) {
      throw new IllegalArgumentException(
          "pump " + serial + " is at " + clock.nowMillis() + " ms; cannot run until the earlier " + untilMillis + " ms");
    }
    enter();
    try {
      while (true) {
        long queued = timeline.nextMillis();
        long runaway = motor.nextRunawayMillis();
        long alarm = battery.depleted() ? SimulatedRtc.NEVER : rtc.alarmWorldMillis();
        long next = Math.min(queued, Math.min(runaway, alarm));
        if (next > untilMillis || next == SimulatedRtc.NEVER) {
          break;
        }
        advanceTo(next);
        if (queued == next) {
          timeline.runNext();
        } else if (runaway == next) {
          motor.runawayRotation();
          rotationInterrupt();
        } else {
          fireAlarm();
        }
      }
      advanceTo(untilMillis);
    } finally {
      busy = false;
    }
  }

  /**
   * A telemetry frame arrives now from a programmer. It costs battery charge per byte, may be lost
   * or corrupted on the air, and reaches {@link Interrupts#onRadioFrame} unless the firmware is
   * hung or the pump dead. Frames the firmware sends come out through {@link
   * PhysicalListener#onFrameSent}.
   *
   * @return true when the firmware received the frame
   */
  public boolean receive(byte[] frame) {
    Objects.requireNonNull(frame, "frame");
    requirePoweredOn();
    enter();
    try {
      byte[] arrived = radio.arrive(frame);
      if (arrived == null || !firmwareTakesInterrupt()) {
        return false;
      }
      firmware.onRadioFrame(arrived);
      return true;
    } finally {
      busy = false;
    }
  }

  /** A programmer head or patient device is (or no longer is) held over the implant. */
  public void setProximity(boolean near) {
    radio.setProximity(near);
  }

  /** Replaces who hears the physical truth. */
  public void setListener(PhysicalListener l) {
    listener.setTarget(l);
  }

  // ---------------------------------------------------------------- physical events

  /**
   * A refill needle injects {@code volume} of drug at {@code concentration} now. After a {@link
   * Fault.PocketFill} part of it goes into the tissue pocket (reported through {@link
   * PhysicalListener#onPocketFill}); what would overfill the nominal reservoir stays in the syringe.
   * The true concentration becomes that of the mix with the residual.
   */
  public FillResult fillReservoir(Volume volume, Concentration concentration) {
    Objects.requireNonNull(concentration, "concentration");
    if (volume.isNegative()) {
      throw new IllegalArgumentException("fill volume " + volume + " must not be negative");
    }
    long injected = volume.nanolitres();
    long pocket = 0;
    if (pocketFillPpm >= 0) {
      pocket = Math.multiplyExact(injected, pocketFillPpm) / Fault.PPM;
      pocketFillPpm = -1;
    }
    if (pocket > 0) {
      long mass = TrueReservoir.massAt(pocket, concentration.nanogramsPerMillilitre());
      pocketNanolitres += pocket;
      pocketNanograms += mass;
      listener.onPocketFill(clock.nowMillis(), pocket, mass);
    }
    long entered = reservoir.fill(injected - pocket, concentration.nanogramsPerMillilitre());
    return new FillResult(Volume.ofNanolitres(entered), Volume.ofNanolitres(pocket),
        Volume.ofNanolitres(injected - pocket - entered));
  }

  /** The refill needle empties the reservoir now; returns the true volume withdrawn. */
  public Volume withdraw() {
    return Volume.ofNanolitres(reservoir.withdrawAll());
  }

  /**
   * The whole fluid path (pump tubing and catheter) holds drug at {@code concentration}, as in a
   * pump already in service; a new pump's path holds drug-free fluid until a priming bolus.
   */
  public void primeFluidPath(Concentration concentration) {
    fluidPath.refillWith(concentration.nanogramsPerMillilitre());
  }

  /**
   * A static magnetic field of {@code fieldMilliTesla} (an MRI scan) from {@code startMillis} for
   * {@code durationMillis} ({@link Fault#PERMANENT} for ever). Fields that overlap add up. The rotor
   * stalls while the total is above the motor's stall threshold; the magnet sensor interrupts the
   * firmware when its own threshold is crossed either way.
   */
  public void magneticField(long startMillis, long durationMillis, long fieldMilliTesla) {
    requireNotPast("magnetic field", startMillis);
    if (durationMillis <= 0 || fieldMilliTesla <= 0) {
      throw new IllegalArgumentException(
          "magnetic field needs duration > 0 and field > 0, got " + durationMillis + " ms, " + fieldMilliTesla + " mT");
    }
    timeline.schedule(startMillis, () -> fieldChange(fieldMilliTesla));
    long end = until(startMillis, durationMillis);
    if (end != SimulatedRtc.NEVER) {
      timeline.schedule(end, () -> fieldChange(-fieldMilliTesla));
    }
  }

  /**
   * Schedules {@code fault} at its instant.
   *
   * @throws IllegalArgumentException when its instant has passed or it does not fit this pump
   *     (a memory address beyond the memory, a bias too large for the noise)
   */
  public void inject(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    requireNotPast("fault " + fault, fault.atMillis());
    switch (fault) {
      case Fault.MemoryBitFlip f -> Objects.checkIndex(f.address(), memory.size());
      case Fault.MemoryCorruption f -> Objects.checkFromIndexSize(f.address(), f.length(), memory.size());
      case Fault.DeliveryBiasChange f -> accuracy.requireBiasFits(f.biasPpm());
      default -> { }
    }
    timeline.schedule(fault.atMillis(), () -> apply(fault));
  }

  /** Schedules every fault of {@code plan}. */
  public void inject(FaultPlan plan) {
    plan.faults().forEach(this::inject);
  }

  // ---------------------------------------------------------------- the truth

  public PumpModel model() {
    return model;
  }

  public String serial() {
    return serial;
  }

  public long seed() {
    return seed;
  }

  public HardwareParameters parameters() {
    return parameters;
  }

  public Volume trueReservoirVolume() {
    return Volume.ofNanolitres(reservoir.volumeNanolitres());
  }

  public Mass trueReservoirMass() {
    return Mass.ofNanograms(reservoir.massNanograms());
  }

  /** The concentration of the mix really in the reservoir (rounded down), empty when it holds no drug. */
  public Optional<Concentration> trueReservoirConcentration() {
    long volume = reservoir.volumeNanolitres();
    long mass = reservoir.massNanograms();
    long ngPerMl = volume == 0 ? 0 : Math.multiplyExact(mass, TrueReservoir.NANOLITRES_PER_MILLILITRE) / volume;
    return ngPerMl > 0 ? Optional.of(new Concentration(ngPerMl)) : Optional.empty();
  }

  /** Volume pushed out of the catheter tip into the patient since manufacture. */
  public Volume trueDeliveredVolume() {
    return Volume.ofNanolitres(motor.deliveredNanolitres());
  }

  /**
   * Drug mass that reached the spinal fluid at the catheter tip since manufacture: the true tip
   * delivery (dead volume, bridge boluses, stalls, occlusions and leaks already in it). A consumer
   * that must not pay per stroke (the patient's physiology) reads this running total at the
   * instants it needs and takes the difference as the mass delivered in between.
   */
  public Mass trueDeliveredMass() {
    return Mass.ofNanograms(motor.deliveredNanograms());
  }

  /** Drug mass that left the reservoir (equals {@link #trueDeliveredMass()} plus {@link #trueLeakedMass()} plus what the fluid path gained). */
  public Mass truePumpedMass() {
    return Mass.ofNanograms(motor.pumpedNanograms());
  }

  /** Drug mass now in the pump tubing and catheter. */
  public Mass trueFluidPathMass() {
    return Mass.ofNanograms(fluidPath.massNanograms());
  }

  /** Drug mass that leaked out of the catheter into the tissue (leaks, disconnection) since manufacture. */
  public Mass trueLeakedMass() {
    return Mass.ofNanograms(motor.leakedNanograms());
  }

  /** Volume that leaked out of the catheter into the tissue since manufacture. */
  public Volume trueLeakedVolume() {
    return Volume.ofNanolitres(motor.leakedNanolitres());
  }

  /** Volume injected into the tissue pocket by pocket fills. */
  public Volume truePocketVolume() {
    return Volume.ofNanolitres(pocketNanolitres);
  }

  /** Drug mass injected into the tissue pocket by pocket fills. */
  public Mass truePocketMass() {
    return Mass.ofNanograms(pocketNanograms);
  }

  /** This pump's delivery bias in ppm (mean plus its seeded draw, or as changed by a fault). */
  public long biasPpm() {
    return accuracy.biasPpm();
  }

  public long batteryRemainingNanoampHours() {
    return battery.remainingNanoampHours();
  }

  public long batteryCapacityNanoampHours() {
    return battery.capacityNanoampHours();
  }

  public int batteryVoltageMillivolts() {
    return battery.voltageMillivolts();
  }

  /** True once the cell is exhausted: the pump is dead for good. */
  public boolean batteryDepleted() {
    return battery.depleted();
  }

  /** The most recent tones, oldest first (up to the parameters' tone history limit). */
  public List<ToneRecord> tones() {
    return buzzer.recent();
  }

  /** Every tone of this kind ever sounded. */
  public long toneCount(Tone tone) {
    return buzzer.count(tone);
  }

  /** Rotor rotations, commanded or not. */
  public long rotations() {
    return motor.rotationsSensed();
  }

  public long commandedStrokes() {
    return motor.commandedStrokes();
  }

  /** Commanded strokes that did not turn the rotor. */
  public long stalls() {
    return motor.stalls();
  }

  /** Firmware starts, power-on included. */
  public long resets() {
    return resets;
  }

  /** RTC wake-ups delivered to (or lost in) the firmware. */
  public long wakes() {
    return wakes;
  }

  public long watchdogKicks() {
    return watchdog.kicks();
  }

  /** True while the firmware hangs and the watchdog has not yet reset it. */
  public boolean firmwareHung() {
    return hung;
  }

  public long magneticFieldMilliTesla() {
    return magnet.fieldMilliTesla();
  }

  public long framesSent() {
    return radio.framesSent();
  }

  public long framesReceived() {
    return radio.framesReceived();
  }

  public long framesLost() {
    return radio.framesLost();
  }

  /** NV memory writes silently dropped by a {@link Fault.MemoryWriteFailure}. */
  public long memoryWritesLost() {
    return memory.writesLost();
  }

  // ---------------------------------------------------------------- inside

  private void advanceTo(long millis) {
    clock.advanceTo(millis);
    battery.settleIdle(millis);
  }

  private void fireAlarm() {
    rtc.disarm();
    long now = clock.nowMillis();
    if (now != lastWakeMillis) {
      lastWakeMillis = now;
      wakesThisMillisecond = 0;
    }
    if (++wakesThisMillisecond > MAX_WAKES_PER_MILLISECOND) {
      throw new IllegalStateException("firmware of pump " + serial + " re-armed its RTC alarm in the past "
          + MAX_WAKES_PER_MILLISECOND + " times at " + now + " ms: it never sleeps");
    }
    wakes++;
    if (firmwareTakesInterrupt()) {
      firmware.onWake();
    }
  }

  /**
   * The rotation sensor is an interrupt source on the pump's microcontroller: an uncommanded
   * rotation wakes the firmware at once (through onWake, without touching the armed RTC alarm), so
   * its safety monitor can cut a runaway motor after one rotation rather than at its next
   * scheduled wake.
   */
  private void rotationInterrupt() {
    wakes++;
    if (firmwareTakesInterrupt()) {
      firmware.onWake();
    }
  }

  private void fieldChange(long deltaMilliTesla) {
    if (magnet.change(deltaMilliTesla) && firmwareTakesInterrupt()) {
      firmware.onMagnetChange(magnet.fieldPresent());
    }
  }

  /**
   * Whether the firmware can take an interrupt now. A pending hang is consumed here: this
   * interrupt never returns, and the watchdog bites one period later (unless another reset comes
   * first).
   */
  private boolean firmwareTakesInterrupt() {
    if (battery.depleted() || hung) {
      return false;
    }
    if (hangArmed) {
      hangArmed = false;
      hung = true;
      long thisHang = ++hangCount;
      timeline.schedule(until(clock.nowMillis(), parameters.watchdogPeriodMillis()), () -> {
        if (hung && hangCount == thisHang) {
          reset(ResetCause.WATCHDOG);
        }
      });
      return false;
    }
    return true;
  }

  private void reset(ResetCause cause) {
    if (battery.depleted()) {
      return;
    }
    hung = false;
    motor.restorePower();
    rtc.disarm();
    resets++;
    listener.onReset(clock.nowMillis(), cause);
    firmware = Objects.requireNonNull(firmwareFactory.apply(hal), "firmware factory returned null");
    if (firmwareTakesInterrupt()) {
      firmware.onReset();
    }
  }

  private void apply(Fault fault) {
    long now = clock.nowMillis();
    listener.onFaultApplied(now, fault);
    switch (fault) {
      case Fault.MotorStall f -> motor.jamUntil(until(now, f.durationMillis()));
      case Fault.MotorRunaway f -> motor.startRunaway(f.rotationsPerHour());
      case Fault.MemoryBitFlip f -> memory.flipBit(f.address(), f.bit());
      case Fault.MemoryCorruption f -> memory.invert(f.address(), f.length());
      case Fault.MemoryWriteFailure f -> memory.failWritesUntil(until(now, f.durationMillis()));
      case Fault.RtcDrift f -> rtc.setDriftPpm(f.driftPpm());
      case Fault.FirmwareHang f -> hangArmed = true;
      case Fault.BrownOutReset f -> reset(ResetCause.BROWN_OUT);
      case Fault.BatteryCapacityLoss f -> battery.loseFractionOfRemaining(f.lossPpm());
      case Fault.FeedthroughShort f -> battery.addIdleDrain(f.extraNanoampHoursPerHour());
      case Fault.PocketFill f -> pocketFillPpm = f.misplacedPpm();
      case Fault.CatheterOcclusion f -> motor.occludeUntil(until(now, f.durationMillis()), f.stallsRotor());
      case Fault.CatheterLeak f -> motor.leakUntil(until(now, f.durationMillis()), f.leakPpm());
      case Fault.CatheterDisconnection f -> motor.leakUntil(Long.MAX_VALUE, Fault.PPM);
      case Fault.RadioLoss f -> radio.setLossPpm(f.lossPpm());
      case Fault.RadioCorruption f -> radio.corruptNext(f.frames());
      case Fault.DeliveryBiasChange f -> accuracy.setBiasPpm(f.biasPpm());
    }
  }

  /** A dead cell needs no clean-up: every interrupt path checks {@link BatteryCell#depleted()}. */
  private void onBatteryDepleted() {
    listener.onBatteryDepleted(clock.nowMillis());
  }

  /** {@code from + duration}, saturating at {@link SimulatedRtc#NEVER} (a permanent fault never ends). */
  private static long until(long from, long durationMillis) {
    return durationMillis == Fault.PERMANENT || from > SimulatedRtc.NEVER - durationMillis
        ? SimulatedRtc.NEVER
        : from + durationMillis;
  }

  private void requireNotPast(String what, long atMillis) {
    if (atMillis < clock.nowMillis()) {
      throw new IllegalArgumentException(
          what + " at " + atMillis + " ms is before pump " + serial + "'s clock (" + clock.nowMillis() + " ms)");
    }
  }

  private void requirePoweredOn() {
    if (!poweredOn) {
      throw new IllegalStateException("pump " + serial + " is not powered on: call powerOn() first");
    }
  }

  private void enter() {
    if (busy) {
      throw new IllegalStateException("pump " + serial
          + " re-entered from inside one of its own callbacks; schedule the work instead");
    }
    busy = true;
  }

  /** A copy of the NV memory cells, for tests. */
  byte[] memorySnapshot() {
    return memory.snapshot();
  }
}
