// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.openitb.firmware.Command;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.Firmware;
import org.openitb.firmware.Origin;
import org.openitb.hardware.HardwareParameters;
import org.openitb.hardware.SimulatedPump;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * A gravimetric accuracy test bench for the simulated pump, as IEC 60601-2-24 prescribes
 * (../shared/reference/safety.md 1.1): the real firmware, programmed to a simple continuous rate,
 * delivers into a beaker on a balance read every 30 s. The balance reads the mass of what left the
 * catheter (water at 0.998 g/mL, 20 °C) to its resolution; the analysis is {@link TrumpetAnalysis},
 * which could run unchanged on a real balance's readings.
 */
public final class GravimetricBench {
  /** The balance's sampling interval Δt (B. Braun manuals, safety.md 1.1). */
  public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(30);
  /** Water at 20 °C: 0.998 g/mL, in micrograms per millilitre (safety.md 1.2). */
  public static final long DENSITY_MICROGRAMS_PER_ML = 998_000;
  /** An analytical balance reading to 0.01 mg. */
  public static final long RESOLUTION_MICROGRAMS = 10;
  public static final Duration MIN_DURATION = Duration.ofHours(24);
  public static final Duration MAX_DURATION = Duration.ofHours(168);
  /** Test fluid: the screening strength, so that every programmable rate is a dose within the library's limits. */
  static final Concentration TEST_CONCENTRATION = Concentration.ofMicrogramsPerMillilitre(50);
  private static final long NL_PER_ML = 1_000_000;

  private GravimetricBench() {}

  /**
   * The balance readings of one run.
   *
   * @param rate the programmed rate
   * @param strokeVolume the model's stroke volume (windows are chosen as whole multiples of its period)
   * @param massMicrograms reading i taken at i x {@link #SAMPLE_INTERVAL} after the program started
   */
  public record Trace(String model, long seed, VolumeRate rate, Volume strokeVolume, long[] massMicrograms) {
    public Duration duration() {
      return SAMPLE_INTERVAL.multipliedBy(massMicrograms.length - 1L);
    }

    /** The stroke period at this rate, in milliseconds (rounded down). */
    public long strokePeriodMillis() {
      return Duration.ofDays(1).toMillis() * strokeVolume.nanolitres() / rate.nanolitresPerDay();
    }
  }

  /** Runs the bench: fills the reservoir, programs {@code rate} and reads the balance every 30 s for {@code duration}. */
  public static Trace run(PumpModel model, HardwareParameters.Accuracy accuracy, long seed, VolumeRate rate, Duration duration) {
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0 || duration.toSeconds() % SAMPLE_INTERVAL.toSeconds() != 0) {
      throw new InvalidValueException("--hours", String.valueOf(duration.toHours()), "24 to 168 (hours)", "test duration out of range");
    }
    if (!model.isProgrammableRate(rate) || rate.isZero()) {
      throw new InvalidValueException("--rate", rate.toString(), model.minRate() + " to " + model.maxRate() + " (" + model.name() + ")",
          "not a programmable rate");
    }
    // the whole test must come out of one fill, above the delivery stop volume
    long needNl = rate.nanolitresPerDay() * duration.toMillis() / Duration.ofDays(1).toMillis();
    long usableNl = model.reservoir().nanolitres() - model.deliveryStopVolume().nanolitres() - model.strokeVolume().nanolitres();
    if (needNl > usableNl) {
      throw new InvalidValueException("--rate", rate.toString(), "at most " + new Volume(usableNl) + " over the test (" + model.name() + " reservoir)",
          "the test would empty the reservoir; choose a lower rate or fewer hours");
    }
    // dose = rate x 50 mcg/mL: whole ng/day needs a rate in steps of 20 nL/day
    if (rate.nanolitresPerDay() % 20 != 0) {
      throw new InvalidValueException("--rate", rate.toString(), "a multiple of 0.00002 mL/day", "not a rate the bench can program exactly");
    }
    DoseRate dose = new DoseRate(rate.nanolitresPerDay() / 20);
    String serial = "BENCH-" + seed;
    Firmware[] fw = new Firmware[1];
    SimulatedPump pump = SimulatedPump.builder(model, serial, seed)
        .parameters(HardwareParameters.ideal().withAccuracy(accuracy))
        .firmware(hal -> {
          fw[0] = new Firmware(hal, model, DrugLibrary.standard(), serial);
          return fw[0];
        })
        .build();
    pump.powerOn();
    Origin bench = Origin.clinician("BENCH");
    require(fw[0].handle(new Command.SetClock(LocalDateTime.of(2026, 1, 5, 0, 0)), bench));
    pump.fillReservoir(model.reservoir(), TEST_CONCENTRATION);
    require(fw[0].handle(new Command.Refill(model.reservoir(), DrugLibrary.baclofen(), TEST_CONCENTRATION, Optional.empty()), bench));
    Prescription rx = Prescription.simple(DrugLibrary.baclofen(), TEST_CONCENTRATION, dose);
    require(fw[0].handle(new Command.ProgramTherapy(rx, Etiology.SPINAL, model.defaultLowReservoirAlarm()), bench));
    long start = pump.nowMillis();
    int samples = (int) (duration.toSeconds() / SAMPLE_INTERVAL.toSeconds()) + 1;
    long[] mass = new long[samples];
    for (int i = 0; i < samples; i++) {
      pump.runUntil(start + i * SAMPLE_INTERVAL.toMillis());
      long nl = pump.trueDeliveredVolume().nanolitres();
      long micrograms = nl * DENSITY_MICROGRAMS_PER_ML / NL_PER_ML;
      mass[i] = micrograms - micrograms % RESOLUTION_MICROGRAMS;
    }
    return new Trace(model.name(), seed, rate, model.strokeVolume(), mass);
  }

  private static void require(CommandResult r) {
    if (!r.accepted()) {
      throw new IllegalStateException("the bench could not set up the pump: " + r);
    }
  }
}
