// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.engine.BolusShape;
import org.openitb.firmware.engine.DailyProfile;
import org.openitb.firmware.engine.DeliveryUnits;
import org.openitb.firmware.storage.PrescriptionCodec;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Rounding;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/**
 * The pump's hard limits, checked on every command whoever sent it: the pump model's rate range,
 * reservoir and flex-step count, and the drug library's maximum concentration and hard maximum
 * daily dose (worst case: basal, scheduled boluses, every allowed patient bolus and the one-off
 * boluses of the last 24 h). Limits always come from the firmware's own model and library, never
 * from the command.
 */
final class TherapyLimits {
  /** Most scheduled boluses per day the pump stores (therapy sets no limit; storage does). */
  static final int MAX_SCHEDULED_BOLUSES = PrescriptionCodec.MAX_STORED_BOLUSES;
  /**
   * Largest catheter volume a priming or bridge bolus may add to the pump tubing: the generic
   * catheter's 150 cm at 2.2 µL/cm is 330 µL, rounded up to 400 µL.
   */
  static final Volume CATHETER_ALLOWANCE = Volume.ofMicrolitres(400);
  /** Most clinician and priming boluses in any 24 h (a guard against repeated commands). */
  static final int MAX_ONE_OFF_BOLUSES_PER_DAY = StateCodec.MAX_RECENT;
  static final Duration MIN_BOLUS_DURATION = Duration.ofMinutes(1);
  static final Duration MAX_BOLUS_DURATION = Duration.ofHours(24);
  static final Duration MIN_STOP = Duration.ofMinutes(1);
  /** Longest deliberate stop: "pump stopped for longer than 48 hours" is a critical alarm (clinical.md 1.4). */
  static final Duration MAX_STOP = Duration.ofHours(48);
  static final int MIN_CLOCK_YEAR = 2000;
  static final int MAX_CLOCK_YEAR = 2199;
  /** The widest civil UTC offsets, ±14 h. */
  static final int MAX_UTC_OFFSET_MINUTES = StateCodec.MAX_UTC_OFFSET_MINUTES;

  private final PumpModel model;
  private final DrugLibrary library;

  TherapyLimits(PumpModel model, DrugLibrary library) {
    this.model = model;
    this.library = library;
  }

  /** The library's own record of {@code claimed} (by name); limits come from it, not from the sender. */
  Drug libraryDrug(Drug claimed, String field) throws Refusal {
    return library.drugs().stream()
        .filter(d -> d.name().equalsIgnoreCase(claimed.name()))
        .findFirst()
        .orElseThrow(() -> new Refusal(
            Code.OUT_OF_RANGE, field, claimed.name(),
            String.join(", ", library.drugs().stream().map(Drug::name).toList()), "drug not in the pump's drug library"));
  }

  void checkConcentration(Concentration c, Drug drug, String field) throws Refusal {
    if (c.compareTo(drug.maxConcentration()) > 0) {
      throw new Refusal(Code.OUT_OF_RANGE, field, c, "<= " + drug.maxConcentration() + " for " + drug.name(),
          "above the drug's maximum concentration");
    }
  }

  void checkFill(Volume newVolume, Optional<Volume> withdrawn) throws Refusal {
    if (!newVolume.isPositive() || newVolume.compareTo(model.reservoir()) > 0) {
      throw new Refusal(Code.OUT_OF_RANGE, "newVolume", newVolume, "> 0 and <= " + model.reservoir() + " (" + model.name() + ")",
          "fill outside the reservoir's nominal volume");
    }
    if (withdrawn.isPresent() && withdrawn.get().isNegative()) {
      throw new Refusal(Code.OUT_OF_RANGE, "withdrawn", withdrawn.get(), ">= 0 mL", "a withdrawn volume cannot be negative");
    }
  }

  void checkLowReservoirAlarm(Volume alarm) throws Refusal {
    if (!model.isSettableLowReservoirAlarm(alarm)) {
      throw new Refusal(Code.OUT_OF_RANGE, "lowReservoirAlarm", alarm,
          model.minLowReservoirAlarm() + " to " + model.maxLowReservoirAlarm(), "low-reservoir alarm outside the model's range");
    }
  }

  /** Checks a prescription as a whole; returns its daily profile. */
  DailyProfile checkPrescription(Prescription p, Etiology etiology, Drug drug) throws Refusal {
    Concentration c = p.concentration();
    checkConcentration(c, drug, "concentration");
    BasalProgram basal = p.basal();
    int maxSteps = Math.min(model.maxFlexSteps(), PrescriptionCodec.MAX_STORED_STEPS);
    if (basal instanceof FlexSchedule flex && flex.steps().size() > maxSteps) {
      throw new Refusal(Code.OUT_OF_RANGE, "flex steps", flex.steps().size(), "1-" + maxSteps,
          "more flex steps than " + model.name() + " allows");
    }
    if (p.scheduledBoluses().size() > MAX_SCHEDULED_BOLUSES) {
      throw new Refusal(Code.OUT_OF_RANGE, "scheduled boluses", p.scheduledBoluses().size(), "0-" + MAX_SCHEDULED_BOLUSES,
          "more scheduled boluses than the pump stores");
    }
    for (DoseRate dose : basalRates(basal)) {
      VolumeRate exactOrBelow = dose.volumeRateAt(c, Rounding.DOWN);
      if (!dose.isZero() && exactOrBelow.compareTo(model.minRate()) < 0) {
        throw new Refusal(Code.OUT_OF_RANGE, "basal rate", dose + " = " + dose.volumeRateAt(c, Rounding.UP) + " at " + c,
            "0 or >= " + model.minRate() + " (" + model.minRate().doseRateAt(c, Rounding.UP) + ")",
            "below the pump's lowest programmable rate");
      }
    }
    Optional<PatientBolusAllowance> allowance = p.patientBolus();
    if (allowance.isPresent()) {
      checkDuration(allowance.get().duration(), "patient bolus duration");
    }
    DailyProfile daily = DailyProfile.of(p);
    if (daily.deliversNothing() && allowance.isEmpty()) {
      throw new Refusal(Code.OUT_OF_RANGE, "basal", "stopped, no boluses", "a program that delivers",
          "a program that never delivers would leave the pump silently stopped; use Stop, which expires into an alarm");
    }
    checkPeakRate(daily.peakRate() + patientPeak(allowance), c, "rate");
    checkDaily(Math.addExact(daily.unitsPerDay(), patientDailyUnits(allowance)), drug, etiology, "daily dose");
    return daily;
  }

  /** Checks a one-off bolus of {@code units} over {@code duration} on top of the running program. */
  BolusShape checkOneOff(
      String field, long units, Duration duration, DailyProfile daily, Optional<PatientBolusAllowance> allowance,
      Concentration c, long recentOneOffUnits, Drug drug, Etiology etiology) throws Refusal {
    checkDuration(duration, field + " duration");
    BolusShape shape = new BolusShape(units, duration.toMillis());
    checkPeakRate(daily.peakRate() + patientPeak(allowance) + shape.peakRate(), c, field + " rate");
    long worst = Math.addExact(Math.addExact(daily.unitsPerDay(), patientDailyUnits(allowance)), Math.addExact(recentOneOffUnits, units));
    checkDaily(worst, drug, etiology, field);
    return shape;
  }

  void checkDeadSpaceVolume(Volume volume, String field) throws Refusal {
    Volume max = model.pumpTubing().plus(CATHETER_ALLOWANCE);
    if (!volume.isPositive() || volume.compareTo(max) > 0) {
      throw new Refusal(Code.OUT_OF_RANGE, field, volume, "> 0 and <= " + max + " (pump tubing + longest catheter)",
          "more than the pump tubing and catheter hold");
    }
  }

  void checkStop(Duration expiry) throws Refusal {
    if (expiry.compareTo(MIN_STOP) < 0 || expiry.compareTo(MAX_STOP) > 0) {
      throw new Refusal(Code.OUT_OF_RANGE, "expiry", expiry, MIN_STOP + " to " + MAX_STOP, "a stop must expire within 48 hours");
    }
  }

  void checkClock(java.time.LocalDateTime t) throws Refusal {
    if (t.getYear() < MIN_CLOCK_YEAR || t.getYear() > MAX_CLOCK_YEAR) {
      throw new Refusal(Code.OUT_OF_RANGE, "localTime", t, "years " + MIN_CLOCK_YEAR + "-" + MAX_CLOCK_YEAR, "implausible date");
    }
  }

  private static void checkDuration(Duration d, String field) throws Refusal {
    if (d.compareTo(MIN_BOLUS_DURATION) < 0 || d.compareTo(MAX_BOLUS_DURATION) > 0 || d.toSecondsPart() != 0 || d.toMillisPart() != 0) {
      throw new Refusal(Code.OUT_OF_RANGE, field, d, "whole minutes, " + MIN_BOLUS_DURATION + " to " + MAX_BOLUS_DURATION,
          "bolus duration out of range");
    }
  }

  private void checkPeakRate(long peakPerMilli, Concentration c, String field) throws Refusal {
    long max = DeliveryUnits.maxPerMilli(model.maxRate(), c);
    if (peakPerMilli > max) {
      throw new Refusal(Code.OUT_OF_RANGE, field, volumeRate(peakPerMilli, c) + " at peak",
          "<= " + model.maxRate() + " (" + model.name() + ", boluses included)", "above the pump's highest rate");
    }
  }

  private void checkDaily(long worstUnitsPerDay, Drug drug, Etiology etiology, String field) throws Refusal {
    DoseRate hardMax = drug.limits(etiology).hardMax();
    if (worstUnitsPerDay > DeliveryUnits.ofMass(hardMax.perDay())) {
      throw new Refusal(Code.HARD_DOSE_LIMIT, field, DeliveryUnits.massDown(worstUnitsPerDay) + "/24 h worst case",
          "<= " + hardMax + " (" + drug.name() + ", " + etiology + " hard maximum)",
          "worst-case daily dose including boluses exceeds the hard maximum");
    }
  }

  private static long patientPeak(Optional<PatientBolusAllowance> allowance) {
    return allowance.map(a -> new BolusShape(DeliveryUnits.ofMass(a.dose()), a.duration().toMillis()).peakRate()).orElse(0L);
  }

  static long patientDailyUnits(Optional<PatientBolusAllowance> allowance) {
    return allowance.map(a -> DeliveryUnits.ofMass(a.maxDailyMass())).orElse(0L);
  }

  private static java.util.List<DoseRate> basalRates(BasalProgram basal) {
    return switch (basal) {
      case SimpleContinuous s -> java.util.List.of(s.dailyDose());
      case FlexSchedule f -> f.steps().stream().map(FlexStep::rate).toList();
      default -> java.util.List.of();
    };
  }

  /** A rate in units per millisecond as a volume rate at {@code c}, rounded up (for messages). */
  static VolumeRate volumeRate(long perMilli, Concentration c) {
    BigInteger[] qr = BigInteger.valueOf(perMilli).multiply(BigInteger.valueOf(DeliveryUnits.DAY_MILLIS))
        .divideAndRemainder(BigInteger.valueOf(c.nanogramsPerMillilitre()).multiply(
            BigInteger.valueOf(DeliveryUnits.PER_NANOLITRE_PER_NANOGRAM_PER_MILLILITRE)));
    return new VolumeRate(qr[0].add(qr[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).longValueExact());
  }

  static Mass massOf(Volume v, Concentration c) {
    return DeliveryUnits.massDown(DeliveryUnits.ofVolume(v, c));
  }
}
