// SPDX-License-Identifier: Apache-2.0
package org.openitb.bench;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openitb.therapy.calc.ReservoirForecast;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The refill forecast for a 4-step flex schedule with patient boluses (what a clinic dashboard computes per patient). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForecastBench {
  private final Prescription rx = new Prescription(DrugLibrary.baclofen(), Concentration.ofMicrogramsPerMillilitre(500),
      FlexSchedule.parse("06:00=450,10:00=350,18:00=400,22:00=300", "flex", "mcg/day"), List.of(),
      Optional.of(new PatientBolusAllowance(Mass.ofMicrograms(25), java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(4), 3)));
  private final LocalDateTime at = LocalDateTime.parse("2026-03-01T09:30");

  @Benchmark
  public ReservoirForecast flexForecastWithBoluses() {
    return ReservoirForecast.of(Volume.ofMillilitres(40), at, rx, Volume.ofMillilitres(2));
  }
}
