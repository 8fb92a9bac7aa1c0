// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every check of the safety chain in chain order. Guarantees: {@link #refused()} exactly when a
 * check is REFUSE; {@link #secondPersonRequired()} exactly when a check is SECOND_PERSON.
 */
public record SafetyReport(List<SafetyCheck> checks) {
  public SafetyReport {
    checks = List.copyOf(checks);
  }

  public boolean refused() {
    return checks.stream().anyMatch(c -> c.verdict() == SafetyCheck.Verdict.REFUSE);
  }

  public boolean secondPersonRequired() {
    return checks.stream().anyMatch(c -> c.verdict() == SafetyCheck.Verdict.SECOND_PERSON);
  }

  public List<SafetyCheck> refusals() {
    return of(SafetyCheck.Verdict.REFUSE);
  }

  public List<SafetyCheck> secondPersonReasons() {
    return of(SafetyCheck.Verdict.SECOND_PERSON);
  }

  public List<SafetyCheck> of(SafetyCheck.Verdict verdict) {
    return checks.stream().filter(c -> c.verdict() == verdict).toList();
  }

  @Override
  public String toString() {
    return checks.stream().map(SafetyCheck::toString).collect(Collectors.joining("\n"));
  }
}
