// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Rounding;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/** The programmer's checks on commands before they are sent, as findings ({@link Finding#message()} names the field, the value and what is allowed). */
final class LocalChecks {
  /** A clinician bolus above this share of the current daily dose needs a second person. */
  static final long BOLUS_SECOND_PERSON_PERCENT = 25;
  private static final long PERCENT = 100;
  private static final long SECONDS_PER_DAY = 86_400;

  /** The step name of these findings. */
  static final String STEP = "programmer-checks";

  private LocalChecks() {}

  static Optional<Finding> clinicianBolus(Mass dose, Duration duration, Optional<Therapy> running, PatientContext patient) {
    if (running.isEmpty()) {
      return Optional.of(Finding.hard(STEP, "clinician bolus", dose.toString(), "a pump that holds a therapy",
          "the pump holds no therapy, so its drug and concentration are unknown; program a therapy first"));
    }
    var p = running.get().prescription();
    Mass hardMax = p.drug().limits(patient.etiology()).hardMax().perDay();
    if (dose.nanograms() <= 0 || dose.compareTo(hardMax) > 0) {
      return Optional.of(Finding.hard(STEP, "clinician bolus dose", dose.toString(), "> 0 and <= " + hardMax + ", the hard daily maximum",
          "outside the drug library's limit"));
    }
    Volume volume = dose.volumeAt(p.concentration(), Rounding.DOWN);
    return rate("clinician bolus", volume, duration, patient);
  }

  static Optional<Finding> bolusSecondPerson(Mass dose, Optional<Therapy> running) {
    if (running.isEmpty()) {
      return Optional.empty();
    }
    Mass daily = DailyDose.of(running.get().prescription()).perDay();
    if (Math.multiplyExact(dose.nanograms(), PERCENT) > Math.multiplyExact(daily.nanograms(), BOLUS_SECOND_PERSON_PERCENT)) {
      return Optional.of(Finding.soft(STEP, "clinician bolus dose", dose.toString(), "<= " + BOLUS_SECOND_PERSON_PERCENT
          + " % of the daily dose " + daily + " without a second person", "more than " + BOLUS_SECOND_PERSON_PERCENT + " % of the daily dose"));
    }
    return Optional.empty();
  }

  static Optional<Finding> deadSpaceBolus(String kind, Volume volume, PatientContext patient) {
    Volume dead = patient.deadVolume();
    if (!volume.isPositive() || volume.compareTo(dead) > 0) {
      return Optional.of(Finding.hard(STEP, kind + " bolus volume", volume.toString(), "0.001 mL to " + dead
          + " = pump tubing " + patient.pump().pumpTubing() + " + " + patient.catheterLengthCm() + " cm of " + patient.catheter().name(),
          "must fill at most the fluid path; more would push drug into the spinal fluid at bolus rate"));
    }
    return Optional.empty();
  }

  static Optional<Finding> refill(Volume reservoir, Drug drug, Concentration c, Volume withdrawn, DrugLibrary library, PatientContext patient) {
    if (!reservoir.isPositive() || reservoir.compareTo(patient.pump().reservoir()) > 0) {
      return Optional.of(Finding.hard(STEP, "refill volume", reservoir.toString(), "0.001 mL to " + patient.pump().reservoir()
          + ", " + patient.pump().name(), "outside the reservoir; overfilling risks a pocket fill"));
    }
    if (withdrawn.isNegative()) {
      return Optional.of(Finding.hard(STEP, "withdrawn volume", withdrawn.toString(), ">= 0 mL", "cannot be negative"));
    }
    if (library.drugs().stream().noneMatch(d -> d.name().equals(drug.name()))) {
      return Optional.of(Finding.hard(STEP, "drug", drug.name(), library.drugs().stream().map(Drug::name).toList().toString(),
          "not in the programmer's drug library"));
    }
    if (c.compareTo(drug.maxConcentration()) > 0) {
      return Optional.of(Finding.hard(STEP, "concentration", c.toString(), "<= " + drug.maxConcentration(),
          "above the highest " + drug.name() + " concentration allowed in a pump"));
    }
    return Optional.empty();
  }

  private static Optional<Finding> rate(String kind, Volume volume, Duration duration, PatientContext patient) {
    if (duration.isNegative() || duration.isZero() || duration.toSecondsPart() != 0) {
      return Optional.of(Finding.hard(STEP, kind + " duration", duration.toString(), "whole minutes > 0", "not a whole number of minutes above zero"));
    }
    long perDay = Math.multiplyExact(volume.nanolitres(), SECONDS_PER_DAY) / duration.toSeconds();
    VolumeRate max = patient.pump().maxRate();
    if (perDay > max.nanolitresPerDay()) {
      return Optional.of(Finding.hard(STEP, kind + " rate", volume + " over " + duration.toMinutes() + " min", "<= " + max,
          "runs faster than the pump can deliver; lengthen the duration"));
    }
    return Optional.empty();
  }
}
