// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A virtual population of one etiology and age group: the typical patient and seeded draws from
 * documented distributions (physiology.md 1.6, "Parameter distributions"). A patient depends only
 * on (cohort seed, patient id), so a cohort gives the same patients however it is partitioned or
 * threaded.
 *
 * <p>Lognormal values are {@code typical·exp(σ·z)} with z standard normal, clamped to the stated
 * physiological range. Departures from the reference's proposal, and why:
 * <ul>
 *   <li>Adaptation is sampled as a dimensionless gain (adaptation at the naive EC50) rather than κ
 *       in mL/µg independent of EC50: the ceiling of the titratable effect depends only on
 *       κ·EC50, so two independent wide lognormals multiplied gave far more non-responders than
 *       the 3 of 23 of PMID 8291963.
 *   <li>Age group and etiology move the catheter tip (tip-to-cisterna distance): cerebral
 *       spasticity is usually treated with a higher tip (T6 rather than T10), children have a
 *       shorter canal. This is what makes supraspinal exposure differ, not a separate constant.
 * </ul>
 */
public final class Population {
  private static final String REF = "physiology.md 1.6";

  private final Etiology etiology;
  private final AgeGroup age;

  private Population(Etiology etiology, AgeGroup age) {
    this.etiology = Objects.requireNonNull(etiology, "etiology");
    this.age = Objects.requireNonNull(age, "age");
  }

  public static Population of(Etiology etiology, AgeGroup age) {
    return new Population(etiology, age);
  }

  public Etiology etiology() {
    return etiology;
  }

  public AgeGroup age() {
    return age;
  }

  /** A 64-bit mix of two values (SplitMix64 finaliser over both), for per-patient seeds. */
  public static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    z += 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The population's typical patient (every random draw at its median), with seed 0. */
  public PatientParameters typical() {
    return build(0, null);
  }

  /** Patient {@code patientId} of the cohort seeded {@code cohortSeed}. */
  public PatientParameters sample(long cohortSeed, long patientId) {
    long seed = mix(mix(cohortSeed, patientId), etiology.seedCode() * 2L + age.seedCode());
    return build(seed, new SplittableRandom(seed));
  }

  // Typical values and spreads; each draw is taken in this fixed order.
  static final double CL = 30;              // mL/h
  static final double CL_SD = 0.45;
  static final double HALF_LIFE = 1.51;     // h
  static final double HALF_LIFE_SD = 0.4;
  static final double KE0 = 0.117;          // 1/h
  static final double KE0_SD = 0.5;
  static final double KC = 0.35;            // 1/h
  static final double KC_SD = 0.5;
  static final double LAMBDA = 24;          // cm
  static final double LAMBDA_SD = 0.25;
  static final double EC50 = 0.098;         // µg/mL: a 50 µg bolus takes tone 3.75 to about 1.5 at 4 h
  static final double EC50_SD = 0.5;
  static final double GAIN = 0.45;          // adaptation at the naive EC50
  static final double GAIN_SD = 0.45;
  static final double HILL_LO = 2;          // a visible bolus effect of 4-8 h needs a slope of 2-4
  static final double HILL_HI = 4;
  static final double ADAPT_DAYS = 14;      // mean adaptation time, days
  static final double ADAPT_SD = 0.5;
  static final double SUPRA = 0.2;          // µg/mL
  static final double SUPRA_SD = 0.25;
  static final double ADULT_KG = 70;
  static final double ADULT_KG_SD = 0.2;
  static final double CHILD_KG = 25;
  static final double CHILD_KG_SD = 0.3;
  static final double SYSTEMIC_CL_PER_KG = 0.273; // L/h/kg, oral CL/F in children with CP
  static final double SYSTEMIC_CL_SD = 0.3;
  static final double POCKET_KA = Math.log(2);    // 1/h: absorption t½ 1 h
  static final double POCKET_KA_SD = 0.5;

  private PatientParameters build(long seed, SplittableRandom rnd) {
    boolean child = age == AgeGroup.CHILD;
    double size = child ? 0.7 : 1.0;
    double cl = clamp(CL * size * ln(rnd, CL_SD), 8 * size, 100 * size);
    double halfLife = clamp(HALF_LIFE * ln(rnd, HALF_LIFE_SD), 0.5, 6);
    double v = cl * halfLife / Math.log(2);
    double ke0 = clamp(KE0 * ln(rnd, KE0_SD), 0.01, 0.6);
    double kc = clamp(KC * ln(rnd, KC_SD), 0.05, 2);
    double d = tipToCisterna() ;
    double lambda = clamp(LAMBDA * ln(rnd, LAMBDA_SD), 10, 60);
    double tone0 = rnd == null ? 3.75 : 3.0 + 1.5 * rnd.nextDouble();
    double emax = logistic(logit(0.9) + (rnd == null ? 0 : 0.5 * rnd.nextGaussian()));
    double hill = rnd == null ? (HILL_LO + HILL_HI) / 2 : HILL_LO + (HILL_HI - HILL_LO) * rnd.nextDouble();
    double ec50 = clamp(EC50 * etiologyPotency() * ln(rnd, EC50_SD), 0.01, 1);
    double gain = clamp(GAIN * etiologyGain() * ln(rnd, GAIN_SD), 0, 3);
    double adaptDays = clamp(ADAPT_DAYS * ln(rnd, ADAPT_SD), 4, 120);
    double drift = drift();
    double supra = clamp(SUPRA * ln(rnd, SUPRA_SD), 0.03, 1);
    // drawn after every earlier value, so adding them left the earlier draws (and patients) unchanged
    double mass = clamp((child ? CHILD_KG : ADULT_KG) * ln(rnd, child ? CHILD_KG_SD : ADULT_KG_SD), child ? 10 : 40, child ? 60 : 150);
    double clPerKg = clamp(SYSTEMIC_CL_PER_KG * ln(rnd, SYSTEMIC_CL_SD), 0.1, 0.8);
    double ka = clamp(POCKET_KA * ln(rnd, POCKET_KA_SD), 0.1, 5);
    return new PatientParameters(etiology, age, seed,
        new Parameter(cl, "mL/h", "CSF clearance 13-80 mL/h, doi:10.1007/BF00265844; label ≈30 mL/h (unconfirmed); lognormal σ 0.45"
            + (child ? "; children ×0.7 (assumption: smaller CSF space)" : "")),
        new Parameter(v, "mL", "derived V = CL·t½/ln2 with t½ 1.51 h (label, unconfirmed), lognormal σ 0.4, kept in 0.5-6 h (0.9-5 h, doi:10.1007/BF00265844)"),
        new Parameter(ke0, "1/h", "derived: bolus peak effect 4 h (" + REF + "; screening time course 2-8.5 h); lognormal σ 0.5"),
        new Parameter(kc, "1/h", "assumption: cisternal equilibration t½ 2 h; lognormal σ 0.5"),
        new Parameter(d, "cm", "assumption (anatomy unconfirmed): tip at T10 37 cm, cerebral tip T6 30 cm, children ×0.7"),
        new Parameter(lambda, "cm", "Kroin et al. 1993 (In-111 DTPA, λ derived 24 cm); lognormal σ 0.25"),
        new Parameter(tone0, "Ashworth 0-4", "PMC4066544 (3.1-4.5), PMID 8291963 (3.8): uniform 3.0-4.5"),
        new Parameter(emax, "1", "assumption: mean 0.9, logit-normal σ 0.5"),
        new Parameter(hill, "1", "fitted: uniform 2-4, so a 50 µg bolus is visible 4-8 h (label); the reference's 1-2 gave 12 h"),
        new Parameter(ec50, "µg/mL", "calibrated: 50 µg bolus takes Ashworth 3.8 to 1.5 (PMID 8291963); lognormal σ 0.5"
            + (etiology == Etiology.CEREBRAL ? "; cerebral ×2.2 (fitted: higher 1-year doses, doi:10.1080/10790268.2023.2266614)" : "")),
        new Parameter(gain, "1", "fitted: dose plateau after 12-18 months and 22 % tolerant (doi:10.1038/sc.2009.34); 1-year doses (doi:10.1080/10790268.2023.2266614); lognormal σ " + GAIN_SD
            + (etiology == Etiology.MULTIPLE_SCLEROSIS ? "; MS ×0.8" : etiology == Etiology.CEREBRAL ? "; cerebral ×0.95" : "")),
        new Parameter(1 / (adaptDays * 24), "1/h", "assumption: adaptation follows exposure with a mean time of 14 days (drug holidays of weeks restore sensitivity); lognormal σ 0.5"),
        new Parameter(drift, "1/year", "fitted per etiology: 1-year to 10-year dose ratio (doi:10.1080/10790268.2023.2266614)"),
        new Parameter(supra, "µg/mL", "fitted: 50-100 µg screening boluses rarely sedate, a 280 µg bolus and post-holiday restarts at 27-55 µg/h did (Delhaas & Brouwers 1991, unconfirmed authors); lognormal σ 0.25"),
        new Parameter(0.4, "1", "fitted: earliest withdrawal 8 h after a stall (J Med Case Reports 2010;4:294), usual onset 1-3 days"),
        new Parameter(0.6, "1", "fitted: moderate signs (seizures, hallucinations) within days at usual doses"),
        new Parameter(0.8, "1", "fitted: severe withdrawal rare (≈3-5 %), grows with dose and duration of therapy"),
        new Parameter(1.3, "1", "fitted: naive 50-100 µg screening boluses rarely sedate, 280 µg often does"),
        new Parameter(2.5, "1", "fitted: restart at 27-55 µg/h after a holiday gave bradycardia/hypotension (physiology.md 1.5)"),
        new Parameter(5.0, "1", "fitted: a 10 000 µg refill bolus gave coma (AAN 2025 abstract)"),
        new Parameter(0.35, "Ashworth grades", "assumption: moderate inter-rater reliability of the Modified Ashworth Scale"),
        systemic(mass, clPerKg, ka, child));
  }

  /**
   * The blood compartment and the pocket depot. The reference gives oral population PK only
   * (children with CP: CL/F 0.273 L/h/kg, t½ 4.5 h, physiology.md 1.1) and no systemic
   * concentration for any overdose stage (1.5: none published). The thresholds are therefore
   * derived from the one oral regimen the reference names, and unconfirmed: 30 mg four times a
   * day, given as cover while an intrathecal pump is removed (clinical.md section 3, planned
   * removal). With this clearance in a 70 kg adult (V = CL·t½/ln2 = 124 L) its steady-state peak is
   * 30 mg / 124 L / (1 − exp(−0.154/h · 6 h)) = 0.40 µg/mL (instant absorption; a real oral peak
   * is lower). Somnolence, the commonest side effect of oral baclofen, starts there: exposure
   * beyond the top of routine oral therapy. Respiratory depression and coma at 2× and 4× of it, the
   * spacing of the supraspinal thresholds (1.3 : 2.5 : 5.0). The oral figures are apparent (CL/F);
   * used for a subcutaneous depot they assume F = 1 for both the regimen and the pocket, so the
   * ratio of a pocket fill to the thresholds does not depend on F.
   */
  private static SystemicParameters systemic(double mass, double clPerKg, double ka, boolean child) {
    return new SystemicParameters(
        new Parameter(mass, "kg", "assumption: " + (child ? "child 25 kg, lognormal σ 0.3, 10-60 kg" : "adult 70 kg, lognormal σ 0.2, 40-150 kg")),
        new Parameter(clPerKg, "L/h/kg", "oral population PK, children with CP: CL/F 0.273 L/h/kg (https://www.jpeds.com/article/S0022-3476(14)00057-2/pdf, "
            + "physiology.md 1.1); used for adults too (per-kg clearance, unconfirmed); lognormal σ 0.3 (assumption)"),
        new Parameter(4.5, "h", "oral population PK, children with CP: t½ 4.5 h (same source)"),
        new Parameter(ka, "1/h", "assumption: subcutaneous absorption of a small water-soluble drug, t½ about 1 h (ka 0.7/h); lognormal σ 0.5"),
        new Parameter(0.4, "µg/mL", "unconfirmed, derived: steady-state peak of oral 30 mg QID (clinical.md 3, planned removal) with the oral PK above"),
        new Parameter(0.8, "µg/mL", "unconfirmed: 2× somnolence, the spacing of the supraspinal thresholds"),
        new Parameter(1.6, "µg/mL", "unconfirmed: 4× somnolence, the spacing of the supraspinal thresholds"));
  }

  private double tipToCisterna() {
    double d = etiology == Etiology.CEREBRAL ? 30 : 37;
    return age == AgeGroup.CHILD ? d * 0.7 : d;
  }

  // The per-etiology potency, adaptation gain and drift below were fitted to the 1-year and 10-year
  // median doses of doi:10.1080/10790268.2023.2266614 by CalibrationTest's clinician.
  private double etiologyPotency() {
    return switch (etiology) {
      case CEREBRAL -> 2.2;
      case SPINAL, MULTIPLE_SCLEROSIS -> 1.0;
    };
  }

  private double etiologyGain() {
    return switch (etiology) {
      case CEREBRAL -> 0.95;
      case SPINAL -> 1.0;
      case MULTIPLE_SCLEROSIS -> 0.8;
    };
  }

  private double drift() {
    return switch (etiology) {
      case CEREBRAL -> 0.003;
      case SPINAL -> 0.01;
      case MULTIPLE_SCLEROSIS -> 0.005;
    };
  }

  private static double ln(SplittableRandom rnd, double sd) {
    return rnd == null ? 1 : Math.exp(sd * rnd.nextGaussian());
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
