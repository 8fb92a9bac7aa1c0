// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.openitb.hardware.HardwareParameters;
import org.openitb.simulator.bench.GravimetricBench;
import org.openitb.simulator.bench.TrumpetAnalysis;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.VolumeRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb verify}: verification benches run on the simulated pump. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verification benches on the simulated pump (delivery accuracy).",
    subcommands = {VerifyCommand.Accuracy.class})
final class VerifyCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code itb verify accuracy}: the IEC 60601-2-24 gravimetric test, start-up and trumpet curves. */
  @Command(
      name = "accuracy",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Measures delivery accuracy like a real pump (IEC 60601-2-24).",
        "The real firmware on the simulated hardware delivers a programmed rate into a beaker on a balance",
        "read every 30 s. Prints the overall error A (after the first hour) and the trumpet curve: Ep(max)",
        "and Ep(min) for the standard 2/5/11/19/31 min windows and for windows of whole stroke periods;",
        "with --out writes startup.csv, trumpet.csv, startup.png, trumpet.png and summary.json."
      })
  static final class Accuracy implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", defaultValue = "0.5", description = "Programmed rate, mL/day (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--hours", defaultValue = "24", description = "Test duration, 24 to 168 hours (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--pump-model", defaultValue = "ITB-20", description = "ITB-20 or ITB-40 (default ${DEFAULT-VALUE}).")
    String pumpModel;

    @Option(names = "--accuracy", defaultValue = "typical", description = "The hardware accuracy model: typical or exact (default ${DEFAULT-VALUE}).")
    String accuracy;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the pump's bias and stroke noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Directory for the CSV files, the PNG charts and summary.json.")
    Path out;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public void run() {
      VolumeRate r = VolumeRate.parse(rate, "--rate", "mL/day");
      PumpModel model = PumpModels.byName(pumpModel);
      HardwareParameters.Accuracy a = switch (accuracy.trim().toLowerCase(Locale.ROOT)) {
        case "typical" -> HardwareParameters.Accuracy.TYPICAL;
        case "exact" -> HardwareParameters.Accuracy.EXACT;
        default -> throw new InvalidValueException("--accuracy", accuracy, "typical, exact", "unknown accuracy model");
      };
      if (hours < 24 || hours > 168) {
        throw new InvalidValueException("--hours", String.valueOf(hours), "24 to 168", "test duration out of range");
      }
      TrumpetAnalysis.Result result = TrumpetAnalysis.analyse(GravimetricBench.run(model, a, seed, r, Duration.ofHours(hours)));
      Map<String, Object> summary = summary(result);
      PrintWriter o = spec.commandLine().getOut();
      if (out != null) {
        write(result, summary, out);
      }
      if (json) {
        Output.json(o, summary);
        return;
      }
      o.printf("Gravimetric test: %s at %s mL/day (%s mL/h), %d h, balance every 30 s, accuracy model %s, seed %d%n",
          model.name(), r.millilitresPerDay(), result.programmedMlPerHour().stripTrailingZeros().toPlainString(), hours, accuracy, seed);
      o.printf("Stroke period: %s s; start-up period T1: first hour; analysis period T2: hour 1 to %d%n",
          BigDecimal.valueOf(result.strokePeriod().toMillis(), 3).stripTrailingZeros().toPlainString(), hours);
      o.printf("Overall error A: %s %%%n", result.overallErrorPercent().toPlainString());
      o.println("Trumpet curve (window, kind, positions, Ep(max) %, Ep(min) %):");
      for (TrumpetAnalysis.Window w : result.windows()) {
        o.printf("  %8s  %-18s %6d  %9s  %9s%n", minutes(w.length()), w.strokeMultiple() ? w.strokes() + " strokes" : "standard",
            w.positions(), w.epMaxPercent().toPlainString(), w.epMinPercent().toPlainString());
      }
      if (out != null) {
        o.printf("Outputs: %s/{startup.csv,trumpet.csv,startup.png,trumpet.png,summary.json}%n", out);
      }
      o.flush();
    }

    private static String minutes(Duration d) {
      return BigDecimal.valueOf(d.toSeconds(), 0).divide(BigDecimal.valueOf(60), 1, java.math.RoundingMode.HALF_UP).toPlainString() + " min";
    }

    private static Map<String, Object> summary(TrumpetAnalysis.Result r) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pumpModel", r.trace().model());
      m.put("seed", r.trace().seed());
      m.put("rateMlPerHour", r.programmedMlPerHour());
      m.put("hours", r.trace().duration().toHours());
      m.put("sampleSeconds", GravimetricBench.SAMPLE_INTERVAL.toSeconds());
      m.put("strokePeriodSeconds", BigDecimal.valueOf(r.strokePeriod().toMillis(), 3));
      m.put("overallErrorPercent", r.overallErrorPercent());
      List<Map<String, Object>> windows = new ArrayList<>();
      for (TrumpetAnalysis.Window w : r.windows()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("windowMinutes", BigDecimal.valueOf(w.length().toSeconds()).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP));
        x.put("strokeMultiple", w.strokeMultiple());
        x.put("strokes", w.strokes());
        x.put("positions", w.positions());
        x.put("epMaxPercent", w.epMaxPercent());
        x.put("epMinPercent", w.epMinPercent());
        windows.add(x);
      }
      m.put("windows", windows);
      return m;
    }

    private static void write(TrumpetAnalysis.Result r, Map<String, Object> summary, Path dir) {
      try {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("minutes,flowMlPerHour\n");
        for (TrumpetAnalysis.FlowPoint p : r.startup()) {
          s.append(BigDecimal.valueOf(p.at().toSeconds()).divide(BigDecimal.valueOf(60), 1, java.math.RoundingMode.HALF_UP)).append(',')
              .append(p.flowMlPerHour().toPlainString()).append('\n');
        }
        Files.writeString(dir.resolve("startup.csv"), s);
        StringBuilder t = new StringBuilder("windowMinutes,strokeMultiple,strokes,positions,epMaxPercent,epMinPercent\n");
        for (TrumpetAnalysis.Window w : r.windows()) {
          t.append(BigDecimal.valueOf(w.length().toSeconds()).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)).append(',')
              .append(w.strokeMultiple()).append(',').append(w.strokes()).append(',').append(w.positions()).append(',')
              .append(w.epMaxPercent().toPlainString()).append(',').append(w.epMinPercent().toPlainString()).append('\n');
        }
        Files.writeString(dir.resolve("trumpet.csv"), t);
        Files.writeString(dir.resolve("summary.json"), Output.jsonString(summary) + "\n");
        Files.write(dir.resolve("startup.png"), BitmapEncoder.getBitmapBytes(startupChart(r), BitmapEncoder.BitmapFormat.PNG));
        Files.write(dir.resolve("trumpet.png"), BitmapEncoder.getBitmapBytes(trumpetChart(r), BitmapEncoder.BitmapFormat.PNG));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
      }
    }

    private static XYChart startupChart(TrumpetAnalysis.Result r) {
      XYChart c = new XYChartBuilder().width(800).height(400)
          .title("Start-up graph: flow per 30 s sample, first hour (" + r.programmedMlPerHour().stripTrailingZeros().toPlainString() + " mL/h set)")
          .xAxisTitle("time (min)").yAxisTitle("Q_i (mL/h)").build();
      double[] x = r.startup().stream().mapToDouble(p -> p.at().toSeconds() / 60.0).toArray();
      double[] y = r.startup().stream().mapToDouble(p -> p.flowMlPerHour().doubleValue()).toArray();
      c.addSeries("Q_i", x, y).setMarker(SeriesMarkers.NONE);
      double set = r.programmedMlPerHour().doubleValue();
      c.addSeries("set rate", new double[] {x[0], x[x.length - 1]}, new double[] {set, set}).setMarker(SeriesMarkers.NONE);
      return c;
    }

    private static XYChart trumpetChart(TrumpetAnalysis.Result r) {
      XYChart c = new XYChartBuilder().width(800).height(400)
          .title("Trumpet curve (" + r.programmedMlPerHour().stripTrailingZeros().toPlainString() + " mL/h; A = "
              + r.overallErrorPercent().toPlainString() + " %)")
          .xAxisTitle("observation window (min, log)").yAxisTitle("error (%)").build();
      c.getStyler().setXAxisLogarithmic(true);
      List<TrumpetAnalysis.Window> strokes = r.windows().stream().filter(TrumpetAnalysis.Window::strokeMultiple).toList();
      List<TrumpetAnalysis.Window> standard = r.windows().stream().filter(w -> !w.strokeMultiple()).toList();
      series(c, "Ep(max), whole stroke periods", strokes, true);
      series(c, "Ep(min), whole stroke periods", strokes, false);
      if (!standard.isEmpty()) {
        series(c, "Ep(max), standard 2-31 min", standard, true).setMarker(SeriesMarkers.DIAMOND);
        series(c, "Ep(min), standard 2-31 min", standard, false).setMarker(SeriesMarkers.DIAMOND);
      }
      double lo = r.windows().get(0).length().toSeconds() / 60.0;
      double hi = r.windows().getLast().length().toSeconds() / 60.0;
      double a = r.overallErrorPercent().doubleValue();
      c.addSeries("A", new double[] {lo, hi}, new double[] {a, a}).setMarker(SeriesMarkers.NONE);
      return c;
    }

    private static XYSeries series(XYChart c, String name, List<TrumpetAnalysis.Window> ws, boolean max) {
      double[] x = ws.stream().mapToDouble(w -> w.length().toSeconds() / 60.0).toArray();
      double[] y = ws.stream().mapToDouble(w -> (max ? w.epMaxPercent() : w.epMinPercent()).doubleValue()).toArray();
      return c.addSeries(name, x, y);
    }
  }
}
