// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.List;
import java.util.Objects;

/**
 * Validates a {@link Prescription} against its drug and a {@link ValidationContext} as a chain of
 * named steps, in this order: {@value DrugStep#NAME} (concentration), {@value DailyDoseStep#NAME}
 * (hard and usual limits of the daily total, scheduled boluses included), {@value
 * UnitPlausibilityStep#NAME} (a step rate above the hard maximum is the per-hour-for-per-day
 * error), {@value DeviceRateStep#NAME} (every basal and bolus rate programmable on the pump),
 * {@value FlexStepCountStep#NAME}, {@value PatientBolusStep#NAME} (worst-case daily total with
 * every patient bolus used), {@value ReservoirAlarmStep#NAME} and {@value CatheterStep#NAME}.
 *
 * <p>Guarantees: every step runs (a refusal does not hide later findings); validation never
 * throws for any prescription the records can hold (arithmetic is exact and cannot overflow);
 * every HARD or SOFT finding names the field, the value and the allowed range.
 */
public final class PrescriptionValidator {
  private final List<ValidationStep> steps;

  private PrescriptionValidator(List<ValidationStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The full chain every part of the system uses. */
  public static PrescriptionValidator standard() {
    return new PrescriptionValidator(List.of(
        new DrugStep(), new DailyDoseStep(), new UnitPlausibilityStep(), new DeviceRateStep(),
        new FlexStepCountStep(), new PatientBolusStep(), new ReservoirAlarmStep(), new CatheterStep()));
  }

  /** The step names, in chain order. */
  public List<String> stepNames() {
    return steps.stream().map(ValidationStep::name).toList();
  }

  /** Runs every step and returns their findings in chain order. */
  public ValidationReport validate(Prescription prescription, ValidationContext context) {
    Objects.requireNonNull(prescription, "prescription");
    Objects.requireNonNull(context, "context");
    Findings out = new Findings();
    for (ValidationStep step : steps) {
      out.startStep(step.name());
      step.check(prescription, context, out);
    }
    return new ValidationReport(out.all());
  }
}
