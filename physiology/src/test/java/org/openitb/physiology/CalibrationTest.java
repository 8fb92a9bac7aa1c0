// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published behaviours of physiology.md 1.2-1.6, asserted on the typical patients and on
 * seeded cohorts (300 adults per etiology, 10 years each, followed by {@link Clinician}). Each
 * tolerance is stated beside its assertion with the reason. The cohorts take about a second.
 */
class CalibrationTest {
  private static final java.util.List<Etiology> ETIOLOGIES =
      java.util.List.of(Etiology.CEREBRAL, Etiology.SPINAL, Etiology.MULTIPLE_SCLEROSIS);
  static final long H = 3_600_000L;
  static final long DAY = 24 * H;
  static final int COHORT = 300;
  static final long SEED = 2026;
  static final Map<Etiology, List<Clinician.Course>> COURSES = new EnumMap<>(Etiology.class);
  static final Map<Etiology, List<PatientParameters>> PATIENTS = new EnumMap<>(Etiology.class);

  @BeforeAll
  static void followCohorts() {
    for (Etiology e : Etiology.values()) {
      List<Clinician.Course> courses = new ArrayList<>();
      List<PatientParameters> patients = new ArrayList<>();
      for (int id = 0; id < COHORT; id++) {
        PatientParameters pp = Population.of(e, AgeGroup.ADULT).sample(SEED, id);
        Clinician.Course c = Clinician.follow(pp, 10);
        if (c.responder()) {
          courses.add(c);
          patients.add(pp);
        }
      }
      COURSES.put(e, courses);
      PATIENTS.put(e, patients);
    }
  }

  /** Time of the greatest effect-site concentration after a bolus, hours (6-minute resolution). */
  static double bolusPeakHours(PatientParameters pp) {
    Patient p = Patient.naive(pp, 0);
    p.bolus(0, 50);
    double best = 0;
    double at = 0;
    for (long t = 6 * 60_000L; t <= 24 * H; t += 6 * 60_000L) {
      p.advanceTo(t);
      if (p.state().effectSite() > best) {
        best = p.state().effectSite();
        at = t / (double) H;
      }
    }
    return at;
  }

  @Test
  void bolusPeakIsAboutFourHours() {
    // label: peak ≈ 4 h; screening time course: greatest effect 2-8.5 h, maximum 4 h
    for (Etiology e : Etiology.values()) {
      assertThat(bolusPeakHours(Population.of(e, AgeGroup.ADULT).typical())).as("typical %s", e).isCloseTo(4, within(0.5));
    }
    List<Double> peaks = new ArrayList<>();
    for (int id = 0; id < 200; id++) {
      peaks.add(bolusPeakHours(Population.of(Etiology.SPINAL, AgeGroup.ADULT).sample(SEED, id)));
    }
    assertThat(quantile(peaks, 0.5)).as("population median").isCloseTo(4, within(0.75));
    assertThat(quantile(peaks, 0.1)).as("10th percentile inside the published 2-8.5 h").isGreaterThanOrEqualTo(1.5);
    assertThat(quantile(peaks, 0.9)).as("90th percentile inside the published 2-8.5 h").isLessThanOrEqualTo(9);
  }

  @Test
  void bolusEffectStartsWithinAnHourAndIsVisibleFourToTenHours() {
    // label: onset 0.5-1 h, duration 4-8 h; a visible effect = tone at least 1 grade below baseline
    Patient p = Patient.naive(Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical(), 0);
    double baseline = p.tone();
    p.bolus(0, 50);
    double onset = Double.NaN;
    double end = Double.NaN;
    for (long t = 6 * 60_000L; t <= 24 * H; t += 6 * 60_000L) {
      p.advanceTo(t);
      if (p.tone() <= baseline - 1) {
        if (Double.isNaN(onset)) {
          onset = t / (double) H;
        }
        end = t / (double) H;
      }
    }
    assertThat(onset).as("first tone drop of a grade, h").isBetween(0.5, 2.0);
    assertThat(end - onset).as("visible effect, h (label 4-8 h; the effect compartment's tail adds ~2 h)").isBetween(4.0, 10.0);
  }

  @Test
  void infusionOnsetIsSixToEightHoursAndMaximumTwentyFourToFortyEight() {
    for (Etiology e : Etiology.values()) {
      PatientParameters pp = Population.of(e, AgeGroup.ADULT).typical();
      Patient p = Patient.naive(pp, 0);
      double css = 10.0 / pp.clearance().value();
      p.setTipFlow(0, 10);
      p.advanceTo(6 * H);
      double at6 = p.state().effectSite() / css;
      p.advanceTo(8 * H);
      double at8 = p.state().effectSite() / css;
      p.advanceTo(24 * H);
      double at24 = p.state().effectSite() / css;
      p.advanceTo(48 * H);
      double at48 = p.state().effectSite() / css;
      assertThat(at6).as("%s: effect site at 6 h, fraction of steady state (onset)", e).isBetween(0.25, 0.5);
      assertThat(at8).as("at 8 h").isBetween(0.4, 0.6);
      assertThat(at24).as("at 24 h (near maximum)").isGreaterThan(0.85);
      assertThat(at48).as("at 48 h (maximum)").isGreaterThan(0.99);
    }
  }

  /** The daily dose whose steady effect-site concentration equals a 50 µg bolus's peak, over 50 µg. */
  static double equivalentDailyDoseRatio(PatientParameters pp) {
    Patient p = Patient.naive(pp, 0);
    p.bolus(0, 50);
    double peak = 0;
    for (long t = 6 * 60_000L; t <= 24 * H; t += 6 * 60_000L) {
      p.advanceTo(t);
      peak = Math.max(peak, p.state().effectSite());
    }
    return peak * pp.clearance().value() * 24 / 50;
  }

  @Test
  void startingDoseIsNearTwiceTheEffectiveBolus() {
    // clinical rule: start at 2 × the effective bolus per day; the reference derives 1.76 ×
    for (Etiology e : Etiology.values()) {
      assertThat(equivalentDailyDoseRatio(Population.of(e, AgeGroup.ADULT).typical())).as("typical %s", e).isBetween(1.5, 2.5);
    }
    List<Double> ratios = new ArrayList<>();
    for (int id = 0; id < 200; id++) {
      ratios.add(equivalentDailyDoseRatio(Population.of(Etiology.SPINAL, AgeGroup.ADULT).sample(SEED, id)));
    }
    assertThat(quantile(ratios, 0.5)).as("population median").isBetween(1.5, 2.5);
  }

  @Test
  void withdrawalStartsBetweenEightHoursAndThreeDaysAfterAStop() {
    // earliest reported onset 8 h (a child, after a stall); usual 1-3 days. Each cohort patient at
    // the dose the clinician reached at 1 year stops abruptly.
    List<Double> onsets = new ArrayList<>();
    int patients = 0;
    int reached = 0;
    for (Etiology e : Etiology.values()) {
      List<Clinician.Course> courses = COURSES.get(e);
      for (int i = 0; i < courses.size(); i++) {
        patients++;
        Patient p = Patient.adaptedTo(PATIENTS.get(e).get(i), 0, courses.get(i).doseAtYear()[1], 1);
        long[] mild = {-1};
        p.listener((at, w, o) -> {
          if (w != WithdrawalStage.NONE && mild[0] < 0) {
            mild[0] = at;
          }
        });
        p.setTipFlow(0, 0);
        p.advanceTo(10 * DAY);
        if (mild[0] >= 0) {
          reached++;
          onsets.add(mild[0] / (double) H);
        }
      }
    }
    assertThat(reached).as("patients with withdrawal signs after a stop").isGreaterThan(patients / 2);
    assertThat(quantile(onsets, 0.5)).as("median onset, h").isBetween(8.0, 72.0);
    assertThat(quantile(onsets, 0.05)).as("5th percentile onset, h (none much earlier than the earliest report)").isGreaterThanOrEqualTo(4.0);
    assertThat(quantile(onsets, 0.95)).as("95th percentile onset, h").isLessThanOrEqualTo(72.0);
  }

  @Test
  void oneAndTenYearMedianDosesPerEtiologyWithinAQuarter() {
    // doi:10.1080/10790268.2023.2266614, 102 patients: 1 y / 10 y medians (µg/day). Tolerance ±25 %:
    // the study's groups are a few dozen patients each and the clinician here is one plain policy.
    Map<Etiology, double[]> published = Map.of(
        Etiology.CEREBRAL, new double[] {402, 579},
        Etiology.SPINAL, new double[] {296, 523},
        Etiology.MULTIPLE_SCLEROSIS, new double[] {227, 321});
    for (Etiology e : Etiology.values()) {
      List<Double> y1 = new ArrayList<>();
      List<Double> y10 = new ArrayList<>();
      for (Clinician.Course c : COURSES.get(e)) {
        y1.add(c.doseAtYear()[1]);
        y10.add(c.doseAtYear()[10]);
      }
      assertThat(quantile(y1, 0.5)).as("%s 1-year median", e).isCloseTo(published.get(e)[0], within(published.get(e)[0] * 0.25));
      assertThat(quantile(y10, 0.5)).as("%s 10-year median", e).isCloseTo(published.get(e)[1], within(published.get(e)[1] * 0.25));
      assertThat(quantile(y10, 0.5)).as("%s doses rise from year 1 to 10", e).isGreaterThan(quantile(y1, 0.5));
    }
  }

  @Test
  void aboutTwentyTwoPercentAreTolerant() {
    // doi:10.1038/sc.2009.34: 22 % "tolerant" (dose rising > 100 µg/day per year) of 37 patients after
    // the first-year titration; the binomial 95 % interval of 8/37 is about 10-38 %, asserted 12-32 %.
    int tolerant = 0;
    int n = 0;
    for (Etiology e : Etiology.values()) {
      for (Clinician.Course c : COURSES.get(e)) {
        n++;
        if ((c.doseAt4Years() - c.doseAt18Months()) / 2.5 > 100) {
          tolerant++;
        }
      }
    }
    assertThat(100.0 * tolerant / n).isBetween(12.0, 32.0);
  }

  @Test
  void nonRespondersAtTheHighestScreeningDoseAreFew() {
    // PMID 8291963: all 23 responded to a screening bolus; Heetla 2016: all 12 at 50-100 µg
    int all = 0;
    int responders = 0;
    for (Etiology e : Etiology.values()) {
      all += COHORT;
      responders += COURSES.get(e).size();
    }
    assertThat(100.0 * (all - responders) / all).isLessThan(10.0);
  }

  @Test
  void screeningBolusesRarelySedateAndLargeBolusesDo() {
    // 50-100 µg screening boluses rarely give overdose signs; a 280 µg bolus did; 10 mg gave coma
    int[] sedated = new int[3];
    double[] doses = {50, 100, 280};
    int n = 300;
    for (int id = 0; id < n; id++) {
      PatientParameters pp = Population.of(ETIOLOGIES.get(id % 3), AgeGroup.ADULT).sample(SEED, id);
      for (int i = 0; i < 3; i++) {
        if (worstOverdose(Patient.naive(pp, 0), doses[i]) != OverdoseStage.NONE) {
          sedated[i]++;
        }
      }
    }
    assertThat(100.0 * sedated[0] / n).as("50 µg").isLessThan(3);
    // under 12 %: the model gives every bolus at the catheter tip, while screening is by lumbar
    // puncture lower down, so it overstates supraspinal exposure of screening doses a little
    assertThat(100.0 * sedated[1] / n).as("100 µg").isLessThan(12);
    assertThat(100.0 * sedated[2] / n).as("280 µg").isGreaterThan(30);
    Patient chronic = Patient.adaptedTo(Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical(), 0, 300, 3);
    assertThat(worstOverdose(chronic, 10_000)).isEqualTo(OverdoseStage.COMA);
  }

  static OverdoseStage worstOverdose(Patient p, double bolus) {
    OverdoseStage[] worst = {OverdoseStage.NONE};
    p.listener((at, w, o) -> {
      if (o.compareTo(worst[0]) > 0) {
        worst[0] = o;
      }
    });
    p.bolus(p.nowMillis(), bolus);
    p.advanceTo(p.nowMillis() + 2 * DAY);
    return worst[0];
  }

  @Test
  void restartingAtTheOldRateAfterAHolidayOverdosesWhereTheAdaptedRateDidNot() {
    // physiology.md 1.5: overdose ≈6 h after restarting at 27 and 55 µg/h after a drug holiday
    PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical();
    double dose = 55 * 24;
    Patient p = Patient.adaptedTo(pp, 0, dose, 3);
    assertThat(p.overdoseStage()).isEqualTo(OverdoseStage.NONE);
    double adapted = p.state().adaptation();
    p.setTipFlow(0, 0);
    p.advanceTo(42 * DAY);
    assertThat(p.state().adaptation()).as("adaptation decays in a holiday").isLessThan(adapted * 0.2);
    OverdoseStage[] worst = {OverdoseStage.NONE};
    long[] first = {-1};
    long restart = p.nowMillis();
    p.listener((at, w, o) -> {
      if (o != OverdoseStage.NONE && first[0] < 0) {
        first[0] = at - restart;
      }
      if (o.compareTo(worst[0]) > 0) {
        worst[0] = o;
      }
    });
    p.setTipFlow(restart, 55);
    p.advanceTo(restart + 3 * DAY);
    assertThat(worst[0]).isNotEqualTo(OverdoseStage.NONE);
    assertThat(first[0] / (double) H).as("hours to the first overdose sign").isBetween(1.0, 12.0);
  }

  static double quantile(List<Double> values, double q) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get((int) Math.round(q * (s.size() - 1)));
  }
}
