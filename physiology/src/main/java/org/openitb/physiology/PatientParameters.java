// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every value of one virtual patient, each with its unit and source (physiology.md 1.6). Sampled
 * by {@link Population#sample(long, long)} or taken as the population's {@link Population#typical()}.
 *
 * @param etiology origin of the spasticity
 * @param age age group
 * @param seed this patient's own seed (rater noise of tone measurements); derived from the cohort
 *     seed and patient id by the population
 * @param clearance CSF clearance of baclofen from the catheter-tip region, mL/h
 * @param volume mixing volume of the catheter-tip region, mL
 * @param ke0 effect-site equilibration rate, 1/h
 * @param kc cisternal (supraspinal) equilibration rate, 1/h
 * @param tipToCisterna distance from the catheter tip to the cisterna, cm
 * @param decayLength spatial decay length of CSF concentration along the canal, cm
 * @param baselineTone untreated tone on the 0-4 Ashworth scale (latent; shown clamped to 4)
 * @param emax greatest fraction of tone baclofen can remove
 * @param hill steepness of the concentration-effect curve
 * @param ec50 effect-site concentration with half the greatest effect in a drug-naive patient, µg/mL
 * @param adaptationGain adaptation at steady state when the effect-site concentration equals the
 *     naive {@code ec50} (dimensionless; the adaptation per µg/mL is {@code adaptationGain / ec50})
 * @param adaptationRate rate at which adaptation follows exposure and decays in a holiday, 1/h
 * @param ec50DriftPerYear slow disease drift of {@code ec50}, per year of therapy (exponential)
 * @param supraspinalEc50 cisternal concentration scale of supraspinal depression, µg/mL
 * @param withdrawalMild unopposed adaptation at which mild withdrawal starts
 * @param withdrawalModerate ... moderate withdrawal
 * @param withdrawalSevere ... severe withdrawal
 * @param somnolence supraspinal exposure (cisternal concentration over adapted scale) for somnolence
 * @param respiratoryDepression ... for respiratory depression
 * @param coma ... for coma
 * @param raterSd standard deviation of a clinician's tone rating, Ashworth grades
 * @param systemic blood compartment and pocket depot (a refill injected into the pocket)
 */
public record PatientParameters(
    Etiology etiology, AgeGroup age, long seed,
    Parameter clearance, Parameter volume, Parameter ke0, Parameter kc,
    Parameter tipToCisterna, Parameter decayLength,
    Parameter baselineTone, Parameter emax, Parameter hill, Parameter ec50,
    Parameter adaptationGain, Parameter adaptationRate, Parameter ec50DriftPerYear,
    Parameter supraspinalEc50,
    Parameter withdrawalMild, Parameter withdrawalModerate, Parameter withdrawalSevere,
    Parameter somnolence, Parameter respiratoryDepression, Parameter coma,
    Parameter raterSd,
    SystemicParameters systemic) {

  public PatientParameters {
    Objects.requireNonNull(etiology, "etiology");
    Objects.requireNonNull(age, "age");
    for (Map.Entry<String, Parameter> e : positives(clearance, volume, ke0, kc, tipToCisterna, decayLength, baselineTone,
        emax, hill, ec50, adaptationRate, supraspinalEc50, withdrawalMild, withdrawalModerate, withdrawalSevere,
        somnolence, respiratoryDepression, coma).entrySet()) {
      Objects.requireNonNull(e.getValue(), e.getKey());
      if (e.getValue().value() <= 0) {
        throw new IllegalArgumentException(e.getKey() + " " + e.getValue() + " must be > 0");
      }
    }
    Objects.requireNonNull(adaptationGain, "adaptationGain");
    Objects.requireNonNull(ec50DriftPerYear, "ec50DriftPerYear");
    Objects.requireNonNull(raterSd, "raterSd");
    Objects.requireNonNull(systemic, "systemic");
    if (adaptationGain.value() < 0 || raterSd.value() < 0) {
      throw new IllegalArgumentException("adaptationGain and raterSd must be >= 0");
    }
    if (emax.value() > 1) {
      throw new IllegalArgumentException("emax " + emax + " must be <= 1");
    }
    if (!(withdrawalMild.value() < withdrawalModerate.value() && withdrawalModerate.value() < withdrawalSevere.value())) {
      throw new IllegalArgumentException("withdrawal thresholds must rise: mild < moderate < severe");
    }
    if (!(somnolence.value() < respiratoryDepression.value() && respiratoryDepression.value() < coma.value())) {
      throw new IllegalArgumentException("overdose thresholds must rise: somnolence < respiratory depression < coma");
    }
  }

  private static Map<String, Parameter> positives(Parameter... ps) {
    String[] names = {"clearance", "volume", "ke0", "kc", "tipToCisterna", "decayLength", "baselineTone", "emax", "hill",
        "ec50", "adaptationRate", "supraspinalEc50", "withdrawalMild", "withdrawalModerate", "withdrawalSevere",
        "somnolence", "respiratoryDepression", "coma"};
    Map<String, Parameter> m = new LinkedHashMap<>();
    for (int i = 0; i < ps.length; i++) {
      m.put(names[i], ps[i]);
    }
    return m;
  }

  /** Elimination rate from the catheter-tip region, CL/V, 1/h. */
  public double eliminationRate() {
    return clearance.value() / volume.value();
  }

  /** Elimination half-life from the catheter-tip region, hours. */
  public double halfLifeHours() {
    return Math.log(2) / eliminationRate();
  }

  /** Cisternal : tip-region concentration ratio at steady state, {@code exp(-d/λ)}. */
  public double cisternalFraction() {
    return Math.exp(-tipToCisterna.value() / decayLength.value());
  }

  /** Adaptation per µg/mL of effect-site concentration at steady state (κ), mL/µg. */
  public double adaptationPerConcentration() {
    return adaptationGain.value() / ec50.value();
  }

  /** Every parameter by name, in declaration order (for reports and tables). */
  public Map<String, Parameter> all() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    m.put("clearance", clearance);
    m.put("volume", volume);
    m.put("ke0", ke0);
    m.put("kc", kc);
    m.put("tipToCisterna", tipToCisterna);
    m.put("decayLength", decayLength);
    m.put("baselineTone", baselineTone);
    m.put("emax", emax);
    m.put("hill", hill);
    m.put("ec50", ec50);
    m.put("adaptationGain", adaptationGain);
    m.put("adaptationRate", adaptationRate);
    m.put("ec50DriftPerYear", ec50DriftPerYear);
    m.put("supraspinalEc50", supraspinalEc50);
    m.put("withdrawalMild", withdrawalMild);
    m.put("withdrawalModerate", withdrawalModerate);
    m.put("withdrawalSevere", withdrawalSevere);
    m.put("somnolence", somnolence);
    m.put("respiratoryDepression", respiratoryDepression);
    m.put("coma", coma);
    m.put("raterSd", raterSd);
    m.putAll(systemic.all());
    return m;
  }
}
