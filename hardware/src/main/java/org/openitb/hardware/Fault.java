// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

/**
 * A hardware fault injected at a chosen virtual instant, one record per fault of
 * ../shared/reference/safety.md section 5.3 that has a physical cause (plus the refill and
 * accuracy faults of clinical.md 1.8). Inject with {@link SimulatedPump#inject(Fault)}; the pump
 * applies it when its clock reaches {@link #atMillis()}, before anything else due at that
 * millisecond, and reports it through {@link PhysicalListener#onFaultApplied}.
 *
 * <p>Durations are in milliseconds; {@link #PERMANENT} lasts until the pump is explanted. Rates
 * and fractions are integers: parts per million (ppm) or nanoampere-hours.
 */
public sealed interface Fault {
  /** A duration that never ends. */
  long PERMANENT = Long.MAX_VALUE;

  /** Parts in a whole, for every ppm value. */
  long PPM = 1_000_000L;

  /** When the fault takes effect, in virtual milliseconds. */
  long atMillis();

  /** The rotor is mechanically jammed (shaft wear, gear corrosion): every commanded stroke stalls. */
  record MotorStall(long atMillis, long durationMillis) implements Fault {
    public MotorStall {
      requirePositive("durationMillis", durationMillis);
    }
  }

  /**
   * A shorted motor driver turns the rotor without command, {@code rotationsPerHour} times an
   * hour, each rotation moving drug like a stroke, until the firmware cuts motor power. The short
   * stays: after a reset restores power the motor runs away again until cut again.
   */
  record MotorRunaway(long atMillis, long rotationsPerHour) implements Fault {
    public static final long MAX_ROTATIONS_PER_HOUR = 3_600_000L;

    public MotorRunaway {
      if (rotationsPerHour < 1 || rotationsPerHour > MAX_ROTATIONS_PER_HOUR) {
        throw new IllegalArgumentException(
            "rotationsPerHour " + rotationsPerHour + " out of range 1.." + MAX_ROTATIONS_PER_HOUR);
      }
    }
  }

  /** One bit of NV memory flips ({@code bit} 0 = least significant). */
  record MemoryBitFlip(long atMillis, int address, int bit) implements Fault {
    public static final int BITS_PER_BYTE = 8;

    public MemoryBitFlip {
      requireNonNegative("address", address);
      if (bit < 0 || bit >= BITS_PER_BYTE) {
        throw new IllegalArgumentException("bit " + bit + " out of range 0.." + (BITS_PER_BYTE - 1));
      }
    }
  }

  /** A range of NV memory is corrupted: every bit of {@code length} bytes from {@code address} inverts. */
  record MemoryCorruption(long atMillis, int address, int length) implements Fault {
    public MemoryCorruption {
      requireNonNegative("address", address);
      requirePositive("length", length);
    }
  }

  /** NV memory silently ignores writes (a worn-out cell array): the GPCA "logging failed" fault. */
  record MemoryWriteFailure(long atMillis, long durationMillis) implements Fault {
    public MemoryWriteFailure {
      requirePositive("durationMillis", durationMillis);
    }
  }

  /**
   * The RTC crystal drifts: from now on the RTC counts {@code 1 + driftPpm / 10^6} of its
   * milliseconds per true millisecond (positive runs fast). It still never goes backwards.
   */
  record RtcDrift(long atMillis, long driftPpm) implements Fault {
    public static final long MAX_DRIFT_PPM = PPM;

    public RtcDrift {
      if (driftPpm <= -PPM || driftPpm > MAX_DRIFT_PPM) {
        throw new IllegalArgumentException(
            "driftPpm " + driftPpm + " out of range " + (1 - PPM) + ".." + MAX_DRIFT_PPM
                + " (a clock at -1000000 ppm would stand still)");
      }
    }
  }

  /**
   * The firmware hangs in the first interrupt it takes at or after {@code atMillis} (that interrupt
   * never completes); the watchdog, no longer kicked, resets the pump one watchdog period later.
   * Interrupts in between are lost. NV memory and the RTC survive the reset.
   */
  record FirmwareHang(long atMillis) implements Fault {}

  /** An immediate processor reset from a supply dip (the 2013 feedthrough failure showed as a low-battery reset). */
  record BrownOutReset(long atMillis) implements Fault {}

  /**
   * The battery suddenly loses {@code lossPpm} of its remaining charge (the 2009/2011 battery-film
   * advisory: "sudden loss of therapy").
   */
  record BatteryCapacityLoss(long atMillis, long lossPpm) implements Fault {
    public BatteryCapacityLoss {
      requireFraction("lossPpm", lossPpm);
    }
  }

  /** An internal feedthrough short (2013 recall) adds a permanent drain of {@code extraNanoampHoursPerHour}. */
  record FeedthroughShort(long atMillis, long extraNanoampHoursPerHour) implements Fault {
    public FeedthroughShort {
      requirePositive("extraNanoampHoursPerHour", extraNanoampHoursPerHour);
    }
  }

  /**
   * The next refill injection at or after {@code atMillis} misses the reservoir septum:
   * {@code misplacedPpm} of its volume goes into the tissue pocket (1 000 000 = all of it).
   */
  record PocketFill(long atMillis, long misplacedPpm) implements Fault {
    public PocketFill {
      requireFraction("misplacedPpm", misplacedPpm);
    }
  }

  /**
   * The catheter is occluded: rotations move no fluid. With {@code stallsRotor} the back pressure
   * also stops the rotor, which the firmware can sense; without, only a refill discrepancy shows it.
   */
  record CatheterOcclusion(long atMillis, long durationMillis, boolean stallsRotor) implements Fault {
    public CatheterOcclusion {
      requirePositive("durationMillis", durationMillis);
    }
  }

  /**
   * The catheter leaks (a tear, a loose connector, migration out of the intrathecal space): for
   * {@code durationMillis}, {@code leakPpm} of what leaves the pump ends in the tissue instead of
   * the spinal fluid. The rotor turns and the reservoir empties as usual, so neither the firmware's
   * rotation sensing nor a refill discrepancy shows it; only the patient does (a withdrawal that
   * mimics tolerance, physiology.md 1.3).
   */
  record CatheterLeak(long atMillis, long durationMillis, long leakPpm) implements Fault {
    public CatheterLeak {
      requirePositive("durationMillis", durationMillis);
      requireFraction("leakPpm", leakPpm);
    }
  }

  /**
   * The catheter comes off the pump's connector: from now on everything pumped goes into the
   * tissue pocket, until the catheter is revised (a {@link CatheterLeak} of all of it, permanent).
   */
  record CatheterDisconnection(long atMillis) implements Fault {}

  /** From now on each frame, sent or received, is lost with probability {@code lossPpm} (seeded). */
  record RadioLoss(long atMillis, long lossPpm) implements Fault {
    public RadioLoss {
      requireFraction("lossPpm", lossPpm);
    }
  }

  /** The next {@code frames} received frames each arrive with one bit flipped (seeded position). */
  record RadioCorruption(long atMillis, int frames) implements Fault {
    public RadioCorruption {
      requirePositive("frames", frames);
    }
  }

  /**
   * The delivery-accuracy bias of every stroke becomes {@code biasPpm} (the 2013 over-infusion
   * hazard: pumps delivering more than 14.5 % above program, invisible to rotation sensing).
   */
  record DeliveryBiasChange(long atMillis, long biasPpm) implements Fault {
    public DeliveryBiasChange {
      HardwareParameters.Accuracy.requireBias("biasPpm", biasPpm);
    }
  }

  private static void requirePositive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " " + value + " must be > 0");
    }
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " " + value + " must be >= 0");
    }
  }

  private static void requireFraction(String field, long ppm) {
    if (ppm < 0 || ppm > PPM) {
      throw new IllegalArgumentException(field + " " + ppm + " out of range 0.." + PPM + " ppm");
    }
  }
}
