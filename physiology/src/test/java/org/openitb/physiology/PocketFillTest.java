// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A refill injected into the pocket: absorbed into the blood, it sedates within hours
 * (systemic overdose stages on the virtual clock, exact crossing instants), a small one does not,
 * and the closed form matches a tiny-step integration.
 */
class PocketFillTest {
  static final long H = 3_600_000L;

  record Change(long at, WithdrawalStage w, OverdoseStage o) {}

  /** The typical child with cerebral palsy (25 kg), adapted to 300 mcg/day that keeps reaching the tip. */
  private static PatientParameters child() {
    return Population.of(Etiology.CEREBRAL, AgeGroup.CHILD).typical();
  }

  private static List<Change> pocketFill(PatientParameters pp, double micrograms, long untilMillis) {
    List<Change> changes = new ArrayList<>();
    Patient p = Patient.adaptedTo(pp, 0, 300, 2).listener((at, w, o) -> changes.add(new Change(at, w, o)));
    p.pocketFill(H, micrograms);
    p.advanceTo(untilMillis);
    return changes;
  }

  /** The systemic concentration the closed form gives, written out independently: S(t) = b·(exp(−ks·t) − exp(−ka·t)). */
  private static double systemic(SystemicParameters s, double micrograms, double hours) {
    double ka = s.absorptionRate().value();
    double ks = s.eliminationRate();
    double b = micrograms / s.volumeMl() * ka / (ka - ks);
    return b * (Math.exp(-ks * hours) - Math.exp(-ka * hours));
  }

  /** The first whole millisecond after {@code fromHours} at which S is on the other side of θ. */
  private static long crossing(SystemicParameters s, double micrograms, double theta, double fromHours, double toHours) {
    boolean start = systemic(s, micrograms, fromHours) >= theta;
    long lo = (long) Math.floor(fromHours * H);
    long hi = (long) Math.ceil(toHours * H);
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if ((systemic(s, micrograms, mid / (double) H) >= theta) == start) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /**
   * 20 mL at 2000 mcg/mL (40 mg, a full ITB-20 refill) into the pocket of a 25 kg child: V = 0.273
   * L/h/kg · 25 kg · 4.5 h / ln 2 = 44.3 L, peak 0.59 µg/mL at 2.8 h: somnolence from about 0.9 h
   * to 6.7 h after the fill, nothing worse, and withdrawal untouched (the tip still receives 300
   * mcg/day here).
   */
  @Test
  void aFullRefillInThePocketOfAChildSedatesWithinHours() {
    PatientParameters pp = child();
    SystemicParameters s = pp.systemic();
    assertThat(s.volumeMl()).isCloseTo(44_310, within(10.0));
    List<Change> changes = pocketFill(pp, 40_000, 48 * H);
    double theta = s.somnolence().value();
    long onset = H + crossing(s, 40_000, theta, 0, 2.8);
    long end = H + crossing(s, 40_000, theta, 2.8, 47);
    assertThat(changes).containsExactly(
        new Change(onset, WithdrawalStage.NONE, OverdoseStage.SOMNOLENCE),
        new Change(end, WithdrawalStage.NONE, OverdoseStage.NONE));
    assertThat(onset - H).isBetween(H / 2, 2 * H);
    assertThat(end - H).isBetween(5 * H, 9 * H);
  }

  /** 40 mL at 2000 mcg/mL (80 mg, a full ITB-40 refill): peak 1.17 µg/mL, respiratory depression for hours. */
  @Test
  void aFullItb40RefillInThePocketOfAChildDepressesBreathing() {
    PatientParameters pp = child();
    SystemicParameters s = pp.systemic();
    List<Change> changes = pocketFill(pp, 80_000, 72 * H);
    long somnolence = H + crossing(s, 80_000, s.somnolence().value(), 0, 2.8);
    long respiratory = H + crossing(s, 80_000, s.respiratoryDepression().value(), 0, 2.8);
    long respiratoryEnd = H + crossing(s, 80_000, s.respiratoryDepression().value(), 2.8, 71);
    long somnolenceEnd = H + crossing(s, 80_000, s.somnolence().value(), 2.8, 71);
    assertThat(changes).containsExactly(
        new Change(somnolence, WithdrawalStage.NONE, OverdoseStage.SOMNOLENCE),
        new Change(respiratory, WithdrawalStage.NONE, OverdoseStage.RESPIRATORY_DEPRESSION),
        new Change(respiratoryEnd, WithdrawalStage.NONE, OverdoseStage.SOMNOLENCE),
        new Change(somnolenceEnd, WithdrawalStage.NONE, OverdoseStage.NONE));
    assertThat(respiratory - H).isLessThan(2 * H);
  }

  /** The same 40 mg in the typical 70 kg adult peaks at 0.21 µg/mL: below somnolence, no stage. */
  @Test
  void aFullRefillInThePocketOfAnAdultStaysBelowSomnolence() {
    PatientParameters adult = Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical();
    assertThat(pocketFill(adult, 40_000, 48 * H)).isEmpty();
  }

  /** 1 mL at 500 mcg/mL (a needle that slipped for a moment): no stage. */
  @Test
  void aSmallPocketFillCausesNothing() {
    assertThat(pocketFill(child(), 500, 48 * H)).isEmpty();
  }

  /** Several fills and advances in small or large steps give the same closed-form state as an RK4 reference with 3.6 s steps. */
  @Test
  void closedFormMatchesATinyStepIntegration() {
    PatientParameters pp = child();
    SystemicParameters s = pp.systemic();
    Patient p = Patient.adaptedTo(pp, 0, 300, 2);
    double ka = s.absorptionRate().value();
    double ks = s.eliminationRate();
    double v = s.volumeMl();
    double[] ref = {0, 0}; // pocket µg, systemic µg/mL
    double dt = 0.001;
    long[] fills = {0, 5 * H, 5 * H + 1_800_000};
    double[] masses = {12_000, 8_000, 20_000};
    int next = 0;
    for (int step = 0; step <= 30_000; step++) {
      long t = Math.round(step * dt * H);
      while (next < fills.length && fills[next] <= t) {
        ref[0] += masses[next];
        p.pocketFill(fills[next], masses[next]);
        next++;
      }
      if (step % 1000 == 0) {
        p.advanceTo(t);
        assertThat(p.pocketMicrograms()).as("pocket at %d h", t / H).isCloseTo(ref[0], within(1e-6 * Math.max(1, ref[0])));
        assertThat(p.systemicConcentration()).as("blood at %d h", t / H).isCloseTo(ref[1], within(1e-7 * Math.max(1e-3, ref[1])));
      }
      ref = rk4(ref, dt, ka, ks, v);
    }
    assertThat(p.systemicConcentration()).isPositive();
    // and the comparison can fail: a 2 % faster absorption is far off
    double[] wrong = {12_000, 0};
    double[] right = {12_000, 0};
    for (int i = 0; i < 2000; i++) {
      wrong = rk4(wrong, dt, ka * 1.02, ks, v);
      right = rk4(right, dt, ka, ks, v);
    }
    assertThat(Math.abs(wrong[1] - right[1])).isGreaterThan(1e-4 * right[1]);
  }

  private static double[] rk4(double[] y, double dt, double ka, double ks, double v) {
    double[] k1 = deriv(y, ka, ks, v);
    double[] k2 = deriv(new double[] {y[0] + dt / 2 * k1[0], y[1] + dt / 2 * k1[1]}, ka, ks, v);
    double[] k3 = deriv(new double[] {y[0] + dt / 2 * k2[0], y[1] + dt / 2 * k2[1]}, ka, ks, v);
    double[] k4 = deriv(new double[] {y[0] + dt * k3[0], y[1] + dt * k3[1]}, ka, ks, v);
    return new double[] {
        y[0] + dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
        y[1] + dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])};
  }

  private static double[] deriv(double[] y, double ka, double ks, double v) {
    return new double[] {-ka * y[0], ka * y[0] / v - ks * y[1]};
  }
}
