// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One virtual intrathecal baclofen patient (physiology.md 1.6), driven by the true drug mass rate
 * at the catheter tip and advanced in closed form on the simulator's virtual clock.
 *
 * <h2>Model</h2>
 * <pre>
 * dL/dt = R/V − k·L              tip-region CSF concentration, k = CL/V; a bolus D adds D/V to L
 * dC/dt = kc·(f·L − C)           cisternal concentration, f = exp(−d/λ)
 * dE/dt = ke0·(L − E)            spinal effect site
 * dA/dt = β·(κ·E − A)            adaptation (tolerance), κ = adaptationGain / ec50
 * x     = E / (ec50·exp(δ·years)·(1 + A))      tone = baseline·(1 − Emax·x^γ/(1 + x^γ))
 * W     = 1 − (1 + κ·E)/(1 + A)  relative shortfall of drug against adaptation → withdrawal stage
 * O     = C / (supraspinalEc50·(1 + f·A))     → overdose stage (somnolence/respiratory depression/coma)
 * dP/dt = −ka·P                  drug in the subcutaneous pocket (a refill injected there, µg)
 * dS/dt = ka·P/Vs − ks·S         systemic (blood) concentration, ks = CLs/Vs → systemic overdose stage
 * </pre>
 * The overdose stage is the worse of the supraspinal one (O against its thresholds) and the
 * systemic one (S against {@link SystemicParameters}' thresholds): a pocket fill sedates through the
 * blood while the reservoir it missed leaves the spinal cord short. The pocket and blood are a
 * separate linear chain, {@code S(t) = (S0 + b)·exp(−ks·t) − b·exp(−ka·t)} with
 * {@code b = P0·ka/(Vs·(ka − ks))}, so their crossings are found like the others.
 * The system is linear and triangular, so between two events (constant R) every state is a
 * constant plus a sum of exponentials in the rates k, kc, ke0 and β ({@link ExpSum}); W and O are
 * ratios of such sums, and cross a threshold θ exactly where a linear combination of states
 * does: W where {@code (1 − θ)·A − κ·E − θ}, O where {@code C − θ·s·(1 + f·A)}.
 *
 * <p>Two departures from the reference's proposal, and why. Withdrawal is the relative shortfall
 * {@code 1 − (1 + κE)/(1 + A)} rather than the absolute {@code A − κE}: with the absolute form,
 * high-dose patients showed signs within 2 h of a stop (earliest report: 8 h) while low-dose
 * patients never did; the relative form keeps onset at 5-20 h and severity still grows with
 * adaptation, i.e. with dose and duration of therapy. Supraspinal adaptation is {@code f·A}, not
 * {@code A}: supraspinal receptors see the cisternal fraction f of the spinal exposure, so they
 * adapt to f of it (exact at steady state and in a holiday, where both decay at β); with full
 * adaptation a tolerant patient could never overdose on restarting the old rate after a holiday,
 * which is the published case (physiology.md 1.5).
 * Stage changes are therefore found exactly by bracketing, never on a time grid. Rates closer than
 * 1 % to k (or β to k and ke0) are moved 1 % apart at construction, far inside their uncertainty,
 * so the modal form stays well conditioned.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Time is the caller's virtual clock in milliseconds; it never goes back ({@link
 *       IllegalArgumentException} otherwise). Nothing reads the wall clock.
 *   <li>The input is the <em>true</em> drug mass at the catheter tip (after dead volume, leaks,
 *       stalls, bridge boluses): a piecewise-constant rate ({@link #setTipFlow}), impulses ({@link
 *       #bolus}), or masses delivered over a window ({@link #deliver}), which is how a simulator
 *       aggregates many pump strokes into one update. The rate in force persists until changed.
 *   <li>Work is done only when called: the cost is independent of how much time passes. Stage
 *       changes inside an advance are reported to the {@link PatientListener} at their exact
 *       instants (the first millisecond at which the new stage holds), in order.
 *   <li>{@link #nextStageChangeMillis()} is the instant of the next stage change if the present
 *       rate continues, for the caller to schedule on its clock; any new input invalidates it.
 *   <li>Observations read the state at {@link #nowMillis()}: {@link #state()}, {@link #tone()}
 *       and {@link #rateTone()} (a clinician's Modified Ashworth grade with rater noise seeded by
 *       the patient's seed and the instant, so the same visit gives the same grade whatever else
 *       was asked before).
 *   <li>Deterministic: same parameters and same calls give bit-identical results.
 * </ul>
 */
public final class Patient {
  static final double MILLIS_PER_HOUR = 3_600_000.0;
  static final double HOURS_PER_YEAR = 365.25 * 24;
  private static final double SEPARATION = 0.01;

  private final PatientParameters p;
  private final double k;
  private final double kc;
  private final double ke0;
  private final double beta;
  private final double f;
  private final double kappa;
  private final double supra;
  private final double[] rates;
  private final double[] withdrawalThresholds;
  private final double[] overdoseThresholds;
  private final long therapyStartMillis;
  private final double ka;
  private final double ks;
  private final double vSys;
  private final double[] systemicThresholds;
  private PatientListener listener = PatientListener.NONE;

  private long now;
  private double rate;
  private double lTip;
  private double cCis;
  private double eSite;
  private double adapt;
  private double pocket;
  private double systemic;
  private WithdrawalStage withdrawal;
  private OverdoseStage overdose;

  private Patient(PatientParameters p, long startMillis, long therapyStartMillis) {
    this.p = Objects.requireNonNull(p, "parameters");
    this.k = p.eliminationRate();
    this.kc = apart(p.kc().value(), k);
    this.ke0 = apart(p.ke0().value(), k);
    this.beta = apart(apart(p.adaptationRate().value(), k), ke0);
    this.f = p.cisternalFraction();
    this.kappa = p.adaptationPerConcentration();
    this.supra = p.supraspinalEc50().value();
    this.rates = new double[] {k, kc, ke0, beta};
    this.withdrawalThresholds = new double[] {
        p.withdrawalMild().value(), p.withdrawalModerate().value(), p.withdrawalSevere().value()};
    this.overdoseThresholds = new double[] {
        p.somnolence().value(), p.respiratoryDepression().value(), p.coma().value()};
    this.now = startMillis;
    this.therapyStartMillis = therapyStartMillis;
    SystemicParameters sp = p.systemic();
    this.ks = sp.eliminationRate();
    this.ka = apart(sp.absorptionRate().value(), ks);
    this.vSys = sp.volumeMl();
    this.systemicThresholds = new double[] {sp.somnolence().value(), sp.respiratoryDepression().value(), sp.coma().value()};
  }

  /** A drug-naive patient at {@code startMillis} (screening or implant); therapy years count from here. */
  public static Patient naive(PatientParameters p, long startMillis) {
    Patient patient = new Patient(p, startMillis, startMillis);
    patient.restage();
    return patient;
  }

  /**
   * A patient who has received {@code microgramsPerDay} at the tip long enough to be at steady
   * state and fully adapted to it, {@code yearsOnTherapy} years after the therapy started (which
   * sets the disease drift). The rate stays in force.
   */
  public static Patient adaptedTo(PatientParameters p, long startMillis, double microgramsPerDay, double yearsOnTherapy) {
    requireRate(microgramsPerDay);
    if (!(yearsOnTherapy >= 0) || yearsOnTherapy > 100) {
      throw new IllegalArgumentException("yearsOnTherapy " + yearsOnTherapy + " out of range 0..100");
    }
    Patient patient = new Patient(p, startMillis, startMillis - Math.round(yearsOnTherapy * HOURS_PER_YEAR * MILLIS_PER_HOUR));
    patient.rate = microgramsPerDay / 24;
    double css = patient.rate / p.clearance().value();
    patient.lTip = css;
    patient.cCis = patient.f * css;
    patient.eSite = css;
    patient.adapt = patient.kappa * css;
    patient.restage();
    return patient;
  }

  private static double apart(double v, double from) {
    double rel = v / from - 1;
    if (Math.abs(rel) < SEPARATION) {
      return from * (rel < 0 ? 1 - SEPARATION : 1 + SEPARATION);
    }
    return v;
  }

  private static void requireRate(double microgramsPer) {
    if (!(microgramsPer >= 0) || Double.isInfinite(microgramsPer)) {
      throw new IllegalArgumentException("drug rate " + microgramsPer + " must be finite and >= 0");
    }
  }

  /** Receives stage changes from now on (replaces any earlier listener). */
  public Patient listener(PatientListener l) {
    this.listener = Objects.requireNonNull(l, "listener");
    return this;
  }

  public PatientParameters parameters() {
    return p;
  }

  public long nowMillis() {
    return now;
  }

  /** The tip mass rate in force, µg/h. */
  public double tipFlow() {
    return rate;
  }

  /** The rates in use (k, kc, ke0, β), after separation; for the reference integration in tests. */
  double[] rates() {
    return rates.clone();
  }

  // ---------------------------------------------------------------- inputs

  /** Advances to {@code atMillis}, then the tip receives {@code microgramsPerHour} until changed. */
  public void setTipFlow(long atMillis, double microgramsPerHour) {
    requireRate(microgramsPerHour);
    advanceTo(atMillis);
    rate = microgramsPerHour;
  }

  /** Advances to {@code atMillis}, then {@code micrograms} arrive at the tip at once. */
  public void bolus(long atMillis, double micrograms) {
    requireRate(micrograms);
    advanceTo(atMillis);
    lTip += micrograms / p.volume().value();
  }

  /**
   * Advances to {@code atMillis}, then {@code micrograms} are injected into the subcutaneous pocket
   * around the pump (a refill that missed the port): absorbed into the blood from there, they never
   * reach the catheter tip.
   */
  public void pocketFill(long atMillis, double micrograms) {
    requireRate(micrograms);
    advanceTo(atMillis);
    pocket += micrograms;
  }

  /**
   * {@code micrograms} arrived at the tip evenly between {@code fromMillis} (not before now) and
   * {@code toMillis}: advances to {@code fromMillis} at the rate in force, then to {@code toMillis}
   * at the window's mean rate, which stays in force afterwards. An empty window is a bolus.
   */
  public void deliver(long fromMillis, long toMillis, double micrograms) {
    requireRate(micrograms);
    if (toMillis < fromMillis) {
      throw new IllegalArgumentException("window " + fromMillis + ".." + toMillis + " ms ends before it starts");
    }
    if (toMillis == fromMillis) {
      bolus(fromMillis, micrograms);
      return;
    }
    advanceTo(fromMillis);
    rate = micrograms / ((toMillis - fromMillis) / MILLIS_PER_HOUR);
    advanceTo(toMillis);
  }

  /** Moves the patient to {@code atMillis}, reporting every stage change on the way at its instant. */
  public void advanceTo(long atMillis) {
    if (atMillis < now) {
      throw new IllegalArgumentException("patient clock cannot go back: now " + now + " ms, asked " + atMillis + " ms");
    }
    while (atMillis > now) {
      long next = nextStageChange(atMillis);
      if (next > atMillis) {
        moveTo(atMillis);
        return;
      }
      moveTo(next);
      WithdrawalStage w = withdrawal;
      OverdoseStage o = overdose;
      restage();
      if (w != withdrawal || o != overdose) {
        listener.onStageChange(now, withdrawal, overdose);
      }
    }
  }

  /**
   * The first instant after now at which the withdrawal or overdose stage differs from the present
   * one if the present tip rate continues; {@link Long#MAX_VALUE} when none is due (within the
   * time the slowest process needs to settle).
   */
  public long nextStageChangeMillis() {
    return nextStageChange(Long.MAX_VALUE);
  }

  // ---------------------------------------------------------------- observations

  public WithdrawalStage withdrawalStage() {
    return withdrawal;
  }

  public OverdoseStage overdoseStage() {
    return overdose;
  }

  /** Continuous tone now on the 0-4 Ashworth scale (the latent truth, no rater noise). */
  public double tone() {
    double years = (now - therapyStartMillis) / MILLIS_PER_HOUR / HOURS_PER_YEAR;
    double ec50 = p.ec50().value() * Math.exp(p.ec50DriftPerYear().value() * years) * (1 + Math.max(0, adapt));
    double x = Math.max(0, eSite) / ec50;
    double xg = Math.pow(x, p.hill().value());
    double effect = p.emax().value() * xg / (1 + xg);
    return Math.min(4, Math.max(0, p.baselineTone().value() * (1 - effect)));
  }

  /** A clinician's Modified Ashworth grade now: the tone plus seeded rater noise, to the nearest grade. */
  public AshworthGrade rateTone() {
    double noise = new SplittableRandom(Population.mix(p.seed(), now)).nextGaussian() * p.raterSd().value();
    return AshworthGrade.nearest(tone() + noise);
  }

  /** The relative shortfall of drug against adaptation now (the withdrawal signal W, below 1). */
  public double withdrawalSignal() {
    return 1 - (1 + kappa * eSite) / (1 + adapt);
  }

  /** Systemic (blood) baclofen concentration now, µg/mL (from pocket fills). */
  public double systemicConcentration() {
    return systemic;
  }

  /** Drug still in the subcutaneous pocket now, µg. */
  public double pocketMicrograms() {
    return pocket;
  }

  /** Supraspinal exposure now relative to its adapted scale (the overdose signal O). */
  public double overdoseSignal() {
    return cCis / (supra * (1 + f * adapt));
  }

  /**
   * How far (ms) the stage change happening now could move if the cumulative tip input had differed
   * by at most {@code micrograms} at every earlier instant (two simulations of one pump whose
   * strokes are cut into different windows): the largest change of the stage's signal such an input
   * difference can make, over the signal's present rate of change. The bound on the signal: a mass
   * m raises the tip concentration by at most m/V, and E, C and A/κ are low-pass filters of it with
   * unit gain, so none moves by more than m/V (f·m/V for C); an input difference whose running total
   * stays within m has a response bounded by m times the total variation of the impulse response,
   * at most twice its peak for these unimodal responses. Linear in the signal's slope, so a stage
   * the signal crosses tangentially (slowly) has a wide spread: that is the physics of a creeping
   * threshold, not an error of either simulation. {@code withdrawalSignal} picks W, else O.
   */
  public double stageChangeSpreadMillis(double micrograms, boolean withdrawalSignal) {
    double delta = micrograms / p.volume().value();
    double dC = kc * (f * lTip - cCis);
    double dE = ke0 * (lTip - eSite);
    double dA = beta * (kappa * eSite - adapt);
    double a1 = 1 + adapt;
    double signalBound;
    double slope;
    if (withdrawalSignal) {
      slope = -kappa * dE / a1 + (1 + kappa * eSite) * dA / (a1 * a1);
      signalBound = 2 * (kappa * delta / Math.abs(a1) + Math.abs(1 + kappa * eSite) * kappa * delta / (a1 * a1));
    } else {
      double s1 = supra * (1 + f * adapt);
      slope = dC / s1 - cCis * supra * f * dA / (s1 * s1);
      signalBound = 2 * (f * delta / Math.abs(s1) + Math.abs(cCis) * supra * f * kappa * delta / (s1 * s1));
    }
    return signalBound / Math.abs(slope) * MILLIS_PER_HOUR;
  }

  public PatientState state() {
    return new PatientState(now, rate, lTip, cCis, eSite, adapt, withdrawalSignal(), overdoseSignal(), tone(),
        withdrawal, overdose);
  }

  // ---------------------------------------------------------------- closed form

  /** Modal coefficients of (L, C, E, A) about the steady state of the present rate: row per state, column per rate. */
  private double[][] modes() {
    double css = rate / p.clearance().value();
    double dl = lTip - css;
    double dc = cCis - f * css;
    double de = eSite - css;
    double da = adapt - kappa * css;
    double a = kc * f * dl / (kc - k);
    double b = ke0 * dl / (ke0 - k);
    double qk = beta * kappa * b / (beta - k);
    double qe = beta * kappa * (de - b) / (beta - ke0);
    return new double[][] {
        {dl, 0, 0, 0},
        {a, dc - a, 0, 0},
        {b, 0, de - b, 0},
        {qk, 0, qe, da - qk - qe},
    };
  }

  private void moveTo(long t) {
    double h = (t - now) / MILLIS_PER_HOUR;
    double css = rate / p.clearance().value();
    double[][] m = modes();
    double[] ex = new double[4];
    for (int j = 0; j < 4; j++) {
      ex[j] = Math.exp(-rates[j] * h);
    }
    lTip = css + dot(m[0], ex);
    cCis = f * css + dot(m[1], ex);
    eSite = css + dot(m[2], ex);
    adapt = kappa * css + dot(m[3], ex);
    if (pocket > 0 || systemic > 0) {
      double eka = Math.exp(-ka * h);
      double b = pocket * ka / (vSys * (ka - ks));
      systemic = (systemic + b) * Math.exp(-ks * h) - b * eka;
      pocket *= eka;
      if (pocket < 1e-6 && systemic < 1e-9) {
        pocket = 0; // a nanogram left in the pocket, a millionth of a threshold in the blood: gone (no more work per event)
        systemic = 0;
      }
    }
    now = t;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The next stage change, or {@code Long.MAX_VALUE} when none is due by {@code limitMillis}. */
  private long nextStageChange(long limitMillis) {
    double settle = 12 / beta;
    double h = Math.min(settle, (Math.min(limitMillis, Long.MAX_VALUE / 2) - now) / MILLIS_PER_HOUR);
    if (h <= 0) {
      return Long.MAX_VALUE;
    }
    double css = rate / p.clearance().value();
    double[][] m = modes();
    double best = Double.NaN;
    double[] w = new double[4];
    for (double theta : withdrawalThresholds) {
      for (int j = 0; j < 4; j++) {
        w[j] = (1 - theta) * m[3][j] - kappa * m[2][j];
      }
      best = earlier(best, new ExpSum(-theta * (1 + kappa * css), w, rates).firstCrossing(h));
    }
    double[] o = new double[4];
    for (double theta : overdoseThresholds) {
      double s = theta * supra;
      for (int j = 0; j < 4; j++) {
        o[j] = m[1][j] - s * f * m[3][j];
      }
      best = earlier(best, new ExpSum(f * css - s * (1 + f * kappa * css), o, rates).firstCrossing(h));
    }
    if (pocket > 0 || systemic > 0) {
      double b = pocket * ka / (vSys * (ka - ks));
      double[] sc = {systemic + b, -b};
      double[] sr = {ks, ka};
      for (double theta : systemicThresholds) {
        best = earlier(best, new ExpSum(-theta, sc, sr).firstCrossing(h));
      }
    }
    if (Double.isNaN(best)) {
      return Long.MAX_VALUE;
    }
    long at = now + Math.max(1, (long) Math.ceil(best * MILLIS_PER_HOUR));
    return at <= limitMillis ? at : Long.MAX_VALUE;
  }

  private static double earlier(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.min(a, b);
  }

  private void restage() {
    double w = withdrawalSignal();
    withdrawal = w >= withdrawalThresholds[2] ? WithdrawalStage.SEVERE
        : w >= withdrawalThresholds[1] ? WithdrawalStage.MODERATE
        : w >= withdrawalThresholds[0] ? WithdrawalStage.MILD : WithdrawalStage.NONE;
    OverdoseStage supraspinal = stage(overdoseSignal(), overdoseThresholds);
    OverdoseStage blood = stage(systemic, systemicThresholds);
    overdose = blood.compareTo(supraspinal) > 0 ? blood : supraspinal;
  }

  private static OverdoseStage stage(double signal, double[] thresholds) {
    return signal >= thresholds[2] ? OverdoseStage.COMA
        : signal >= thresholds[1] ? OverdoseStage.RESPIRATORY_DEPRESSION
        : signal >= thresholds[0] ? OverdoseStage.SOMNOLENCE : OverdoseStage.NONE;
  }
}
