// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.ValidationReport;

/** The drug must be in the programmer's library, and the concentration and daily totals within its hard limits (usual range: second person). */
final class LibraryLimitsStep implements SafetyStep {
  static final String NAME = "drug-library-limits";
  private static final Set<String> VALIDATOR_STEPS = Set.of("drug", "daily-dose", "patient-bolus");
  private final DrugLibrary library;

  LibraryLimitsStep(DrugLibrary library) {
    this.library = library;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SafetyCheck> check(ProposedChange change, ValidationReport validation) {
    String drug = change.proposed().prescription().drug().name();
    if (library.drugs().stream().noneMatch(d -> d.name().equals(drug))) {
      return List.of(new SafetyCheck(NAME, SafetyCheck.Verdict.REFUSE, "drug: not in the programmer's drug library (got '" + drug
          + "'; allowed: " + library.drugs().stream().map(d -> d.name()).toList() + ")"));
    }
    List<SafetyCheck> out = new ArrayList<>(FindingSteps.from(NAME, validation, VALIDATOR_STEPS));
    if (out.isEmpty()) {
      out.add(new SafetyCheck(NAME, SafetyCheck.Verdict.PASS, "daily total " + DailyDose.of(change.proposed().prescription())
          + " and concentration " + change.proposed().prescription().concentration() + " within the " + drug + " limits for "
          + change.patient().etiology().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }
}
