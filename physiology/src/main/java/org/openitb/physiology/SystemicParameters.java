// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One patient's systemic (blood) baclofen: what a refill injected into the subcutaneous pocket
 * around the pump does. The pocket is a depot absorbed first-order into a one-compartment systemic
 * circulation ({@link Patient#pocketFill}); the systemic concentration sets an overdose stage of
 * its own, and the patient's overdose stage is the worse of it and the supraspinal one.
 *
 * @param bodyMass body mass, kg
 * @param clearancePerKg systemic clearance per kg body mass, L/h/kg
 * @param halfLife systemic elimination half-life, h
 * @param absorptionRate first-order absorption rate from the pocket, 1/h
 * @param somnolence systemic concentration at which somnolence starts, µg/mL
 * @param respiratoryDepression ... respiratory depression, µg/mL
 * @param coma ... coma, µg/mL
 */
public record SystemicParameters(Parameter bodyMass, Parameter clearancePerKg, Parameter halfLife, Parameter absorptionRate,
    Parameter somnolence, Parameter respiratoryDepression, Parameter coma) {

  public SystemicParameters {
    for (Map.Entry<String, Parameter> e : all(bodyMass, clearancePerKg, halfLife, absorptionRate, somnolence,
        respiratoryDepression, coma).entrySet()) {
      Objects.requireNonNull(e.getValue(), e.getKey());
      if (e.getValue().value() <= 0) {
        throw new IllegalArgumentException(e.getKey() + " " + e.getValue() + " must be > 0");
      }
    }
    if (!(somnolence.value() < respiratoryDepression.value() && respiratoryDepression.value() < coma.value())) {
      throw new IllegalArgumentException("systemic overdose thresholds must rise: somnolence < respiratory depression < coma");
    }
  }

  /** Systemic clearance, mL/h. */
  public double clearanceMlPerHour() {
    return clearancePerKg.value() * 1000 * bodyMass.value();
  }

  /** Systemic volume of distribution, mL: clearance times half-life over ln 2. */
  public double volumeMl() {
    return clearanceMlPerHour() * halfLife.value() / Math.log(2);
  }

  /** Systemic elimination rate, 1/h. */
  public double eliminationRate() {
    return Math.log(2) / halfLife.value();
  }

  /** Every parameter by name, in declaration order. */
  public Map<String, Parameter> all() {
    return all(bodyMass, clearancePerKg, halfLife, absorptionRate, somnolence, respiratoryDepression, coma);
  }

  private static Map<String, Parameter> all(Parameter... ps) {
    String[] names = {"bodyMass", "systemicClearancePerKg", "systemicHalfLife", "pocketAbsorptionRate", "systemicSomnolence",
        "systemicRespiratoryDepression", "systemicComa"};
    Map<String, Parameter> m = new LinkedHashMap<>();
    for (int i = 0; i < ps.length; i++) {
      m.put(names[i], ps[i]);
    }
    return m;
  }
}
