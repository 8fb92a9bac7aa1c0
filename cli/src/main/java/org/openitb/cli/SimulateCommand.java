// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openitb.simulator.Scenario;
import org.openitb.simulator.ScenarioLoader;
import org.openitb.simulator.SimDurations;
import org.openitb.simulator.Simulation;
import org.openitb.simulator.SimulationResult;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itb simulate}: lives through a scenario file on a virtual clock. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a scenario file on a virtual clock and summarises what the pump did.",
      "Runs a scenario (YAML, see examples/README.md): a pump's firmware on simulated hardware, implanted",
      "and filled at the scenario's start, living through refills, dose changes, patient boluses, MRI scans",
      "and injected faults on one virtual clock. Prints a summary; with --out writes timeline.csv (hourly),",
      "events.jsonl (the pump's event log) and summary.json."
    })
final class SimulateCommand implements java.util.concurrent.Callable<Integer> {
  /** Exit code of a run that finished with a problem the scenario did not expect (a pump left stopped or unprogrammed). */
  static final int RUN_FAILED = 3;
  private static final Duration DEFAULT_SPAN = Duration.ofDays(365);
  private static final int MAX_REFUSALS_SHOWN = 5;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file.")
  Path file;

  @Option(names = "--until", description = "Simulated span from the scenario start: 90d, 2y, 7y... (default: the scenario's 'until', else 1y). A year is 365 days.")
  String until;

  @Option(names = "--out", description = "Directory for timeline.csv, events.jsonl and summary.json.")
  Path out;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Option(names = "--chart", paramLabel = "PNG", description = "With --out and a scenario patient: write the patient's chart (tone, stages, tip dose, reservoir) as PNG.")
  Path chart;

  @Override
  public Integer call() {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new InvalidValueException("FILE", String.valueOf(file), "a readable scenario YAML file (see examples/)", "no such file");
    }
    Scenario scenario = new ScenarioLoader(DrugLibrary.standard()).load(file);
    if (chart != null && (out == null || scenario.patient().isEmpty())) {
      throw new InvalidValueException("--chart", chart.toString(), "with --out, for a scenario with patient: {model: ...}",
          out == null ? "the chart is drawn from the run's timeline.csv: add --out DIR" : "the scenario has no virtual patient");
    }
    Duration span = until != null ? SimDurations.parse(until, "--until") : scenario.until().orElse(DEFAULT_SPAN);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long dayMillis = Duration.ofDays(1).toMillis();
    SimulationResult result;
    try (Progress progress = Progress.onTerminal(spec.commandLine().getErr(), "simulating " + file.getFileName(), span.toDays(), "days")) {
      result = new Simulation(scenario, DrugLibrary.standard(), Optional.ofNullable(out), millis -> progress.update(millis / dayMillis))
          .run(span);
    }
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    if (chart != null) {
      PatientChart.write(out.resolve("timeline.csv"), scenario.name(), chart);
    }
    PrintWriter o = spec.commandLine().getOut();
    Map<String, Object> s = new java.util.LinkedHashMap<>(result.summary());
    s.put("cpuMillis", cpuMillis);
    int exit = reportOnStderr(spec.commandLine().getErr(), s);
    if (json) {
      Output.json(o, s);
      return exit;
    }
    o.printf("Scenario:               %s (seed %s)%n", s.get("scenario"), s.get("seed"));
    o.printf("Simulated:              %s to %s (%s days, %s events, %d ms CPU)%n", s.get("start"), s.get("end"), s.get("simulatedDays"), s.get("simulatedEvents"), cpuMillis);
    o.printf("Pumps:                  %s%n", s.get("pumps"));
    o.printf("Delivered (true):       %s mg in %s mL%n", s.get("trueDeliveredMg"), s.get("trueDeliveredMl"));
    o.printf("Delivered (believed):   %s mL%n", s.get("believedDeliveredMl"));
    o.printf("Reservoir at end:       true %s mL, believed %s mL%n", s.get("finalTrueReservoirMl"), s.get("finalBelievedReservoirMl"));
    o.printf("Mode at end:            %s %s%n", s.get("finalMode"), s.get("finalAlarms"));
    o.printf("Battery:                %s %% left; ERI %s; end of service %s%n", s.get("batteryRemainingPercent"),
        s.get("eriAt") == null ? "not reached" : s.get("eriAt"), s.get("endOfServiceAt") == null ? "not reached" : s.get("endOfServiceAt"));
    o.printf("Patient boluses:        %s requested, %s granted%n", s.get("patientBolusRequests"), s.get("patientBolusesGranted"));
    o.printf("Stalls / resets:        %s / %s (%s failed stroke attempts)%n", s.get("stalls"), s.get("resets"), s.get("failedStrokeAttempts"));
    o.printf("Interrogation required: %s%n", Boolean.TRUE.equals(s.get("interrogationRequired"))
        ? "YES (a strong field or a stall: the post-MRI check must read the pump)" : "no");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refills = (List<Map<String, Object>>) s.get("refills");
    for (Map<String, Object> r : refills) {
      o.printf("Refill %s: expected %s mL, withdrawn %s mL, discrepancy %s mL%s%n", r.get("at"), r.get("expectedMl"), r.get("withdrawnMl"),
          r.get("discrepancyMl"), Boolean.TRUE.equals(r.get("discrepancyFlagged")) ? " FLAGGED" : "");
    }
    o.printf("Alarms (%s):%n", s.get("alarmCount"));
    for (Map<String, Object> a : result.alarms()) {
      o.printf("  %s  %-28s %s%n", a.get("at"), a.get("alarm"), a.get("tone"));
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refused = (List<Map<String, Object>>) s.get("refusedCommands");
    refused.stream().limit(MAX_REFUSALS_SHOWN).forEach(r -> o.printf("Refused %s %s: %s%n", r.get("at"), r.get("command"), r.get("reason")));
    if (refused.size() > MAX_REFUSALS_SHOWN) {
      o.printf("  ... and %d more refused commands (all in summary.json)%n", refused.size() - MAX_REFUSALS_SHOWN);
    }
    if (s.get("patient") instanceof Map<?, ?> p) {
      printPatient(o, p);
    }
    if (out != null) {
      o.printf("Outputs:                %s/{timeline.csv,events.jsonl,summary.json}%s%n", out, chart == null ? "" : " and " + chart);
    }
    o.flush();
    return exit;
  }

  /** Every command the pump refused, and every problem that fails the run, one line each on stderr. */
  private static int reportOnStderr(PrintWriter err, Map<String, Object> s) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refused = (List<Map<String, Object>>) s.get("refusedCommands");
    for (Map<String, Object> r : refused) {
      err.printf("simulate: the pump refused %s at %s: %s%n", r.get("command"), r.get("at"), r.get("reason"));
    }
    @SuppressWarnings("unchecked")
    List<String> problems = (List<String>) s.get("problems");
    for (String p : problems) {
      err.printf("simulate: FAILED: %s%n", p);
    }
    err.flush();
    return problems.isEmpty() ? 0 : RUN_FAILED;
  }

  /** What the patient lived through: hours in each stage, worst stages, tone, the tone visits. */
  private static void printPatient(PrintWriter o, Map<?, ?> p) {
    o.printf("Patient:                %s %s; worst withdrawal %s, worst overdose %s%n", p.get("etiology"), p.get("age"),
        p.get("worstWithdrawal"), p.get("worstOverdose"));
    o.printf("  hours in withdrawal:  %s%n", p.get("hoursInWithdrawal"));
    o.printf("  hours in overdose:    %s%n", p.get("hoursInOverdose"));
    Map<?, ?> tone = (Map<?, ?>) p.get("tone");
    o.printf("  tone (Ashworth 0-4):  start %s, end %s, min %s, max %s, mean %s%n", tone.get("start"), tone.get("end"), tone.get("min"),
        tone.get("max"), tone.get("mean"));
    for (Object v : (List<?>) p.get("visits")) {
      Map<?, ?> visit = (Map<?, ?>) v;
      o.printf("  %s  %-12s MAS %-3s (tone %s)%s%n", visit.get("at"), visit.get("visit"), visit.get("modifiedAshworth"), visit.get("tone"),
          "NONE".equals(visit.get("withdrawal")) && "NONE".equals(visit.get("overdose")) ? ""
              : " withdrawal " + visit.get("withdrawal") + ", overdose " + visit.get("overdose"));
    }
  }
}
