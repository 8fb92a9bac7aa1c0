// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import java.time.LocalDateTime;
import java.util.List;
import org.openitb.physiology.AgeGroup;
import org.openitb.physiology.Etiology;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.InvalidValueException;

/**
 * An in-silico trial: a virtual population (strata of etiology and age group with weights), the
 * pump and catheter they get, how long each patient is followed, and the arms compared. Every
 * patient depends only on (seed, patient id): the same patient is in every arm, and results do
 * not depend on how patients are spread over threads or machines.
 */
public record TrialSpec(
    String name,
    long seed,
    int patients,
    int years,
    LocalDateTime start,
    List<Stratum> population,
    PumpModel pumpModel,
    int catheterLengthCm,
    List<Arm> arms) {

  /** A part of the population: {@code weight} relative to the other strata. */
  public record Stratum(Etiology etiology, AgeGroup age, double weight) {
    public Stratum {
      if (!(weight > 0)) {
        throw new InvalidValueException("population[].weight", String.valueOf(weight), "> 0", "a stratum needs a weight");
      }
    }
  }

  public TrialSpec {
    population = List.copyOf(population);
    arms = List.copyOf(arms);
    if (population.isEmpty()) {
      throw new InvalidValueException("population", "(empty)", "one or more strata", "no patients to draw");
    }
    if (arms.isEmpty()) {
      throw new InvalidValueException("arms", "(empty)", "one or more arms", "nothing to compare");
    }
    if (arms.stream().map(Arm::name).distinct().count() != arms.size()) {
      throw new InvalidValueException("arms", arms.stream().map(Arm::name).toList().toString(), "distinct names", "two arms share a name");
    }
    if (patients < 1) {
      throw new InvalidValueException("patients", String.valueOf(patients), ">= 1", "no patients");
    }
    if (years < 1 || years > 7) {
      throw new InvalidValueException("years", String.valueOf(years), "1-7 (one pump's service life)", "out of range");
    }
  }

  public TrialSpec withPatients(int n) {
    return new TrialSpec(name, seed, n, years, start, population, pumpModel, catheterLengthCm, arms);
  }

  public TrialSpec withSeed(long s) {
    return new TrialSpec(name, s, patients, years, start, population, pumpModel, catheterLengthCm, arms);
  }

  public TrialSpec withYears(int y) {
    return new TrialSpec(name, seed, patients, y, start, population, pumpModel, catheterLengthCm, arms);
  }
}
