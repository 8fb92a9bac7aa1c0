// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import org.openitb.therapy.prescription.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.ValidationReport;
import org.openitb.therapy.units.DoseRate;

/**
 * Catches the per-hour-for-per-day error (ISMP: a morning step meant as 60 mcg/day programmed so
 * that it delivered 60 mcg every hour). Every rate is a 24 h total; a step rate above the hard
 * daily maximum is refused by the validator, and a step rate more than {@value #PER_HOUR_SUSPICION_FACTOR}
 * times the highest rate of the running therapy is refused here: such a jump is far likelier an
 * hourly figure typed into a daily field (or x24 arithmetic) than a titration, and a short step
 * can hide it from the daily-total guardrail.
 */
final class UnitPlausibilityStep implements SafetyStep {
  static final String NAME = "unit-plausibility";
  /** A new step rate more than this multiple of the running therapy's highest rate is refused as a likely unit error. */
  static final long PER_HOUR_SUSPICION_FACTOR = 3;
  private static final long HOURS_PER_DAY = 24;
  private static final Set<String> VALIDATOR_STEPS = Set.of("unit-plausibility");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> check(ProposedChange change, ValidationReport validation) {
    List<Finding> out = new ArrayList<>(FindingSteps.from(NAME, validation, VALIDATOR_STEPS));
    if (change.current().isPresent()) {
      Therapy current = change.current().get();
      DoseRate highest = DailyDose.highestStep(current.prescription());
      if (!highest.isZero()) {
        long limit = Math.multiplyExact(highest.nanogramsPerDay(), PER_HOUR_SUSPICION_FACTOR);
        for (FlexStep step : change.proposed().prescription().basal().asFlexSchedule().steps()) {
          if (step.rate().nanogramsPerDay() > limit) {
            String field = change.proposed().prescription().basal() instanceof FlexSchedule ? "flex step " + step.start() + " rate" : "dose";
            out.add(Finding.hard(NAME, field, step.rate().toString(),
                "<= " + new DoseRate(limit) + " (" + PER_HOUR_SUSPICION_FACTOR + " x the highest rate now running, " + highest + ")",
                "looks like a per-hour figure in a per-day field (" + step.rate() + " is "
                + new DoseRate(step.rate().nanogramsPerDay() / HOURS_PER_DAY).microgramsPerDay()
                + " mcg every hour); enter the 24 h total in mcg/day, and raise doses in guardrail-sized steps"));
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add(Finding.info(NAME, "rates", "", "", "every rate is a plausible 24 h total"));
    }
    return out;
  }
}
