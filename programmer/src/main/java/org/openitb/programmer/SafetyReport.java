// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.List;
import java.util.stream.Collectors;
import org.openitb.therapy.prescription.Finding;

/**
 * Every finding of the safety chain in chain order, each naming its step, the field, the value and
 * what is allowed (therapy's {@link Finding}, the one model of a safety finding). A HARD finding
 * refuses the change, a SOFT one needs a second person, an INFO one records what passed.
 * Guarantees: {@link #refused()} exactly when a finding is HARD; {@link #secondPersonRequired()}
 * exactly when one is SOFT.
 */
public record SafetyReport(List<Finding> checks) {
  public SafetyReport {
    checks = List.copyOf(checks);
  }

  public boolean refused() {
    return checks.stream().anyMatch(c -> c.severity() == Finding.Severity.HARD);
  }

  public boolean secondPersonRequired() {
    return checks.stream().anyMatch(c -> c.severity() == Finding.Severity.SOFT);
  }

  public List<Finding> refusals() {
    return of(Finding.Severity.HARD);
  }

  public List<Finding> secondPersonReasons() {
    return of(Finding.Severity.SOFT);
  }

  public List<Finding> of(Finding.Severity severity) {
    return checks.stream().filter(c -> c.severity() == severity).toList();
  }

  /** The messages of {@code findings} joined with "; ", as shown to the operator. */
  static String messages(List<Finding> findings) {
    return findings.stream().map(Finding::message).collect(Collectors.joining("; "));
  }

  /**
   * What the chain decided on one finding, as session records and the clinic name it (a stored form:
   * explicit names, never the enum's): REFUSE for HARD, SECOND_PERSON for SOFT, PASS for INFO.
   */
  public static String verdict(Finding f) {
    return switch (f.severity()) {
      case HARD -> "REFUSE";
      case SOFT -> "SECOND_PERSON";
      case INFO -> "PASS";
    };
  }

  /** "VERDICT [step] message", one line per finding. */
  public static String line(Finding f) {
    return verdict(f) + " [" + f.step() + "] " + f.message();
  }

  @Override
  public String toString() {
    return checks.stream().map(SafetyReport::line).collect(Collectors.joining("\n"));
  }
}
