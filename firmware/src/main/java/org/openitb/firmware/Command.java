// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * A command to the pump, from a programmer through the link or directly from the simulator. The
 * records only carry values; {@link Firmware#handle(Command, Origin)} checks every one of them
 * against the pump model and the drug library's hard limits, whoever sent it.
 */
public sealed interface Command {
  /** A short name for logs and refusals ("ProgramTherapy"). */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Replaces the running therapy and runs it at once (ending a stop, a running bridge or a
   * delivery-fault or lost-settings safe state; an empty pump resumes after its refill). The
   * prescription's drug and concentration must be those in the reservoir (refill first); {@code
   * etiology} selects the drug's hard dose limit; the low-reservoir alarm must be settable for the
   * model. The change takes effect at the millisecond: the owed fraction of a stroke carries over.
   */
  record ProgramTherapy(Prescription prescription, Etiology etiology, Volume lowReservoirAlarm) implements Command {
    public ProgramTherapy {
      Objects.requireNonNull(prescription, "prescription");
      Objects.requireNonNull(etiology, "etiology");
      Objects.requireNonNull(lowReservoirAlarm, "lowReservoirAlarm");
    }
  }

  /**
   * The reservoir was emptied ({@code withdrawn}, when measured, is compared with the pump's belief)
   * and filled with {@code newVolume} of {@code drug} at {@code concentration}. When the
   * concentration changes, the running prescription keeps its daily doses at the new concentration
   * and a {@link BridgeBolus} or a {@link ProgramTherapy} should follow; if those doses cannot run
   * at the new concentration (rate range), the refill is still accepted — it happened — and the pump
   * stops for an hour, then sounds the expired-stop alarm, until it is reprogrammed.
   */
  record Refill(Volume newVolume, Drug drug, Concentration concentration, Optional<Volume> withdrawn) implements Command {
    public Refill {
      Objects.requireNonNull(newVolume, "newVolume");
      Objects.requireNonNull(drug, "drug");
      Objects.requireNonNull(concentration, "concentration");
      Objects.requireNonNull(withdrawn, "withdrawn");
    }
  }

  /** A one-off clinician bolus of {@code dose} over {@code duration} (whole minutes) on top of the basal program. */
  record ClinicianBolus(Mass dose, Duration duration) implements Command {
    public ClinicianBolus {
      Objects.requireNonNull(dose, "dose");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * A priming bolus of {@code volume} over {@code duration}: fills pump tubing and catheter. The
   * pump cannot tell a dry catheter from a full one, so the drug it holds counts toward the daily
   * hard limit as if it reached the patient.
   */
  record PrimingBolus(Volume volume, Duration duration) implements Command {
    public PrimingBolus {
      Objects.requireNonNull(volume, "volume");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * After a refill that changed the concentration: delivers {@code volume} (tubing plus catheter)
   * of the old-concentration fluid at the old daily dose, then starts {@code next}, which must be at
   * the reservoir's new concentration.
   */
  record BridgeBolus(Volume volume, Prescription next) implements Command {
    public BridgeBolus {
      Objects.requireNonNull(volume, "volume");
      Objects.requireNonNull(next, "next");
    }
  }

  /** The patient pressed the bolus button; granted only within the programmed allowance. */
  record PatientBolusRequest() implements Command {}

  /** Cancels every running one-off bolus (clinician, priming, patient; a bridge completes at once). */
  record CancelBoluses() implements Command {}

  /** Clears every latched alarm; an alarm whose condition is still present is raised again at once. */
  record ClearAlarms() implements Command {}

  /** Sounds both alarm tones once, so the patient knows them. */
  record AlarmTest() implements Command {}

  /**
   * Sets the pump-local wall clock (flex steps and scheduled boluses follow it) and, when given, the
   * pump-local time's offset from UTC in minutes (kept for telemetry, which carries UTC; an absent
   * offset leaves the stored one).
   */
  record SetClock(LocalDateTime localTime, java.util.OptionalInt utcOffsetMinutes) implements Command {
    public SetClock {
      Objects.requireNonNull(localTime, "localTime");
      Objects.requireNonNull(utcOffsetMinutes, "utcOffsetMinutes");
    }

    /** Sets the local time only. */
    public SetClock(LocalDateTime localTime) {
      this(localTime, java.util.OptionalInt.empty());
    }
  }

  /** A deliberate stop. It expires after {@code expiry} into a critical alarm: no pump is silently left stopped. */
  record Stop(Duration expiry) implements Command {
    public Stop {
      Objects.requireNonNull(expiry, "expiry");
    }
  }

  /** Resumes the programmed therapy after a stop (re-checked against the limits first). */
  record Resume() implements Command {}

  /** A programmer read the pump: clears the "interrogation required" flag (post-MRI check). */
  record Interrogate() implements Command {}
}
