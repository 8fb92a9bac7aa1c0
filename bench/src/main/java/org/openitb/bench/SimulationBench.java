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
 * fidelity. One operation is one complete 7-year run: {@code sevenYearPumpLife} with outputs off
 * (issue 13's target: under 0.5 s), {@code sevenYearPumpLifeWithOutputs} writing timeline.csv,
 * events.jsonl and summary.json (about 14 MB) as {@code itb simulate --out} does; the difference
 * is the cost of the outputs, which must stay below the simulation's own (issue 11).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulationBench {
  private Scenario scenario;
  private Duration span;
  private Path out;

  @Setup
  public void load() {
    Path file = Path.of(System.getProperty("openitb.examples", "examples"), "stable-sci.yaml");
    scenario = new ScenarioLoader(DrugLibrary.standard()).load(file);
    span = SimDurations.parse("7y", "span");
    try {
      out = java.nio.file.Files.createTempDirectory("openitb-bench-out");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Benchmark
  public Object sevenYearPumpLife() {
    return new Simulation(scenario, DrugLibrary.standard(), Optional.empty(), t -> { }).run(span).summary();
  }

  @Benchmark
  public Object sevenYearPumpLifeWithOutputs() {
    return new Simulation(scenario, DrugLibrary.standard(), Optional.of(out), t -> { }).run(span).summary();
  }
}
