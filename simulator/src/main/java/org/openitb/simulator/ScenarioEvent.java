// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/** One timed event of a scenario, at a pump-local date-time. */
public sealed interface ScenarioEvent {
  LocalDateTime at();

  /** A short name for summaries and logs. */
  String kind();

  /**
   * A refill visit: the reservoir is emptied through the needle (the withdrawn volume is measured
   * from the true reservoir, or {@code withdrawnOverride} when the scenario states what the
   * clinician wrote down), then filled with {@code volume} at {@code concentration}; a bridge
   * bolus is programmed when the concentration changes and {@code bridgeBolus} is true.
   */
  record Refill(
      LocalDateTime at,
      Volume volume,
      Optional<Concentration> concentration,
      boolean bridgeBolus,
      Optional<Volume> withdrawnOverride,
      Optional<Prescription> newPrescription) implements ScenarioEvent {
    @Override
    public String kind() {
      return "refill";
    }
  }

  /** The clinician reprograms the pump. */
  record ChangePrescription(LocalDateTime at, Prescription prescription) implements ScenarioEvent {
    @Override
    public String kind() {
      return "prescription";
    }
  }

  /** The patient presses the bolus button on the patient device. */
  record PatientBolusRequest(LocalDateTime at) implements ScenarioEvent {
    @Override
    public String kind() {
      return "patient-bolus";
    }
  }

  /** An MRI scan: a static field of {@code fieldMilliTesla} for {@code duration}, then a post-MRI check after {@code checkAfter} (none when empty). */
  record MriScan(LocalDateTime at, Duration duration, long fieldMilliTesla, Optional<Duration> checkAfter) implements ScenarioEvent {
    @Override
    public String kind() {
      return "mri";
    }
  }

  /** A fault injected into the simulated hardware; {@code type} and {@code parameters} as documented in examples/README.md. */
  record InjectFault(LocalDateTime at, String type, Map<String, String> parameters) implements ScenarioEvent {
    public InjectFault {
      parameters = Map.copyOf(parameters);
    }

    @Override
    public String kind() {
      return "fault:" + type;
    }
  }

  /** A programmer sets the pump's clock to {@code newLocalTime} (travel, daylight saving). */
  record SetClock(LocalDateTime at, LocalDateTime newLocalTime) implements ScenarioEvent {
    @Override
    public String kind() {
      return "set-clock";
    }
  }

  /** A programmer interrogates the pump and clears its alarms (an alarm visit, a post-MRI check). */
  record Interrogate(LocalDateTime at, boolean clearAlarms) implements ScenarioEvent {
    @Override
    public String kind() {
      return "interrogate";
    }
  }

  /** The pump is explanted and a new one of the same model implanted, filled and primed. */
  record ReplacePump(LocalDateTime at, Volume fill) implements ScenarioEvent {
    @Override
    public String kind() {
      return "replace-pump";
    }
  }

  /** A clinic visit that measures the patient's tone (a Modified Ashworth grade); nothing touches the pump. */
  record AssessTone(LocalDateTime at) implements ScenarioEvent {
    public AssessTone {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String kind() {
      return "assess-tone";
    }
  }

  /**
   * A screening dose by lumbar puncture (before or beside the pump): {@code dose} reaches the
   * patient's spinal fluid at once, without passing through the pump.
   */
  record ScreeningBolus(LocalDateTime at, org.openitb.therapy.units.Mass dose) implements ScenarioEvent {
    public ScreeningBolus {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(dose, "dose");
    }

    @Override
    public String kind() {
      return "screening-bolus";
    }
  }
}
