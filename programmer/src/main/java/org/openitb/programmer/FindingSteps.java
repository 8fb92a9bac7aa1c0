// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.ValidationReport;

/** The therapy validator's HARD and SOFT findings of some of its steps, as findings of the programmer step {@code step}. */
final class FindingSteps {
  private FindingSteps() {}

  static List<Finding> from(String step, ValidationReport validation, Set<String> validatorSteps) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : validation.findings()) {
      if (!validatorSteps.contains(f.step())) {
        continue;
      }
      if (f.severity() != Finding.Severity.INFO) {
        out.add(new Finding(step, f.severity(), f.field(), f.value(), f.allowed(), f.reason()));
      }
    }
    return out;
  }
}
