// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.util.ArrayList;
import java.util.List;
import org.openitb.therapy.prescription.ValidationReport;

/**
 * The last step: a drug or concentration change always needs a second person (clinical.md 1.7:
 * a second experienced provider checks every drug change); it also states whether any earlier
 * step asked for one.
 */
final class SecondPersonStep implements SafetyStep {
  static final String NAME = "second-person";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> check(ProposedChange change, ValidationReport validation) {
    List<Finding> out = new ArrayList<>();
    if (change.drugChanges()) {
      out.add(Finding.soft(NAME, "drug", change.proposed().prescription().drug().name(), "", "changes from "
          + change.current().orElseThrow().prescription().drug().name() + " to " + change.proposed().prescription().drug().name()
          + "; a second person must check the vial and the entry"));
    }
    if (change.concentrationChanges()) {
      out.add(Finding.soft(NAME, "concentration", change.proposed().prescription().concentration().toString(), "", "changes from "
          + change.current().orElseThrow().prescription().concentration() + " to " + change.proposed().prescription().concentration()
          + "; a second person must check the vial, the entry and the bridge bolus"));
    }
    // The pump's own rule (its device model, PumpModel.secondPerson): its stop and daily-dose parts
    // are marked by the titration step (whose guardrails never exceed the model's), drug and
    // concentration changes above; per-hour-like steps are marked here.
    change.patient().pump().secondPerson().stepRateReason(change.current().map(t -> t.prescription()), change.proposed().prescription())
        .ifPresent(reason -> out.add(Finding.soft(NAME, "pump " + change.patient().pump().name(), "", "", reason)));
    if (out.isEmpty()) {
      out.add(Finding.info(NAME, "drug and concentration", "", "", "unchanged"));
    }
    return out;
  }
}
