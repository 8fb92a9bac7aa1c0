// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.ValidationReport;

/** Turns the therapy validator's HARD and SOFT findings of some of its steps into safety checks. */
final class FindingSteps {
  private FindingSteps() {}

  static List<SafetyCheck> from(String step, ValidationReport validation, Set<String> validatorSteps) {
    List<SafetyCheck> out = new ArrayList<>();
    for (Finding f : validation.findings()) {
      if (!validatorSteps.contains(f.step())) {
        continue;
      }
      switch (f.severity()) {
        case HARD -> out.add(new SafetyCheck(step, SafetyCheck.Verdict.REFUSE, f.message()));
        case SOFT -> out.add(new SafetyCheck(step, SafetyCheck.Verdict.SECOND_PERSON, f.message()));
        case INFO -> { }
      }
    }
    return out;
  }
}
