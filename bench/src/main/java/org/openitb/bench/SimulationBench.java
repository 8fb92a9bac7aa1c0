// SPDX-License-Identifier: Apache-2.0
package org.openitb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openitb.simulator.Scenario;
import org.openitb.simulator.ScenarioLoader;
import org.openitb.simulator.SimDurations;
import org.openitb.simulator.Simulation;
import org.openitb.therapy.drug.DrugLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole pump life: the stable example (examples/stable-sci.yaml) for 7 years at per-stroke
 * fidelity, outputs off. One operation is one complete 7-year run; the target is < 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulationBench {
  private Scenario scenario;
  private Duration span;

  @Setup
  public void load() {
    Path file = Path.of(System.getProperty("openitb.examples", "examples"), "stable-sci.yaml");
    scenario = new ScenarioLoader(DrugLibrary.standard()).load(file);
    span = SimDurations.parse("7y", "span");
  }

  @Benchmark
  public Object sevenYearPumpLife() {
    return new Simulation(scenario, DrugLibrary.standard(), Optional.empty(), t -> { }).run(span).summary();
  }
}
