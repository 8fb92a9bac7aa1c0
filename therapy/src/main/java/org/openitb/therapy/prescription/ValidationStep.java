// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

/** One named link of the validation chain. Steps never throw for a bad prescription: they report. */
interface ValidationStep {
  String name();

  void check(Prescription prescription, ValidationContext context, Findings out);
}
