// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.openitb.clinic.store.Rows;

/** Charts of dose, reservoir volume and battery charge over time (XChart, headless), as PNG or SVG. */
@SuppressWarnings("JavaUtilDate") // XChart's time axis takes java.util.Date; nothing else here uses it
public final class Charts {
  static final int WIDTH = 800;
  static final int HEIGHT = 400;
  static final long NG_PER_MCG = 1000;
  static final long NL_PER_ML = 1_000_000;
  /** Response header carrying the chart's title. */
  public static final String TITLE_HEADER = "X-Chart-Title";
  /** The battery chart's title when no interrogation with a battery reading is stored. */
  public static final String NO_BATTERY_DATA = "Battery: no data (no pump interrogation with a battery reading is stored for this patient)";
  private final Jdbi jdbi;

  public Charts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Which chart. */
  public enum Kind {
    DOSE,
    RESERVOIR,
    BATTERY
  }

  /** Which image format. */
  public enum Format {
    PNG,
    SVG
  }

  /** The chart, before encoding (its title says what it shows, or that there is no data). */
  public XYChart chart(long patientId, Kind kind) {
    return switch (kind) {
      case DOSE -> dose(patientId);
      case RESERVOIR -> reservoir(patientId);
      case BATTERY -> battery(patientId);
    };
  }

  public byte[] render(XYChart chart, Format format) {
    try {
      if (format == Format.PNG) {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private XYChart dose(long patientId) {
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
        "SELECT start_at, dose_ng_per_day FROM prescription WHERE patient_id = :p ORDER BY start_at, id").bind("p", patientId).mapToMap().list());
    List<Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    Double last = null;
    for (Map<String, Object> r : rows) {
      Date at = date(Rows.dateTime(r.get("start_at")));
      if (last != null) {
        x.add(at);
        y.add(last);
      }
      last = mcg(Rows.num(r.get("dose_ng_per_day")));
      x.add(at);
      y.add(last);
    }
    return chart("Daily dose", "mcg/day", "dose", x, y);
  }

  private XYChart reservoir(long patientId) {
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
        "SELECT at, withdrawn_nl, fill_nl FROM refill WHERE patient_id = :p ORDER BY at, id").bind("p", patientId).mapToMap().list());
    List<Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Date at = date(Rows.dateTime(r.get("at")));
      x.add(at);
      y.add(ml(Rows.num(r.get("withdrawn_nl"))));
      x.add(at);
      y.add(ml(Rows.num(r.get("fill_nl"))));
    }
    return chart("Reservoir volume (withdrawn, then filled, at each refill)", "mL", "reservoir", x, y);
  }

  /**
   * Battery percent per pump (one line per serial, so a replacement starts a new line) from the
   * stored interrogations, with each ERI date as a vertical line. With no readings the title says
   * so, rather than drawing an empty frame that could be read as "no problem".
   */
  private XYChart battery(long patientId) {
    BatteryHistory history = new BatteryHistory(jdbi);
    List<BatteryHistory.Reading> readings = history.readings(patientId);
    List<BatteryHistory.Eri> eris = history.eriDates(patientId);
    String title;
    if (readings.isEmpty()) {
      title = NO_BATTERY_DATA;
    } else {
      BatteryHistory.Reading last = readings.get(readings.size() - 1);
      title = "Battery (pump interrogations): last " + last.percent() + "% " + last.state() + " on " + last.at().toLocalDate();
    }
    if (!eris.isEmpty()) {
      BatteryHistory.Eri e = eris.get(eris.size() - 1);
      title += "; ERI " + e.date() + (e.endOfService() == null ? "" : ", end of service " + e.endOfService());
    }
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("date").yAxisTitle("battery %").build();
    c.getStyler().setDatePattern("yyyy-MM");
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax((double) BatteryHistory.MAX_PERCENT);
    Map<String, List<BatteryHistory.Reading>> bySerial = new java.util.LinkedHashMap<>();
    readings.forEach(r -> bySerial.computeIfAbsent(r.pumpSerial(), k -> new ArrayList<>()).add(r));
    bySerial.forEach((serial, rs) -> c.addSeries("battery " + (serial.isEmpty() ? "(unknown pump)" : serial),
            rs.stream().map(r -> date(r.at())).toList(), rs.stream().map(r -> (double) r.percent()).toList())
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line));
    for (BatteryHistory.Eri e : eris) {
      Date d = date(e.date().atStartOfDay());
      c.addSeries("ERI " + e.date(), List.of(d, d), List.of(0.0, (double) BatteryHistory.MAX_PERCENT))
          .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    if (c.getSeriesMap().isEmpty()) {
      c.getStyler().setLegendVisible(false);
      c.addSeries("battery", List.of(new Date(0)), List.of(0.0)).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    return c;
  }

  private static XYChart chart(String title, String unit, String series, List<Date> x, List<Double> y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("date").yAxisTitle(unit).build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setDatePattern("yyyy-MM");
    if (x.isEmpty()) {
      x = List.of(new Date(0));
      y = List.of(0.0);
    }
    c.addSeries(series, x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    return c;
  }

  private static Date date(LocalDateTime t) {
    return Date.from(t.toInstant(ZoneOffset.UTC));
  }

  private static double mcg(long ng) {
    return BigDecimal.valueOf(ng).divide(BigDecimal.valueOf(NG_PER_MCG), 3, RoundingMode.HALF_UP).doubleValue();
  }

  private static double ml(long nl) {
    return BigDecimal.valueOf(nl).divide(BigDecimal.valueOf(NL_PER_ML), 3, RoundingMode.HALF_UP).doubleValue();
  }
}
