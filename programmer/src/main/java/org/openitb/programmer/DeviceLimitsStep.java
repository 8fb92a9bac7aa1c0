// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openitb.therapy.prescription.ValidationReport;

/** Every rate, flex step count, alarm volume and catheter length must be programmable on the pump model. */
final class DeviceLimitsStep implements SafetyStep {
  static final String NAME = "device-limits";
  private static final Set<String> VALIDATOR_STEPS = Set.of("device-rate", "flex-steps", "low-reservoir-alarm", "catheter");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> check(ProposedChange change, ValidationReport validation) {
    List<Finding> out = new ArrayList<>(FindingSteps.from(NAME, validation, VALIDATOR_STEPS));
    if (out.isEmpty()) {
      out.add(Finding.info(NAME, "prescription", "", "", "every rate, the alarm volume and the catheter fit the " + change.patient().pump().name()));
    }
    return out;
  }
}
