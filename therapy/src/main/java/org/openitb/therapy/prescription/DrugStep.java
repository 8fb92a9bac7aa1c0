// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.stream.Collectors;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.units.Concentration;

/** The concentration must not exceed the drug's maximum; one that is not stocked needs confirmation. */
final class DrugStep implements ValidationStep {
  static final String NAME = "drug";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    Drug drug = p.drug();
    Concentration c = p.concentration();
    if (c.compareTo(drug.maxConcentration()) > 0) {
      out.hard("concentration", c.toString(), "<= " + drug.maxConcentration() + " (" + drug.name() + ")",
          "above the highest " + drug.name() + " concentration allowed in a pump; check the vial and the entry");
    } else if (!drug.isStocked(c)) {
      String stocked = drug.stockedConcentrations().stream().map(Concentration::microgramsPerMillilitre)
          .collect(Collectors.joining(", ", "stocked ", " mcg/mL"));
      out.soft("concentration", c.toString(), stocked,
          "not a stocked " + drug.name() + " concentration; confirm the compounded solution and its label");
    }
  }
}
