// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.util.stream.Collectors;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.Stopped;

/** A one-line clinical summary of a prescription: "baclofen 500 mcg/mL, 300 mcg/day". */
final class PrescriptionText {
  private PrescriptionText() {}

  static String of(Prescription p) {
    String basal = switch (p.basal()) {
      case Stopped s -> "stopped";
      case SimpleContinuous s -> s.dailyDose().toString();
      case FlexSchedule f -> "flex " + f.steps().stream().map(s -> s.start() + "=" + s.rate()).collect(Collectors.joining(", "));
    };
    StringBuilder b = new StringBuilder(p.drug().name()).append(' ').append(p.concentration()).append(", ").append(basal);
    p.scheduledBoluses().forEach(s -> b.append(", bolus ").append(s.dose()).append(" at ").append(s.start()));
    p.patientBolus().ifPresent(a -> b.append(", patient bolus ").append(a.dose()).append(" x").append(a.maxPerDay()).append("/day"));
    return b.toString();
  }
}
