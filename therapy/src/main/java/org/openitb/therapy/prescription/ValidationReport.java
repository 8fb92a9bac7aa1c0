// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The findings of every validation step, in chain order then in the order each step found them.
 * Guarantees: {@link #isRefused()} exactly when some finding is HARD; {@link
 * #requiresConfirmation()} exactly when some finding is SOFT.
 */
public record ValidationReport(List<Finding> findings) {
  public ValidationReport {
    findings = List.copyOf(findings);
  }

  /** True when at least one finding refuses the prescription. */
  public boolean isRefused() {
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.HARD);
  }

  /** True when at least one finding needs a recorded confirmation before programming. */
  public boolean requiresConfirmation() {
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.SOFT);
  }

  /** The HARD findings, in order. */
  public List<Finding> refusals() {
    return of(Finding.Severity.HARD);
  }

  /** The SOFT findings, in order. */
  public List<Finding> confirmations() {
    return of(Finding.Severity.SOFT);
  }

  /** The findings of one severity, in order. */
  public List<Finding> of(Finding.Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  /** One finding per line. */
  @Override
  public String toString() {
    return findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
  }
}
