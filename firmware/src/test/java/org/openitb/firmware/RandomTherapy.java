// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
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

/** Seeded random prescriptions within the default model's and baclofen's spinal limits (most of the time). */
final class RandomTherapy {
  private RandomTherapy() {}

  static Prescription prescription(Random r, Concentration c) {
    BasalProgram basal = switch (r.nextInt(5)) {
      case 0 -> new Stopped();
      case 1, 2 -> new SimpleContinuous(dose(r));
      default -> flex(r);
    };
    List<ScheduledBolus> scheduled = new ArrayList<>();
    int n = basal instanceof Stopped ? 1 + r.nextInt(3) : r.nextInt(3);
    for (int i = 0; i < n; i++) {
      scheduled.add(new ScheduledBolus(minuteOfDay(r), Mass.ofNanograms(5_000 + r.nextInt(95_000)),
          Duration.ofMinutes(1 + r.nextInt(180))));
    }
    Optional<PatientBolusAllowance> patient = Optional.empty();
    if (r.nextInt(3) > 0) {
      Duration duration = Duration.ofMinutes(1 + r.nextInt(30));
      patient = Optional.of(new PatientBolusAllowance(Mass.ofNanograms(5_000 + r.nextInt(45_000)), duration,
          duration.plusMinutes(r.nextInt(240)), 1 + r.nextInt(6)));
    }
    return new Prescription(TestPump.BACLOFEN, c, basal, scheduled, patient);
  }

  /** 100-700 mcg/day to the nanogram: rarely a whole number of strokes per anything. */
  static DoseRate dose(Random r) {
    return new DoseRate(100_000 + r.nextInt(600_000));
  }

  static FlexSchedule flex(Random r) {
    int steps = 1 + r.nextInt(10);
    TreeSet<Integer> minutes = new TreeSet<>();
    while (minutes.size() < steps) {
      minutes.add(r.nextInt(1440));
    }
    List<FlexStep> out = new ArrayList<>();
    for (int m : minutes) {
      out.add(new FlexStep(LocalTime.ofSecondOfDay(m * 60L), r.nextInt(8) == 0 ? DoseRate.ZERO : dose(r)));
    }
    return new FlexSchedule(out);
  }

  static LocalTime minuteOfDay(Random r) {
    return LocalTime.ofSecondOfDay(r.nextInt(1440) * 60L);
  }
}
