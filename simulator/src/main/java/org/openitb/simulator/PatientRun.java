// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.openitb.physiology.AshworthGrade;
import org.openitb.physiology.OverdoseStage;
import org.openitb.physiology.Patient;
import org.openitb.physiology.PatientListener;
import org.openitb.physiology.PatientState;
import org.openitb.physiology.WithdrawalStage;

/**
 * The scenario's patient living beside the pump: driven by the pump's true tip delivery (the
 * running total of drug that reached the spinal fluid), never by the firmware's belief.
 *
 * <p>No per-stroke work: the simulator calls {@link #flush} at the instants it already visits
 * (hourly timeline rows, scenario events, the pump's own log entries such as bolus start and end),
 * and the mass delivered since the previous flush enters as an even rate over that window. Stroke
 * intervals are minutes while the tip region clears in hours, so the ripple lost is negligible.
 * The patient's next stage change is scheduled on the one clock ({@link #nextCheckMillis}).
 */
final class PatientRun implements PatientListener {
  /** Stage changes kept in the summary (the totals count all of them). */
  static final int MAX_CHANGES_LISTED = 500;

  private final Patient patient;
  private final LongFunction<LocalDateTime> localAt;
  private long lastMillis;
  private long lastNanograms;
  private long lastSampleMillis;
  private long lastSampleNanograms;
  private long stageSince;
  private final Map<WithdrawalStage, Long> withdrawalMillis = new EnumMap<>(WithdrawalStage.class);
  private final Map<OverdoseStage, Long> overdoseMillis = new EnumMap<>(OverdoseStage.class);
  private final List<Map<String, Object>> changes = new ArrayList<>();
  private final List<Map<String, Object>> visits = new ArrayList<>();
  private final List<Map<String, Object>> monthlyTone = new ArrayList<>();
  private long changeCount;
  private WithdrawalStage withdrawal;
  private OverdoseStage overdose;
  private WithdrawalStage worstWithdrawal = WithdrawalStage.NONE;
  private OverdoseStage worstOverdose = OverdoseStage.NONE;
  private double toneMin = Double.MAX_VALUE;
  private double toneMax = -Double.MAX_VALUE;
  private double toneSum;
  private long toneSamples;
  private final double toneStart;

  PatientRun(Patient patient, long startNanograms, LongFunction<LocalDateTime> localAt) {
    this.patient = patient.listener(this);
    this.localAt = localAt;
    this.lastMillis = patient.nowMillis();
    this.lastNanograms = startNanograms;
    this.lastSampleMillis = lastMillis;
    this.lastSampleNanograms = startNanograms;
    this.stageSince = lastMillis;
    this.withdrawal = patient.withdrawalStage();
    this.overdose = patient.overdoseStage();
    this.worstWithdrawal = withdrawal;
    this.worstOverdose = overdose;
    this.toneStart = patient.tone();
    for (WithdrawalStage s : WithdrawalStage.values()) {
      withdrawalMillis.put(s, 0L);
    }
    for (OverdoseStage s : OverdoseStage.values()) {
      overdoseMillis.put(s, 0L);
    }
  }

  Patient patient() {
    return patient;
  }

  /** The tip received {@code cumulativeNanograms − last total} evenly since the previous flush. */
  void flush(long atMillis, long cumulativeNanograms) {
    if (atMillis <= lastMillis) {
      if (cumulativeNanograms != lastNanograms && atMillis == lastMillis) {
        patient.bolus(atMillis, (cumulativeNanograms - lastNanograms) / 1000.0);
        lastNanograms = cumulativeNanograms;
      }
      return;
    }
    patient.deliver(lastMillis, atMillis, (cumulativeNanograms - lastNanograms) / 1000.0);
    lastMillis = atMillis;
    lastNanograms = cumulativeNanograms;
  }

  /** When the next stage change is due if the tip rate in force continues. */
  long nextCheckMillis() {
    return patient.nextStageChangeMillis();
  }

  @Override
  public void onStageChange(long atMillis, WithdrawalStage w, OverdoseStage o) {
    account(atMillis);
    withdrawal = w;
    overdose = o;
    if (w.compareTo(worstWithdrawal) > 0) {
      worstWithdrawal = w;
    }
    if (o.compareTo(worstOverdose) > 0) {
      worstOverdose = o;
    }
    changeCount++;
    if (changes.size() < MAX_CHANGES_LISTED) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", localAt.apply(atMillis).toString());
      row.put("withdrawal", w.name());
      row.put("overdose", o.name());
      changes.add(row);
    }
  }

  private void account(long atMillis) {
    long d = atMillis - stageSince;
    withdrawalMillis.merge(withdrawal, d, Long::sum);
    overdoseMillis.merge(overdose, d, Long::sum);
    stageSince = atMillis;
  }

  /**
   * A timeline sample (hourly): tone statistics, one tone point a month for the summary, and the
   * row's columns; the tip rate shown is the mean since the previous sample (mass over time), not
   * the rate of the last flush window, which may be a few strokeless seconds.
   */
  String sampleColumns(long atMillis, long cumulativeNanograms) {
    PatientState s = patient.state();
    double tipPerHour = atMillis > lastSampleMillis
        ? (cumulativeNanograms - lastSampleNanograms) / 1000.0 / ((atMillis - lastSampleMillis) / 3_600_000.0) : s.tipFlow();
    lastSampleMillis = atMillis;
    lastSampleNanograms = cumulativeNanograms;
    toneMin = Math.min(toneMin, s.tone());
    toneMax = Math.max(toneMax, s.tone());
    toneSum += s.tone();
    toneSamples++;
    if (atMillis % Duration.ofDays(30).toMillis() == 0) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", localAt.apply(atMillis).toString());
      row.put("tone", round(s.tone(), 2));
      row.put("tipMcgPerDay", round(tipPerHour * 24, 1));
      monthlyTone.add(row);
    }
    return "," + round(tipPerHour, 3) + "," + round(s.effectSite(), 4) + "," + round(s.cisternal(), 4) + "," + round(s.adaptation(), 3)
        + "," + round(s.tone(), 2) + "," + s.withdrawal() + "," + s.overdose();
  }

  static final String COLUMNS = ",tipMcgPerHour,effectSiteMcgPerMl,cisternalMcgPerMl,adaptation,tone,withdrawal,overdose";

  /** A clinic visit measures tone (a clinician's Modified Ashworth grade, with rater noise). */
  Map<String, Object> assessTone(long atMillis, String why) {
    AshworthGrade mas = patient.rateTone();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("at", localAt.apply(atMillis).toString());
    row.put("visit", why);
    row.put("modifiedAshworth", mas.label());
    row.put("tone", round(patient.tone(), 2));
    row.put("withdrawal", patient.withdrawalStage().name());
    row.put("overdose", patient.overdoseStage().name());
    visits.add(row);
    return row;
  }

  Map<String, Object> summary(long endMillis) {
    account(endMillis);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("etiology", patient.parameters().etiology().name());
    m.put("age", patient.parameters().age().name());
    m.put("seed", patient.parameters().seed());
    Map<String, Object> wd = new LinkedHashMap<>();
    withdrawalMillis.forEach((k, v) -> wd.put(k.name(), hours(v)));
    Map<String, Object> od = new LinkedHashMap<>();
    overdoseMillis.forEach((k, v) -> od.put(k.name(), hours(v)));
    m.put("hoursInWithdrawal", wd);
    m.put("hoursInOverdose", od);
    m.put("worstWithdrawal", worstWithdrawal.name());
    m.put("worstOverdose", worstOverdose.name());
    m.put("stageChangeCount", changeCount);
    m.put("stageChanges", changes);
    Map<String, Object> tone = new LinkedHashMap<>();
    tone.put("start", round(toneStart, 2));
    tone.put("end", round(patient.tone(), 2));
    tone.put("min", toneSamples == 0 ? null : round(toneMin, 2));
    tone.put("max", toneSamples == 0 ? null : round(toneMax, 2));
    tone.put("mean", toneSamples == 0 ? null : round(toneSum / toneSamples, 2));
    tone.put("monthly", monthlyTone);
    m.put("tone", tone);
    m.put("visits", visits);
    return m;
  }

  private static BigDecimal hours(long millis) {
    return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(3_600_000L), 1, RoundingMode.HALF_UP);
  }

  static BigDecimal round(double v, int places) {
    return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP);
  }
}
