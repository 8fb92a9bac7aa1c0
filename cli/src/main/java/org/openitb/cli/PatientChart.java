// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a simulated patient beside the pump, from a run's timeline.csv: tone (Ashworth
 * 0-4), withdrawal and overdose stages (0 none to 3 severe or coma) on the left axis, the true
 * drug dose reaching the catheter tip (mcg/day) and the true reservoir volume (mL) on the right.
 */
final class PatientChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 450;

  private PatientChart() {}

  static void write(Path timeline, String title, Path png) {
    List<String> lines;
    try {
      lines = Files.readAllLines(timeline);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + timeline + ": " + e.getMessage(), e);
    }
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int at = header.indexOf("at");
    int tip = header.indexOf("tipMcgPerHour");
    int tone = header.indexOf("tone");
    int wd = header.indexOf("withdrawal");
    int od = header.indexOf("overdose");
    int reservoir = header.indexOf("trueReservoirMl");
    if (tip < 0) {
      throw new IllegalArgumentException("the scenario has no patient (patient: {model: typical}): nothing to chart");
    }
    int n = lines.size() - 1;
    double[] x = new double[n];
    double[] toneY = new double[n];
    double[] wdY = new double[n];
    double[] odY = new double[n];
    double[] tipY = new double[n];
    double[] resY = new double[n];
    LocalDateTime start = null;
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",", -1);
      LocalDateTime t = LocalDateTime.parse(f[at]);
      if (start == null) {
        start = t;
      }
      x[i] = Duration.between(start, t).toMinutes() / 1440.0;
      toneY[i] = Double.parseDouble(f[tone]);
      wdY[i] = stage(f[wd]);
      odY[i] = stage(f[od]);
      tipY[i] = Double.parseDouble(f[tip]) * 24;
      resY[i] = Double.parseDouble(f[reservoir]);
    }
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("days").yAxisTitle("tone / stage").build();
    c.getStyler().setYAxisMin(0, 0.0);
    c.getStyler().setYAxisMax(0, 4.2);
    c.getStyler().setYAxisMin(1, 0.0);
    c.getStyler().setMarkerSize(0);
    c.setYAxisGroupTitle(1, "tip dose mcg/day, reservoir mL");
    List<XYSeries> series = new ArrayList<>();
    series.add(c.addSeries("tone (Ashworth)", x, toneY));
    series.add(c.addSeries("withdrawal stage", x, wdY));
    series.add(c.addSeries("overdose stage", x, odY));
    XYSeries dose = c.addSeries("tip dose (mcg/day)", x, tipY);
    dose.setYAxisGroup(1);
    series.add(dose);
    XYSeries res = c.addSeries("true reservoir (mL)", x, resY);
    res.setYAxisGroup(1);
    series.add(res);
    for (XYSeries s : series) {
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
    }
    try {
      if (png.getParent() != null) {
        Files.createDirectories(png.getParent());
      }
      BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  /** NONE 0, then 1, 2, 3 in order of severity (the enums' declaration order). */
  private static double stage(String name) {
    return switch (name) {
      case "MILD", "SOMNOLENCE" -> 1;
      case "MODERATE", "RESPIRATORY_DEPRESSION" -> 2;
      case "SEVERE", "COMA" -> 3;
      default -> 0;
    };
  }
}
