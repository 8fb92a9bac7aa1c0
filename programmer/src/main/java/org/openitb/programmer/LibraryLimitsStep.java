// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
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
  public List<Finding> check(ProposedChange change, ValidationReport validation) {
    String drug = change.proposed().prescription().drug().name();
    if (library.drugs().stream().noneMatch(d -> d.name().equals(drug))) {
      return List.of(Finding.hard(NAME, "drug", drug, library.drugs().stream().map(d -> d.name()).toList().toString(),
          "not in the programmer's drug library"));
    }
    List<Finding> out = new ArrayList<>(FindingSteps.from(NAME, validation, VALIDATOR_STEPS));
    if (out.isEmpty()) {
      out.add(Finding.info(NAME, "daily dose", "", "", DailyDose.of(change.proposed().prescription())
          + " and concentration " + change.proposed().prescription().concentration() + " within the " + drug + " limits for "
          + change.patient().etiology().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }
}
