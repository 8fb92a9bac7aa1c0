// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.util.List;
import org.openitb.therapy.prescription.ValidationReport;

/** One named link of the {@link SafetyChain}: reports at least one check, never throws for a bad proposal. */
interface SafetyStep {
  String name();

  List<Finding> check(ProposedChange change, ValidationReport validation);
}
