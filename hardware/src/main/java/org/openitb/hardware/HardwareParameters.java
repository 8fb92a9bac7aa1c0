// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.Objects;
import org.openitb.therapy.units.Volume;

/**
 * The physical constants of one simulated pump that the device model ({@link
 * org.openitb.therapy.device.PumpModel}) does not carry. None is confirmed by a source
 * (clinical.md marks these numbers unconfirmed), so every one is a parameter with a documented
 * default, never a constant in code. All quantities are integers.
 *
 * @param accuracy the delivery-accuracy model (bias and noise per stroke)
 * @param battery the cell's capacity and its drains
 * @param motor when the rotor stalls
 * @param magnetSensorMilliTesla the magnet sensor reports a field strictly above this
 * @param nvMemoryBytes size of the NV memory
 * @param watchdogPeriodMillis how long after the firmware hangs the watchdog resets the pump
 * @param radioLossPpm chance that a frame, sent or received, is lost (seeded)
 * @param fluidPathVolume dead space between the reservoir and the catheter tip (pump tubing plus
 *     catheter); the drug reaching the patient is the fluid pushed in this volume ago. Zero means
 *     a stroke's drug reaches the patient at once.
 * @param toneHistoryLimit how many of the most recent tones {@link SimulatedPump#tones()} keeps
 *     (counts are kept for all)
 */
public record HardwareParameters(
    Accuracy accuracy,
    Battery battery,
    Motor motor,
    long magnetSensorMilliTesla,
    int nvMemoryBytes,
    long watchdogPeriodMillis,
    long radioLossPpm,
    Volume fluidPathVolume,
    int toneHistoryLimit) {

  /** 128 KiB: room for A/B settings copies and a bounded event log. */
  public static final int DEFAULT_NV_MEMORY_BYTES = 128 * 1024;
  /** A typical implant MCU watchdog period. */
  public static final long DEFAULT_WATCHDOG_PERIOD_MILLIS = 2_000;
  /** A reed-switch-like sensor: senses a scanner's fringe field before the rotor stalls. */
  public static final long DEFAULT_MAGNET_SENSOR_MILLITESLA = 50;
  /** Enough to see a 90-day ERI period of hourly tones whole. */
  public static final int DEFAULT_TONE_HISTORY_LIMIT = 10_000;

  public HardwareParameters {
    Objects.requireNonNull(accuracy, "accuracy");
    Objects.requireNonNull(battery, "battery");
    Objects.requireNonNull(motor, "motor");
    Objects.requireNonNull(fluidPathVolume, "fluidPathVolume");
    requireAtLeast("magnetSensorMilliTesla", magnetSensorMilliTesla, 0);
    requireAtLeast("nvMemoryBytes", nvMemoryBytes, 1);
    requireAtLeast("watchdogPeriodMillis", watchdogPeriodMillis, 1);
    if (radioLossPpm < 0 || radioLossPpm > Fault.PPM) {
      throw new IllegalArgumentException("radioLossPpm " + radioLossPpm + " out of range 0.." + Fault.PPM);
    }
    requireAtLeast("fluidPathVolume nL", fluidPathVolume.nanolitres(), 0);
    requireAtLeast("toneHistoryLimit", toneHistoryLimit, 1);
  }

  /**
   * A pump that delivers exactly its stroke volume, never stalls by wear and loses no frames: for
   * firmware tests where truth and belief must agree.
   */
  public static HardwareParameters ideal() {
    return new HardwareParameters(
        Accuracy.EXACT, Battery.TYPICAL, Motor.TYPICAL, DEFAULT_MAGNET_SENSOR_MILLITESLA,
        DEFAULT_NV_MEMORY_BYTES, DEFAULT_WATCHDOG_PERIOD_MILLIS, 0, Volume.ZERO, DEFAULT_TONE_HISTORY_LIMIT);
  }

  /** {@link #ideal()} with the {@link Accuracy#TYPICAL typical} accuracy model. */
  public static HardwareParameters typical() {
    return ideal().withAccuracy(Accuracy.TYPICAL);
  }

  public HardwareParameters withAccuracy(Accuracy a) {
    return new HardwareParameters(a, battery, motor, magnetSensorMilliTesla, nvMemoryBytes,
        watchdogPeriodMillis, radioLossPpm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withBattery(Battery b) {
    return new HardwareParameters(accuracy, b, motor, magnetSensorMilliTesla, nvMemoryBytes,
        watchdogPeriodMillis, radioLossPpm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withMotor(Motor m) {
    return new HardwareParameters(accuracy, battery, m, magnetSensorMilliTesla, nvMemoryBytes,
        watchdogPeriodMillis, radioLossPpm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withMagnetSensorMilliTesla(long milliTesla) {
    return new HardwareParameters(accuracy, battery, motor, milliTesla, nvMemoryBytes,
        watchdogPeriodMillis, radioLossPpm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withNvMemoryBytes(int bytes) {
    return new HardwareParameters(accuracy, battery, motor, magnetSensorMilliTesla, bytes,
        watchdogPeriodMillis, radioLossPpm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withWatchdogPeriodMillis(long millis) {
    return new HardwareParameters(accuracy, battery, motor, magnetSensorMilliTesla, nvMemoryBytes,
        millis, radioLossPpm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withRadioLossPpm(long ppm) {
    return new HardwareParameters(accuracy, battery, motor, magnetSensorMilliTesla, nvMemoryBytes,
        watchdogPeriodMillis, ppm, fluidPathVolume, toneHistoryLimit);
  }

  public HardwareParameters withFluidPathVolume(Volume volume) {
    return new HardwareParameters(accuracy, battery, motor, magnetSensorMilliTesla, nvMemoryBytes,
        watchdogPeriodMillis, radioLossPpm, volume, toneHistoryLimit);
  }

  public HardwareParameters withToneHistoryLimit(int limit) {
    return new HardwareParameters(accuracy, battery, motor, magnetSensorMilliTesla, nvMemoryBytes,
        watchdogPeriodMillis, radioLossPpm, fluidPathVolume, limit);
  }

  /**
   * The delivery-accuracy model. Each rotation moves {@code strokeVolume x (1 + bias + noise)}
   * where {@code bias} is fixed per pump ({@code meanBiasPpm} plus a seeded draw, uniform in
   * {@code +-biasSpreadPpm}) and {@code noise} is drawn per stroke, uniform in {@code +-noisePpm}.
   * Sub-nanolitre remainders are carried to the next stroke, so the long-run volume is exact.
   */
  public record Accuracy(long meanBiasPpm, long biasSpreadPpm, long noisePpm) {
    /** The largest total deviation of one stroke: keeps every stroke's factor positive. */
    public static final long MAX_TOTAL_DEVIATION_PPM = 500_000;
    /** Every stroke exactly the stroke volume. */
    public static final Accuracy EXACT = new Accuracy(0, 0, 0);
    /**
     * Illustrative: +1 % mean bias (Wesemann 2014 measured +1 % over 6 months, clinical.md 1.3),
     * pumps spread over -1 %..+3 %, and +-3 % per-stroke noise that averages out within a day.
     */
    public static final Accuracy TYPICAL = new Accuracy(10_000, 20_000, 30_000);

    public Accuracy {
      requireBias("meanBiasPpm", meanBiasPpm);
      requireAtLeast("biasSpreadPpm", biasSpreadPpm, 0);
      requireAtLeast("noisePpm", noisePpm, 0);
      if (Math.abs(meanBiasPpm) + biasSpreadPpm + noisePpm > MAX_TOTAL_DEVIATION_PPM) {
        throw new IllegalArgumentException(
            "|meanBiasPpm| + biasSpreadPpm + noisePpm = " + (Math.abs(meanBiasPpm) + biasSpreadPpm + noisePpm)
                + " exceeds " + MAX_TOTAL_DEVIATION_PPM + " ppm");
      }
    }

    static void requireBias(String field, long biasPpm) {
      if (Math.abs(biasPpm) > MAX_TOTAL_DEVIATION_PPM) {
        throw new IllegalArgumentException(
            field + " " + biasPpm + " out of range +-" + MAX_TOTAL_DEVIATION_PPM + " ppm");
      }
    }
  }

  /**
   * The battery cell, in nanoampere-hours (nAh). Every drain is an integer: strokes, telemetry
   * bytes, tones, and an idle drain per hour integrated exactly over virtual time.
   *
   * <p>How {@link #TYPICAL} was chosen. The target is the clinical "5 to 7 years depending on
   * daily volume" with a 7-year hard limit (clinical.md 1.3) and a 0.25 µL stroke. With idle drain
   * {@code I} per day, a per-stroke cost {@code s} and {@code n} strokes a day, the life is
   * {@code C / (I + n s)}. Asking 7 years (2555 d) at 0.5 mL/day (n = 2000) and 5 years (1825 d)
   * at 1.5 mL/day (n = 6000) gives {@code I + 6000 s = 1.4 (I + 2000 s)}, i.e. {@code I = 8000 s}.
   * A sleeping implant draws about 8 µA (I = 192 µAh/day), so {@code s} = 24 nAh (about 10 mA for
   * 8.6 ms per stroke). A capacity at the exact fit (613 mAh) would leave no charge for the 90
   * days between ERI and end of service, so {@code C} = 650 mAh: the cell is exhausted after
   * 7.4 years at 0.5 mL/day (the 7-year hard limit stops the pump first), 6.2 years at 1 mL/day
   * and 5.3 years at 1.5 mL/day (firmware raising ERI about 180 days before exhaustion reaches
   * end of service near 5 years). Telemetry (1 nAh a byte) and tones (3 mA, 833 nAh a second)
   * are small beside these, as in real pumps.
   *
   * @param capacityNanoampHours charge of a new cell
   * @param idleNanoampHoursPerHour sleep current, integrated over time
   * @param strokeNanoampHours cost of one motor stroke (commanded, runaway, or stalled)
   * @param radioByteNanoampHours cost of one telemetry byte sent or received
   * @param toneNanoampHoursPerSecond cost of one second of buzzer
   */
  public record Battery(
      long capacityNanoampHours,
      long idleNanoampHoursPerHour,
      long strokeNanoampHours,
      long radioByteNanoampHours,
      long toneNanoampHoursPerSecond) {
    public static final Battery TYPICAL = new Battery(650_000_000L, 8_000, 24, 1, 833);

    public Battery {
      requireAtLeast("capacityNanoampHours", capacityNanoampHours, 1);
      requireAtLeast("idleNanoampHoursPerHour", idleNanoampHoursPerHour, 0);
      requireAtLeast("strokeNanoampHours", strokeNanoampHours, 0);
      requireAtLeast("radioByteNanoampHours", radioByteNanoampHours, 0);
      requireAtLeast("toneNanoampHoursPerSecond", toneNanoampHoursPerSecond, 0);
    }

    public Battery withCapacityNanoampHours(long capacity) {
      return new Battery(capacity, idleNanoampHoursPerHour, strokeNanoampHours, radioByteNanoampHours, toneNanoampHoursPerSecond);
    }
  }

  /**
   * When the rotor stalls.
   *
   * @param stallFieldMilliTesla a static field strictly above this holds the rotor (an MRI
   *     scanner's 1.5 T = 1500 mT does; the default is 200 mT)
   * @param wearStallPpbPerMillionRotations wear: the chance that a stroke stalls, in parts per
   *     billion, grows by this much per million rotations already made (0 = no wear)
   */
  public record Motor(long stallFieldMilliTesla, long wearStallPpbPerMillionRotations) {
    public static final Motor TYPICAL = new Motor(200, 0);

    public Motor {
      requireAtLeast("stallFieldMilliTesla", stallFieldMilliTesla, 0);
      requireAtLeast("wearStallPpbPerMillionRotations", wearStallPpbPerMillionRotations, 0);
    }
  }

  private static void requireAtLeast(String field, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " " + value + " must be >= " + min);
    }
  }
}
