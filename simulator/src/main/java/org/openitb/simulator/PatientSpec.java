// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.util.Objects;
import java.util.OptionalDouble;
import org.openitb.physiology.PatientParameters;

/**
 * The virtual patient of a scenario (its {@code patient:} section with a {@code model}): whose
 * parameters, and the state at the scenario's start.
 *
 * @param parameters the population's typical patient or a seeded draw
 * @param naive drug-naive at the start (a new implant); otherwise at steady state and adapted
 * @param adaptedMcgPerDay the tip dose the patient is adapted to at the start; empty: the starting
 *     prescription's rate at the start time
 * @param yearsOnTherapy years since the therapy started (the disease drift); ignored when naive
 */
public record PatientSpec(PatientParameters parameters, boolean naive, OptionalDouble adaptedMcgPerDay, double yearsOnTherapy) {
  public PatientSpec {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(adaptedMcgPerDay, "adaptedMcgPerDay");
  }
}
