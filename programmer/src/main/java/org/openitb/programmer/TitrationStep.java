// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.List;
import org.openitb.therapy.calc.TitrationCheck;
import org.openitb.therapy.calc.TitrationGuardrail;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.prescription.ValidationReport;
import org.openitb.therapy.units.DoseRate;

/**
 * The daily total against the drug library's titration guardrail (therapy {@link TitrationGuardrail}):
 * an increase larger than the guardrail or sooner than its interval needs a second person; a
 * start from zero or a stop is reported, and a stop needs a second person.
 */
final class TitrationStep implements SafetyStep {
  static final String NAME = "titration-guardrail";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SafetyCheck> check(ProposedChange change, ValidationReport validation) {
    DoseRate proposed = DailyDose.of(change.proposed().prescription());
    if (change.proposed().prescription().basal() instanceof Stopped) {
      return List.of(new SafetyCheck(NAME, SafetyCheck.Verdict.SECOND_PERSON,
          "basal program: Stopped delivers no basal drug; abrupt withdrawal of intrathecal baclofen is dangerous, a second person must confirm"));
    }
    DoseRate current = change.current().map(t -> DailyDose.of(t.prescription())).orElse(DoseRate.ZERO);
    if (current.isZero()) {
      return List.of(new SafetyCheck(NAME, SafetyCheck.Verdict.PASS,
          "daily dose: a start at " + proposed + " from no delivery; the guardrail applies to later increases"));
    }
    TitrationCheck t = TitrationGuardrail.check(change.proposed().prescription().drug(), change.patient().etiology(),
        current, proposed, change.patient().lastIncrease(), change.pumpLocalNow());
    String reason = "daily dose " + current + " -> " + proposed + " (" + t.changePercentDisplay() + " %): " + t.reason();
    SafetyCheck.Verdict verdict = switch (t.verdict()) {
      case ABOVE_HARD_MAXIMUM -> SafetyCheck.Verdict.REFUSE;
      case ABOVE_MAXIMUM_STEP, TOO_SOON_AFTER_LAST_INCREASE -> SafetyCheck.Verdict.SECOND_PERSON;
      case WITHIN_GUARDRAIL, BELOW_MINIMUM_STEP, DECREASE, NO_CHANGE -> SafetyCheck.Verdict.PASS;
    };
    return List.of(new SafetyCheck(NAME, verdict, reason));
  }
}
