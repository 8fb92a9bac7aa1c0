// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Seeded generators over the whole input range of prescriptions: realistic values most of the
 * time, absurd ones (huge doses, tiny concentrations) often enough to prove nothing overflows.
 */
public final class TestGens {
  public static final long SEED = 20_260_301L;
  public static final Drug BACLOFEN = DrugLibrary.baclofen();

  private TestGens() {}

  /** Stocked concentrations mostly; any positive ng/mL up to 10 g/mL sometimes. */
  public static Gen<Concentration> concentrations() {
    Gen<Concentration> stocked = Generate.pick(BACLOFEN.stockedConcentrations());
    Gen<Concentration> any = longs().between(1, 10_000_000_000L).map(Concentration::new);
    return Generate.frequency(org.quicktheories.api.Pair.of(4, stocked), org.quicktheories.api.Pair.of(1, any));
  }

  /** Daily doses: 0-3000 mcg/day mostly; up to 10^15 ng/day sometimes. */
  public static Gen<DoseRate> doses() {
    Gen<DoseRate> usual = longs().between(0, 3_000_000).map(DoseRate::new);
    Gen<DoseRate> huge = longs().between(0, 1_000_000_000_000_000L).map(DoseRate::new);
    return Generate.frequency(org.quicktheories.api.Pair.of(5, usual), org.quicktheories.api.Pair.of(1, huge));
  }

  public static Gen<DoseRate> positiveDoses() {
    return doses().map(d -> d.isZero() ? DoseRate.ofMicrogramsPerDay(1) : d);
  }

  public static Gen<LocalTime> minutesOfDay() {
    return integers().between(0, 1439).map(m -> LocalTime.ofSecondOfDay(m * 60L));
  }

  public static Gen<FlexSchedule> flexSchedules() {
    Gen<FlexStep> step = minutesOfDay().zip(doses(), FlexStep::new);
    return lists().of(step).ofSizeBetween(1, 12).map(steps -> {
      TreeMap<LocalTime, FlexStep> byStart = new TreeMap<>();
      steps.forEach(s -> byStart.putIfAbsent(s.start(), s));
      return new FlexSchedule(new ArrayList<>(byStart.values()));
    });
  }

  public static Gen<BasalProgram> basals() {
    Gen<BasalProgram> stopped = Generate.constant(new Stopped());
    Gen<BasalProgram> simple = positiveDoses().map(SimpleContinuous::new);
    Gen<BasalProgram> flex = flexSchedules().map(f -> f);
    return Generate.frequency(org.quicktheories.api.Pair.of(1, stopped), org.quicktheories.api.Pair.of(4, simple),
        org.quicktheories.api.Pair.of(4, flex));
  }

  public static Gen<ScheduledBolus> scheduledBoluses() {
    return minutesOfDay().zip(longs().between(1, 500_000), integers().between(1, 1439),
        (t, ng, min) -> new ScheduledBolus(t, Mass.ofNanograms(ng), Duration.ofMinutes(min)));
  }

  public static Gen<Optional<PatientBolusAllowance>> patientBoluses() {
    Gen<PatientBolusAllowance> a = longs().between(1, 200_000).zip(integers().between(1, 120), integers().between(0, 720),
        integers().between(1, PatientBolusAllowance.MAX_ACTIVATIONS_PER_DAY),
        (ng, dur, extraLockout, max) -> new PatientBolusAllowance(Mass.ofNanograms(ng), Duration.ofMinutes(dur),
            Duration.ofMinutes(dur + extraLockout), max));
    return booleans().all().zip(a, (present, allowance) -> present ? Optional.of(allowance) : Optional.empty());
  }

  public static Gen<Prescription> prescriptions() {
    return concentrations().zip(basals(), lists().of(scheduledBoluses()).ofSizeBetween(0, 3), patientBoluses(),
        (c, basal, boluses, patient) -> new Prescription(BACLOFEN, c, basal, boluses, patient));
  }

  /** Pump-local times with seconds and nanoseconds, 2000-2100. */
  public static Gen<LocalDateTime> times() {
    return longs().between(0, 100L * 365 * 86_400).zip(integers().between(0, 999_999_999),
        (s, nanos) -> LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(s).withNano(nanos));
  }

  /** Pump-local times on whole minutes, 2020-2030 (leap days included). */
  public static Gen<LocalDateTime> minuteTimes() {
    return longs().between(0, 10L * 366 * 1440).map(m -> LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(m));
  }
}
