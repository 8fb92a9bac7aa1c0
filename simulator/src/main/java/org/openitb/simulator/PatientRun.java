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
 * <p>The patient sees the true tip flow as a piecewise-constant rate whose pieces are
 * <em>stroke-aligned</em>: a piece runs from one stroke to a later one and carries exactly the mass
 * of the strokes in it. {@link #onStroke} costs a few comparisons per stroke and closes a piece
 * (one closed-form update of the patient) only where the true flow changes: the stroke interval
 * changes (a flex step, a bolus start or end, a bridge end, a rate change), the stroke mass changes
 * (the reservoir runs dry, a new concentration reaches the tip), the rotor stalls ({@link #onStall}),
 * or strokes stop coming (a stop, a dead pump: found at the next {@link #flush} when a stroke is
 * overdue). At the other instants the simulator visits (hourly timeline rows, scenario events, the
 * pump's log entries) {@link #flush} advances the patient at the rate of the open piece so far
 * (its mass over its span, stroke to stroke), so an hourly row never cuts the strokes into uneven
 * windows; the piece's remaining mass is settled when it closes, so the patient receives every
 * nanogram. The event-level fidelity feeds its patient the same stroke-aligned pieces.
 * The patient's next stage change is scheduled on the one clock ({@link #nextCheckMillis}).
 */
final class PatientRun implements PatientListener {
  /** Stage changes kept in the summary (the totals count all of them). */
  static final int MAX_CHANGES_LISTED = 500;

  private final Patient patient;
  private final LongFunction<LocalDateTime> localAt;
  private long lastMillis;
  /** Tip mass (ng) given to the patient so far; may run up to about a stroke ahead of the truth (settled at the next piece). */
  private long lastNanograms;
  // the open stroke-aligned piece of constant true flow
  private long pieceAt = -1;
  private long pieceNanograms;
  private long pieceInterval = -1;
  private long pieceStrokeNanograms;
  private long strokeAt = -1;
  private long strokeNanograms;
  private boolean flowing;
  private long pieces;
  private long pocketNanograms;
  private double systemicPeak;
  private long systemicPeakAt = -1;
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
    this.strokeNanograms = startNanograms;
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

  /** Two stroke intervals differing by more than this are a rate change (the firmware's stroke instants round to the millisecond). */
  static final long INTERVAL_JITTER_MILLIS = 1;

  /**
   * A stroke pushed {@code strokeNanograms} out of the tip at {@code atMillis} (zero when the
   * reservoir is dry or the line occluded): closes the open piece at the previous stroke when the
   * flow changed.
   */
  void onStroke(long atMillis, long strokeNanograms) {
    long cumulativeNanograms = this.strokeNanograms + strokeNanograms;
    if (strokeAt < 0) {
      openPiece(atMillis, cumulativeNanograms);
    } else if (!flowing) {
      openPiece(strokeAt, this.strokeNanograms); // strokes resume: the piece spans the pause (its rate is settled at its close)
      pieceInterval = atMillis - strokeAt;
      pieceStrokeNanograms = strokeNanograms;
    } else {
      long dt = atMillis - strokeAt;
      if (pieceInterval < 0) {
        pieceInterval = dt;
        pieceStrokeNanograms = strokeNanograms;
      } else if (Math.abs(dt - pieceInterval) > INTERVAL_JITTER_MILLIS || massChanged(strokeNanograms, pieceStrokeNanograms)) {
        closePiece(strokeAt, this.strokeNanograms);
        openPiece(strokeAt, this.strokeNanograms);
        pieceInterval = dt;
        pieceStrokeNanograms = strokeNanograms;
      }
    }
    flowing = true;
    strokeAt = atMillis;
    this.strokeNanograms = cumulativeNanograms;
  }

  /** Stroke masses carry a few per cent of noise; a quarter is a new concentration at the tip or an empty reservoir. */
  private static boolean massChanged(long ng, long reference) {
    return Math.abs(ng - reference) * 4 > reference || (reference == 0) != (ng == 0);
  }

  /** A commanded stroke did not turn the rotor: the flow ended with the last stroke. */
  void onStall(long atMillis) {
    if (flowing) {
      closePiece(strokeAt, strokeNanograms);
      flowing = false;
    }
  }

  private void openPiece(long atMillis, long cumulativeNanograms) {
    pieceAt = atMillis;
    pieceNanograms = cumulativeNanograms;
    pieceInterval = -1;
  }

  /** The open piece ends at the stroke at {@code atMillis}: the mass not yet given arrives evenly up to there. */
  private void closePiece(long atMillis, long cumulativeNanograms) {
    pieces++;
    long rest = Math.max(0, cumulativeNanograms - lastNanograms);
    if (atMillis > lastMillis) {
      patient.deliver(lastMillis, atMillis, rest / 1000.0);
      lastMillis = atMillis;
    } else if (rest > 0) {
      patient.bolus(lastMillis, rest / 1000.0); // found after the patient moved on: at once, at most about a stroke
    }
    lastNanograms = Math.max(lastNanograms, cumulativeNanograms);
  }

  /** A refill went into the subcutaneous pocket: its drug reaches the blood, not the tip. */
  void pocketFill(long atMillis, long nanograms) {
    pocketNanograms += nanograms;
    patient.pocketFill(Math.max(atMillis, patient.nowMillis()), nanograms / 1000.0);
  }

  /** Pieces closed so far (for the cost check: a few a day, not one a stroke). */
  long pieces() {
    return pieces;
  }

  /**
   * Brings the patient to {@code atMillis} at the open piece's rate (its mass over its span, stroke
   * to stroke; the total given is kept at the piece's start plus that rate times the time since),
   * or with everything delivered since the last update when no piece has two strokes
   * yet, or at no flow once a stroke is overdue (the pump stopped: the piece closes at its last
   * stroke).
   */
  void flush(long atMillis, long cumulativeNanograms) {
    if (atMillis <= lastMillis) {
      return;
    }
    if (flowing && pieceInterval >= 0 && atMillis - strokeAt > 2 * pieceInterval + INTERVAL_JITTER_MILLIS) {
      closePiece(strokeAt, strokeNanograms);
      flowing = false;
      if (atMillis <= lastMillis) {
        return;
      }
    }
    long mass;
    if (!flowing && strokeAt >= 0) {
      mass = 0;
    } else if (strokeAt > pieceAt && pieceAt >= 0) {
      // anchored to the piece, so what was given stays within a stroke of the truth however often this runs
      long target = pieceNanograms + mulDiv(strokeNanograms - pieceNanograms, atMillis - pieceAt, strokeAt - pieceAt);
      mass = Math.max(0, target - lastNanograms);
    } else {
      mass = Math.max(0, cumulativeNanograms - lastNanograms);
    }
    patient.deliver(lastMillis, atMillis, mass / 1000.0);
    lastMillis = atMillis;
    lastNanograms += mass;
  }

  /** a·b/c exactly (a piece can last years: its mass times its span exceeds a long). */
  static long mulDiv(long a, long b, long c) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo / c;
    }
    return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)).divide(java.math.BigInteger.valueOf(c)).longValueExact();
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
    double systemic = patient.systemicConcentration();
    if (systemic > systemicPeak) {
      systemicPeak = systemic;
      systemicPeakAt = atMillis;
    }
    return "," + round(tipPerHour, 3) + "," + round(s.effectSite(), 4) + "," + round(s.cisternal(), 4) + "," + round(systemic, 4)
        + "," + round(s.adaptation(), 3)
        + "," + round(s.tone(), 2) + "," + s.withdrawal() + "," + s.overdose();
  }

  static final String COLUMNS = ",tipMcgPerHour,effectSiteMcgPerMl,cisternalMcgPerMl,systemicMcgPerMl,adaptation,tone,withdrawal,overdose";

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
    if (pocketNanograms > 0) {
      m.put("pocketFillMg", BigDecimal.valueOf(pocketNanograms, 6).setScale(3, RoundingMode.HALF_UP));
      m.put("systemicPeakMcgPerMl", round(systemicPeak, 3)); // the hourly rows' highest
      m.put("systemicPeakAt", systemicPeakAt < 0 ? null : localAt.apply(systemicPeakAt).toString());
    }
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
