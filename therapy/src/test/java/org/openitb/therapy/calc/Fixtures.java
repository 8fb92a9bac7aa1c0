// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** Small builders that keep the hand-checked examples readable. */
final class Fixtures {
  static final Drug BACLOFEN = DrugLibrary.baclofen();

  private Fixtures() {}

  static Concentration mcgPerMl(long v) {
    return Concentration.ofMicrogramsPerMillilitre(v);
  }

  static DoseRate mcgPerDay(long v) {
    return DoseRate.ofMicrogramsPerDay(v);
  }

  static Volume ml(String v) {
    return Volume.parse(v, "test volume", "mL");
  }

  static LocalDateTime t(String iso) {
    return LocalDateTime.parse(iso);
  }

  static Prescription simple(long mcgPerDay, long mcgPerMl) {
    return Prescription.simple(BACLOFEN, mcgPerMl(mcgPerMl), mcgPerDay(mcgPerDay));
  }

  static Prescription flex(String schedule, long mcgPerMl) {
    return new Prescription(BACLOFEN, mcgPerMl(mcgPerMl), FlexSchedule.parse(schedule, "flex", "mcg/day"), List.of(), Optional.empty());
  }

  static PatientBolusAllowance patient(long mcg, int maxPerDay) {
    return new PatientBolusAllowance(Mass.ofMicrograms(mcg), Duration.ofMinutes(10), Duration.ofHours(3), maxPerDay);
  }

  static LocalTime hm(String hhmm) {
    return LocalTime.parse(hhmm);
  }
}
