// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openitb.therapy.calc.ScreeningTrial;
import org.openitb.therapy.calc.StartingDose;
import org.openitb.therapy.calc.TestDose;
import org.openitb.therapy.calc.TrialPlan;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb calc trial}: the screening-trial plan and the starting dose it leads to. */
@Command(
    name = "trial",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Screening trial: the test doses and the starting daily dose.",
      "Intrathecal test doses of 50, 75 and 100 mcg (50 mcg/mL), each at least 24 h after",
      "the previous one and only if it gave no positive response; observe 4-8 h after each dose.",
      "With --effective-dose-mcg, the starting daily dose: twice the effective dose, or equal to it when",
      "its effect lasted over 8 h (or it caused side effects). --non-responder: no response at 100 mcg."
    })
final class TrialCalc implements Runnable {
  private static final long MAX_EFFECT_HOURS = 72;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--start", required = true, description = "Pump-local date-time of the first test dose, e.g. 2026-03-02T09:00.")
  String start;

  @Option(names = "--small-patient", description = "Start with 25 mcg (small children).")
  boolean smallPatient;

  @Option(names = "--effective-dose-mcg", description = "The test dose that gave a positive response, mcg.")
  String effectiveDose;

  @Option(names = "--effect-hours", description = "How long its effect lasted, hours (1-72).")
  Integer effectHours;

  @Option(names = "--side-effects", description = "The effective dose caused side effects.")
  boolean sideEffects;

  @Option(names = "--non-responder", description = "No positive response even at 100 mcg.")
  boolean nonResponder;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public void run() {
    TrialPlan plan = ScreeningTrial.plan(Formats.dateTime(start, "--start"), smallPatient);
    StartingDose starting = null;
    if (nonResponder && effectiveDose != null) {
      throw new InvalidValueException("--non-responder", "true", "either --non-responder or --effective-dose-mcg", "contradictory outcome");
    }
    if (nonResponder) {
      starting = ScreeningTrial.nonResponder();
    } else if (effectiveDose != null) {
      if (effectHours == null || effectHours < 1 || effectHours > MAX_EFFECT_HOURS) {
        throw new InvalidValueException("--effect-hours", effectHours == null ? "(missing)" : String.valueOf(effectHours),
            "1-" + MAX_EFFECT_HOURS + " (hours)", "with --effective-dose-mcg, give how long the effective dose worked");
      }
      Mass effective = Mass.parse(effectiveDose, "--effective-dose-mcg", "mcg");
      List<Mass> given = plan.doses().stream().map(TestDose::dose).toList();
      if (!given.contains(effective)) {
        throw new InvalidValueException("--effective-dose-mcg", effectiveDose,
            "one of this trial's test doses: " + String.join(", ", given.stream().map(Object::toString).toList()),
            "not a test dose of this trial" + (smallPatient ? "" : " (25 mcg is the first dose only with --small-patient)"));
      }
      starting = ScreeningTrial.startingDose(effective, Duration.ofHours(effectHours), sideEffects);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("concentrationMcgPerMl", new BigDecimal(plan.concentration().microgramsPerMillilitre()));
      List<Map<String, Object>> doses = plan.doses().stream().map(TrialCalc::dose).toList();
      m.put("doses", doses);
      if (starting != null) {
        m.put("startingOutcome", starting.outcome().name());
        m.put("startingDoseMcgPerDay", starting.dailyDose().map(r -> new BigDecimal(r.microgramsPerDay())).orElse(null));
        m.put("startingReason", starting.reason());
      }
      Output.json(out, m);
      return;
    }
    out.printf("Screening trial at %s:%n", plan.concentration());
    for (TestDose d : plan.doses()) {
      out.printf("  %d. %s (%s) from %s, observe %s to %s - %s%n", d.number(), d.dose(), d.volume(),
          Formats.minute(d.earliestAt()), Formats.minute(d.observeFrom()), Formats.minute(d.observeUntil()), d.condition());
    }
    if (starting != null) {
      out.printf("Starting dose: %s - %s%n", starting.dailyDose().map(Object::toString).orElse("none"), starting.reason());
    }
    out.flush();
  }

  private static Map<String, Object> dose(TestDose d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", d.number());
    m.put("doseMcg", new BigDecimal(d.dose().micrograms()));
    m.put("volumeMl", Formats.ml(d.volume()));
    m.put("earliestAt", Formats.minute(d.earliestAt()));
    m.put("observeFrom", Formats.minute(d.observeFrom()));
    m.put("observeUntil", Formats.minute(d.observeUntil()));
    m.put("condition", d.condition());
    return m;
  }
}
