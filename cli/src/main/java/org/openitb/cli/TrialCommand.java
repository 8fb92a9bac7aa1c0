// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.openitb.simulator.trial.ArmSummary;
import org.openitb.simulator.trial.PatientOutcome;
import org.openitb.simulator.trial.TrialRunner;
import org.openitb.simulator.trial.TrialSpec;
import org.openitb.simulator.trial.TrialSpecLoader;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itb trial}: an in-silico trial of clinic policies over a virtual population. */
@Command(
    name = "trial",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs an in-silico trial of clinic policies on a virtual population.",
      "Spec: YAML, see examples/trials/refill-policy.yaml. Every virtual patient of the",
      "population lives through each arm's clinic policy (refill buffer, bridge bolus, titration step, missed",
      "visits) with an event-level pump. Writes outcomes.csv (one row per patient and arm), summary.csv",
      "(means with 95 % confidence intervals per arm) and a PNG chart per outcome. Results are identical",
      "for any --threads."
    })
final class TrialCommand implements Runnable {
  /** The outcomes charted, each as a bar per arm with its 95 % interval. */
  static final List<String> CHARTED = List.of("withdrawalDays", "overdoseDays", "pumpStoppedDays", "alarms", "visits",
      "doseAtOneYearMcgPerDay");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Trial spec YAML file.")
  Path file;

  @Option(names = "--patients", description = "Patients per arm (default: the spec's).")
  Integer patients;

  @Option(names = "--seed", description = "Cohort seed (default: the spec's).")
  Long seed;

  @Option(names = "--threads", description = "Worker threads (default: the available processors). Results do not depend on it.")
  Integer threads;

  @Option(names = "--out", required = true, description = "Directory for outcomes.csv, summary.csv and the charts.")
  Path out;

  @Override
  public void run() {
    if (!Files.isRegularFile(file)) {
      throw new InvalidValueException("SPEC", String.valueOf(file), "a readable trial YAML file (see examples/)", "no such file");
    }
    TrialSpec trial = TrialSpecLoader.load(file);
    if (patients != null) {
      trial = trial.withPatients(patients);
    }
    if (seed != null) {
      trial = trial.withSeed(seed);
    }
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PrintWriter err = spec.commandLine().getErr();
    long total = (long) trial.patients() * trial.arms().size();
    long started = System.nanoTime();
    List<List<PatientOutcome>> outcomes;
    try (Progress progress = Progress.onTerminal(err, "trial " + trial.name(), total, "patient runs")) {
      outcomes = TrialRunner.run(trial, t, progress::update);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<ArmSummary> summaries = new ArrayList<>();
    for (int i = 0; i < trial.arms().size(); i++) {
      summaries.add(ArmSummary.of(trial.arms().get(i).name(), outcomes.get(i)));
    }
    try {
      Files.createDirectories(out);
      List<String> rows = new ArrayList<>();
      rows.add(String.join(",", PatientOutcome.COLUMNS));
      outcomes.forEach(arm -> arm.forEach(o -> rows.add(o.csvRow())));
      Files.write(out.resolve("outcomes.csv"), rows);
      Files.write(out.resolve("summary.csv"), ArmSummary.csv(summaries));
      for (String measure : CHARTED) {
        chart(trial, summaries, measure, out.resolve(measure + ".png"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trial outputs to " + out + ": " + e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("%s: %d patients x %d arms, %d years each (seed %d), %.1f s on %d threads%n", trial.name(), trial.patients(),
        trial.arms().size(), trial.years(), trial.seed(), seconds, t);
    for (ArmSummary s : summaries) {
      o.printf("  %s%n", s.arm());
      for (Map.Entry<String, ArmSummary.Estimate> e : s.outcomes().entrySet()) {
        o.printf(java.util.Locale.ROOT, "    %-32s %10.3f  (95 %% CI %.3f to %.3f)%n", e.getKey(), e.getValue().mean(),
            e.getValue().low(), e.getValue().high());
      }
    }
    o.printf("outputs in %s: outcomes.csv, summary.csv, %s%n", out, String.join(", ", CHARTED.stream().map(m -> m + ".png").toList()));
    o.flush();
  }

  private static void chart(TrialSpec trial, List<ArmSummary> summaries, String measure, Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(480).title(trial.name() + ": " + measure)
        .xAxisTitle("arm").yAxisTitle(measure + " (mean, 95 % CI)").build();
    chart.getStyler().setLegendVisible(false);
    List<String> arms = summaries.stream().map(ArmSummary::arm).toList();
    List<Double> means = summaries.stream().map(s -> s.outcomes().get(measure).mean()).toList();
    List<Double> errors = summaries.stream().map(s -> s.outcomes().get(measure).high() - s.outcomes().get(measure).mean()).toList();
    chart.addSeries(measure, arms, means, errors);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
