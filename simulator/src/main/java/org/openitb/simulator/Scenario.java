// SPDX-License-Identifier: Apache-2.0
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
    Optional<PatientSpec> patient,
    Expectations expect) {

  /**
   * Outcomes the scenario means to show. Without {@code pumpNotDelivering} a run that ends with
   * the pump stopped or unprogrammed fails (issue 11: the "pump left stopped" hazard); without
   * {@code mriBeyondLabel} an MRI scan stronger than the pump model's labelled field fails it.
   */
  public record Expectations(boolean pumpNotDelivering, boolean mriBeyondLabel) {
    public static final Expectations NONE = new Expectations(false, false);
  }

  public Scenario {
    events = events.stream().sorted(Comparator.comparing(ScenarioEvent::at)).toList();
    patient = patient == null ? Optional.empty() : patient;
    expect = expect == null ? Expectations.NONE : expect;
  }

  /** A scenario without a virtual patient (the pump alone). */
  public Scenario(String name, long seed, LocalDateTime start, PumpModel pumpModel, String serial, CatheterModel catheter,
      int catheterLengthCm, Etiology etiology, Volume initialFill, Prescription prescription, Volume lowReservoirAlarm,
      List<ScenarioEvent> events, Optional<Duration> until) {
    this(name, seed, start, pumpModel, serial, catheter, catheterLengthCm, etiology, initialFill, prescription, lowReservoirAlarm,
        events, until, Optional.empty(), Expectations.NONE);
  }
}
