// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.SplittableRandom;
import org.openitb.firmware.hal.Motor;

/**
 * The motor, its rotor and rotation sensor, and the fluid each rotation moves. A rotation takes
 * the {@link AccuracyModel accuracy model}'s volume from the {@link TrueReservoir true reservoir}
 * (only what is there: an empty reservoir pumps air, yet the rotor turns and is sensed) and pushes
 * it through the {@link FluidPath fluid path} into the patient. A commanded stroke costs charge
 * whether or not the rotor turns; it does not turn (and moves nothing) when power is cut, the cell
 * is dead, a field above the stall threshold holds the rotor, the rotor is jammed, an occluded
 * catheter's back pressure holds it, or wear makes it slip. A runaway motor turns by itself at a
 * fixed rate until power is cut. Per rotation this allocates nothing.
 */
final class SimulatedMotor implements Motor {
  static final long MILLIS_PER_HOUR = 3_600_000;
  /** Wear chances are in parts per billion. */
  static final long PPB = 1_000_000_000L;
  static final long ROTATIONS_PER_WEAR_STEP = 1_000_000;

  private final VirtualClock clock;
  private final BatteryCell battery;
  private final long strokeNanoampHours;
  private final MagneticEnvironment field;
  private final long stallFieldMilliTesla;
  private final long wearPpbPerMillionRotations;
  private final SplittableRandom wearRandom;
  private final AccuracyModel accuracy;
  private final TrueReservoir reservoir;
  private final FluidPath fluidPath;
  private final PhysicalListener listener;

  private boolean powerCut;
  private long jammedUntilMillis = Long.MIN_VALUE;
  private long occludedUntilMillis = Long.MIN_VALUE;
  private long leakUntilMillis = Long.MIN_VALUE;
  private long leakPpm;
  private long leakedNanolitres;
  private long leakedNanograms;
  private boolean occlusionStallsRotor;
  private long runawayRotationsPerHour;
  private long runawayEpochMillis;
  private long runawayRotationsSinceEpoch;

  private long rotations;
  private long commandedStrokes;
  private long stalls;
  private long deliveredNanolitres;
  private long deliveredNanograms;
  private long pumpedNanograms;

  SimulatedMotor(VirtualClock clock, BatteryCell battery, HardwareParameters parameters, MagneticEnvironment field,
      SplittableRandom wearRandom, AccuracyModel accuracy, TrueReservoir reservoir, FluidPath fluidPath,
      PhysicalListener listener) {
    this.clock = clock;
    this.battery = battery;
    this.strokeNanoampHours = parameters.battery().strokeNanoampHours();
    this.field = field;
    this.stallFieldMilliTesla = parameters.motor().stallFieldMilliTesla();
    this.wearPpbPerMillionRotations = parameters.motor().wearStallPpbPerMillionRotations();
    this.wearRandom = wearRandom;
    this.accuracy = accuracy;
    this.reservoir = reservoir;
    this.fluidPath = fluidPath;
    this.listener = listener;
  }

  @Override
  public boolean stroke() {
    commandedStrokes++;
    StallCause cause = powerCut ? StallCause.POWER_CUT : null;
    if (cause == null && !battery.drain(strokeNanoampHours)) {
      cause = StallCause.BATTERY_DEPLETED;
    }
    if (cause == null) {
      cause = mechanicalStall();
    }
    if (cause != null) {
      stalls++;
      listener.onStall(clock.nowMillis(), cause);
      return false;
    }
    rotate(true);
    return true;
  }

  /** Why the rotor cannot turn right now, or null when it can. */
  private StallCause mechanicalStall() {
    long now = clock.nowMillis();
    if (field.fieldMilliTesla() > stallFieldMilliTesla) {
      return StallCause.MAGNETIC_FIELD;
    }
    if (now < jammedUntilMillis) {
      return StallCause.JAMMED;
    }
    if (occlusionStallsRotor && now < occludedUntilMillis) {
      return StallCause.OCCLUSION;
    }
    if (wearPpbPerMillionRotations > 0) {
      long chancePpb = Math.multiplyExact(wearPpbPerMillionRotations, rotations) / ROTATIONS_PER_WEAR_STEP;
      if (wearRandom.nextLong(PPB) < chancePpb) {
        return StallCause.WEAR;
      }
    }
    return null;
  }

  private void rotate(boolean commanded) {
    rotations++;
    long now = clock.nowMillis();
    if (now < occludedUntilMillis) {
      listener.onStroke(now, 0, 0, commanded); // the rotor turns against a blocked line: nothing flows
      return;
    }
    long moved = reservoir.available(accuracy.nextStrokeNanolitres());
    long mass = reservoir.massOf(moved);
    reservoir.remove(moved, mass);
    pumpedNanograms += mass;
    long massOut = fluidPath.push(moved, mass, reservoir.generation());
    if (leakPpm > 0 && now < leakUntilMillis) {
      long lostVolume = Math.multiplyExact(moved, leakPpm) / Fault.PPM;
      long lostMass = Math.multiplyExact(massOut, leakPpm) / Fault.PPM;
      leakedNanolitres += lostVolume;
      leakedNanograms += lostMass;
      moved -= lostVolume;
      massOut -= lostMass;
      listener.onCatheterLeak(now, lostVolume, lostMass);
    }
    deliveredNanolitres += moved;
    deliveredNanograms += massOut;
    listener.onStroke(now, moved, massOut, commanded);
  }

  @Override
  public long rotationsSensed() {
    return rotations;
  }

  @Override
  public void cutPower() {
    powerCut = true;
  }

  @Override
  public boolean powerCut() {
    return powerCut;
  }

  /** A reset restores motor power; a motor still shorted starts running away again. */
  void restorePower() {
    powerCut = false;
    runawayEpochMillis = clock.nowMillis();
    runawayRotationsSinceEpoch = 0;
  }

  void jamUntil(long untilMillis) {
    jammedUntilMillis = untilMillis;
  }

  /** From now until {@code untilMillis}, {@code ppm} of each stroke leaks into the tissue before the tip. */
  void leakUntil(long untilMillis, long ppm) {
    leakUntilMillis = untilMillis;
    leakPpm = ppm;
  }

  long leakedNanolitres() {
    return leakedNanolitres;
  }

  long leakedNanograms() {
    return leakedNanograms;
  }

  void occludeUntil(long untilMillis, boolean stallsRotor) {
    occludedUntilMillis = untilMillis;
    occlusionStallsRotor = stallsRotor;
  }

  void startRunaway(long rotationsPerHour) {
    runawayRotationsPerHour = rotationsPerHour;
    runawayEpochMillis = clock.nowMillis();
    runawayRotationsSinceEpoch = 0;
  }

  /** When the runaway motor turns next, or {@link SimulatedRtc#NEVER}. */
  long nextRunawayMillis() {
    if (runawayRotationsPerHour == 0 || powerCut || battery.depleted()) {
      return SimulatedRtc.NEVER;
    }
    return runawayEpochMillis + Math.multiplyExact(runawayRotationsSinceEpoch + 1, MILLIS_PER_HOUR) / runawayRotationsPerHour;
  }

  /** One uncommanded rotation, due now; it costs charge like a stroke and is held by the same stalls. */
  void runawayRotation() {
    runawayRotationsSinceEpoch++;
    if (battery.drain(strokeNanoampHours) && mechanicalStall() == null) {
      rotate(false);
    }
  }

  long commandedStrokes() {
    return commandedStrokes;
  }

  long stalls() {
    return stalls;
  }

  long deliveredNanolitres() {
    return deliveredNanolitres;
  }

  long deliveredNanograms() {
    return deliveredNanograms;
  }

  long pumpedNanograms() {
    return pumpedNanograms;
  }
}
