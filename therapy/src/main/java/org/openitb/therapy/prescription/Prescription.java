// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.List;
import java.util.Optional;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.units.Concentration;

/**
 * A complete ITB prescription: the drug and its concentration in the reservoir, the basal program,
 * daily scheduled boluses and the patient's bolus allowance. Structural checks happen here;
 * clinical and device checks in {@link PrescriptionValidator}.
 */
public record Prescription(
    Drug drug,
    Concentration concentration,
    BasalProgram basal,
    List<ScheduledBolus> scheduledBoluses,
    Optional<PatientBolusAllowance> patientBolus) {

  public Prescription {
    java.util.Objects.requireNonNull(drug, "drug");
    java.util.Objects.requireNonNull(concentration, "concentration");
    java.util.Objects.requireNonNull(basal, "basal");
    java.util.Objects.requireNonNull(patientBolus, "patientBolus (use Optional.empty())");
    scheduledBoluses = List.copyOf(scheduledBoluses);
  }

  public static Prescription simple(Drug drug, Concentration concentration, org.openitb.therapy.units.DoseRate dose) {
    return new Prescription(drug, concentration, new SimpleContinuous(dose), List.of(), Optional.empty());
  }

  public Prescription withPatientBolus(PatientBolusAllowance allowance) {
    return new Prescription(drug, concentration, basal, scheduledBoluses, Optional.of(allowance));
  }

  public Prescription withScheduledBoluses(List<ScheduledBolus> boluses) {
    return new Prescription(drug, concentration, basal, boluses, patientBolus);
  }
}
