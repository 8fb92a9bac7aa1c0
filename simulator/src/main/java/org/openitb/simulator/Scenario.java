package org.openitb.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Volume;

/**
 * A complete, validated scenario: one patient with one implanted pump, its fill and prescription
 * at {@code start} (pump-local time), and timed events sorted by time; with {@code patient} the
 * patient's physiology lives through it too. Read from YAML by {@link
 * ScenarioLoader}; the format is documented in examples/README.md.
 */
public record Scenario(
    String name,
    long seed,
    LocalDateTime start,
    PumpModel pumpModel,
    String serial,
    CatheterModel catheter,
    int catheterLengthCm,
    Etiology etiology,
    Volume initialFill,
    Prescription prescription,
    Volume lowReservoirAlarm,
    List<ScenarioEvent> events,
    Optional<Duration> until,
    Optional<PatientSpec> patient) {

  public Scenario {
    events = events.stream().sorted(Comparator.comparing(ScenarioEvent::at)).toList();
    patient = patient == null ? Optional.empty() : patient;
  }

  /** A scenario without a virtual patient (the pump alone). */
  public Scenario(String name, long seed, LocalDateTime start, PumpModel pumpModel, String serial, CatheterModel catheter,
      int catheterLengthCm, Etiology etiology, Volume initialFill, Prescription prescription, Volume lowReservoirAlarm,
      List<ScenarioEvent> events, Optional<Duration> until) {
    this(name, seed, start, pumpModel, serial, catheter, catheterLengthCm, etiology, initialFill, prescription, lowReservoirAlarm,
        events, until, Optional.empty());
  }
}
