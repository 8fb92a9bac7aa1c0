// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
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
  public List<Finding> check(ProposedChange change, ValidationReport validation) {
    DoseRate proposed = DailyDose.of(change.proposed().prescription());
    if (change.proposed().prescription().basal() instanceof Stopped) {
      return List.of(Finding.soft(NAME, "basal program", "Stopped", "a running basal program, or a second person's confirmation",
          "delivers no basal drug; abrupt withdrawal of intrathecal baclofen is dangerous, a second person must confirm"));
    }
    DoseRate current = change.current().map(t -> DailyDose.of(t.prescription())).orElse(DoseRate.ZERO);
    if (current.isZero()) {
      return List.of(Finding.info(NAME, "daily dose", proposed.toString(), "",
          "a start from no delivery; the guardrail applies to later increases"));
    }
    TitrationCheck t = TitrationGuardrail.check(change.proposed().prescription().drug(), change.patient().etiology(),
        current, proposed, change.patient().lastIncrease(), change.pumpLocalNow());
    String reason = current + " -> " + proposed + " (" + t.changePercentDisplay() + " %): " + t.reason();
    Finding.Severity severity = switch (t.verdict()) {
      case ABOVE_HARD_MAXIMUM -> Finding.Severity.HARD;
      case ABOVE_MAXIMUM_STEP, TOO_SOON_AFTER_LAST_INCREASE -> Finding.Severity.SOFT;
      case WITHIN_GUARDRAIL, BELOW_MINIMUM_STEP, DECREASE, NO_CHANGE -> Finding.Severity.INFO;
    };
    return List.of(new Finding(NAME, severity, "daily dose", proposed.toString(), "an increase to " + t.allowedMin() + " - " + t.allowedMax() + ", or a decrease", reason));
  }
}
