// SPDX-License-Identifier: Apache-2.0
package org.openitb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openitb.simulator.Scenario;
import org.openitb.simulator.ScenarioLoader;
import org.openitb.simulator.SimDurations;
import org.openitb.simulator.fast.FastSimulation;
import org.openitb.simulator.trial.Arm;
import org.openitb.simulator.trial.TrialPatient;
import org.openitb.simulator.trial.TrialSpec;
import org.openitb.simulator.trial.TrialSpecLoader;
import org.openitb.therapy.drug.DrugLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The event-level fidelity: the same 7-year life of examples/stable-sci.yaml as {@link
 * SimulationBench} (per-stroke), and one trial patient-arm of examples/trials/refill-policy.yaml
 * (2 patient-years: event-level pump plus the physiology patient and the clinic policy). Average
 * time per operation: divide SimulationBench's time by {@code eventLevelSevenYearPumpLife} for
 * the speed-up per patient-year.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FidelityBench {
  private Scenario scenario;
  private Duration span;
  private TrialSpec trial;
  private Arm arm;
  private long patient;

  @Setup
  public void load() {
    Path examples = Path.of(System.getProperty("openitb.examples", "examples"));
    scenario = new ScenarioLoader(DrugLibrary.standard()).load(examples.resolve("stable-sci.yaml"));
    span = SimDurations.parse("7y", "span");
    trial = TrialSpecLoader.load(examples.resolve("trials/refill-policy.yaml"));
    arm = trial.arms().get(0);
  }

  @Benchmark
  public Object eventLevelSevenYearPumpLife() {
    return new FastSimulation(scenario, DrugLibrary.standard()).run(span);
  }

  /** One patient in one arm for the spec's years (2): a new patient id each call, as a trial runs them. */
  @Benchmark
  public Object trialPatientTwoYears() {
    return TrialPatient.run(trial, arm, patient++ % 100_000);
  }
}
