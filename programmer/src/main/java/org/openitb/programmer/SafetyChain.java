// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.PrescriptionValidator;
import org.openitb.therapy.prescription.ValidationReport;

/**
 * The programmer's checks before anything is sent, as ordered steps that each record their
 * reason: {@value LibraryLimitsStep#NAME}, {@value DeviceLimitsStep#NAME}, {@value TitrationStep#NAME},
 * {@value UnitPlausibilityStep#NAME}, {@value SecondPersonStep#NAME}. It reuses therapy's
 * {@link PrescriptionValidator} and adds the programmer's own steps. Guarantees: every step runs
 * (a refusal never hides a later finding); evaluation never throws for any therapy the records
 * can hold; a refused change is never sent. The pump checks again on its side (DESIGN.md
 * invariant 4): this chain adds to the pump's checks, it never replaces them.
 */
public final class SafetyChain {
  private final PrescriptionValidator validator = PrescriptionValidator.standard();
  private final List<SafetyStep> steps;

  private SafetyChain(List<SafetyStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The standard chain over {@code library}. */
  public static SafetyChain standard(DrugLibrary library) {
    Objects.requireNonNull(library, "library");
    return new SafetyChain(List.of(
        new LibraryLimitsStep(library), new DeviceLimitsStep(), new TitrationStep(), new UnitPlausibilityStep(), new SecondPersonStep()));
  }

  /** The step names in chain order. */
  public List<String> stepNames() {
    return steps.stream().map(SafetyStep::name).toList();
  }

  /** Judges replacing {@code current} with {@code proposed} at pump-local {@code now}. */
  public SafetyReport evaluate(Optional<Therapy> current, Therapy proposed, PatientContext patient, LocalDateTime now) {
    ProposedChange change = new ProposedChange(current, proposed, patient, now);
    ValidationReport validation = validator.validate(proposed.prescription(), patient.validation(proposed.lowReservoirAlarm()));
    List<Finding> checks = new ArrayList<>();
    for (SafetyStep step : steps) {
      try {
        checks.addAll(step.check(change, validation));
      } catch (RuntimeException e) {
        checks.add(Finding.hard(step.name(), "proposed therapy", "", "", "could not be checked: " + e.getMessage()));
      }
    }
    return new SafetyReport(checks);
  }
}
