// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The outcomes of one arm as means with 95 % confidence intervals (normal approximation: mean ±
 * 1.96 standard errors; the cohort sizes a trial runs make it adequate, and it is what the CSV
 * states). Sums are taken in patient id order, so a summary is identical for any thread count.
 */
public record ArmSummary(String arm, int patients, Map<String, Estimate> outcomes) {
  static final double Z95 = 1.959963984540054;

  /** A mean and its 95 % interval. */
  public record Estimate(double mean, double low, double high) {}

  /** The outcomes summarised, in CSV order: patient-days (not hours) for the stages. */
  public static final Map<String, ToDoubleFunction<PatientOutcome>> MEASURES = measures();

  private static Map<String, ToDoubleFunction<PatientOutcome>> measures() {
    Map<String, ToDoubleFunction<PatientOutcome>> m = new LinkedHashMap<>();
    m.put("withdrawalDays", o -> o.withdrawalHours()[0] / 24);
    m.put("moderateOrSevereWithdrawalDays", o -> o.withdrawalHours()[1] / 24);
    m.put("overdoseDays", o -> o.overdoseHours()[0] / 24);
    m.put("respiratoryDepressionOrComaDays", o -> o.overdoseHours()[1] / 24);
    m.put("pumpStoppedDays", o -> o.stoppedHours() / 24);
    m.put("alarms", PatientOutcome::alarms);
    m.put("criticalAlarms", PatientOutcome::criticalAlarms);
    m.put("visits", PatientOutcome::visits);
    m.put("missedVisits", PatientOutcome::missedVisits);
    m.put("doseAtOneYearMcgPerDay", PatientOutcome::doseAtOneYear);
    m.put("toneAtOneYear", PatientOutcome::toneAtOneYear);
    return java.util.Collections.unmodifiableMap(m);
  }

  public static ArmSummary of(String arm, List<PatientOutcome> outcomes) {
    Map<String, Estimate> m = new LinkedHashMap<>();
    MEASURES.forEach((name, f) -> m.put(name, estimate(outcomes, f)));
    return new ArmSummary(arm, outcomes.size(), m);
  }

  static Estimate estimate(List<PatientOutcome> outcomes, ToDoubleFunction<PatientOutcome> f) {
    int n = outcomes.size();
    double sum = 0;
    for (PatientOutcome o : outcomes) {
      sum += f.applyAsDouble(o);
    }
    double mean = sum / n;
    double ss = 0;
    for (PatientOutcome o : outcomes) {
      double d = f.applyAsDouble(o) - mean;
      ss += d * d;
    }
    double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
    return new Estimate(mean, mean - Z95 * se, mean + Z95 * se);
  }

  /** CSV lines (header first): arm, measure, mean, low, high. */
  public static List<String> csv(List<ArmSummary> summaries) {
    List<String> lines = new ArrayList<>();
    lines.add("arm,patients,measure,mean,ci95Low,ci95High");
    for (ArmSummary s : summaries) {
      s.outcomes.forEach((k, e) -> lines.add(String.join(",", PatientOutcome.csv(s.arm), Integer.toString(s.patients), k,
          PatientOutcome.fixed(e.mean()), PatientOutcome.fixed(e.low()), PatientOutcome.fixed(e.high()))));
    }
    return lines;
  }
}
