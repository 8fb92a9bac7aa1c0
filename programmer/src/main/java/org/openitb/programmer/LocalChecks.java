// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.Duration;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Rounding;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/** The programmer's checks on commands before they are sent; each refusal names the field, the value and what is allowed. */
final class LocalChecks {
  /** A clinician bolus above this share of the current daily dose needs a second person. */
  static final long BOLUS_SECOND_PERSON_PERCENT = 25;
  private static final long PERCENT = 100;
  private static final long SECONDS_PER_DAY = 86_400;

  private LocalChecks() {}

  static Optional<String> clinicianBolus(Mass dose, Duration duration, Optional<Therapy> running, PatientContext patient) {
    if (running.isEmpty()) {
      return Optional.of("clinician bolus: the pump holds no therapy, so its drug and concentration are unknown; program a therapy first");
    }
    var p = running.get().prescription();
    Mass hardMax = p.drug().limits(patient.etiology()).hardMax().perDay();
    if (dose.nanograms() <= 0 || dose.compareTo(hardMax) > 0) {
      return Optional.of("clinician bolus dose: outside the drug library's limit (got '" + dose + "'; allowed: > 0 and <= " + hardMax
          + ", the hard daily maximum)");
    }
    Volume volume = dose.volumeAt(p.concentration(), Rounding.DOWN);
    return rate("clinician bolus", volume, duration, patient);
  }

  static Optional<String> bolusSecondPerson(Mass dose, Optional<Therapy> running) {
    if (running.isEmpty()) {
      return Optional.empty();
    }
    Mass daily = DailyDose.of(running.get().prescription()).perDay();
    if (Math.multiplyExact(dose.nanograms(), PERCENT) > Math.multiplyExact(daily.nanograms(), BOLUS_SECOND_PERSON_PERCENT)) {
      return Optional.of("clinician bolus dose " + dose + " is more than " + BOLUS_SECOND_PERSON_PERCENT + " % of the daily dose " + daily);
    }
    return Optional.empty();
  }

  static Optional<String> deadSpaceBolus(String kind, Volume volume, PatientContext patient) {
    Volume dead = patient.deadVolume();
    if (!volume.isPositive() || volume.compareTo(dead) > 0) {
      return Optional.of(kind + " bolus volume: must fill at most the fluid path (got '" + volume + "'; allowed: 0.001 mL to " + dead
          + " = pump tubing " + patient.pump().pumpTubing() + " + " + patient.catheterLengthCm() + " cm of " + patient.catheter().name()
          + "); more would push drug into the spinal fluid at bolus rate");
    }
    return Optional.empty();
  }

  static Optional<String> refill(Volume reservoir, Drug drug, Concentration c, Volume withdrawn, DrugLibrary library, PatientContext patient) {
    if (!reservoir.isPositive() || reservoir.compareTo(patient.pump().reservoir()) > 0) {
      return Optional.of("refill volume: outside the reservoir (got '" + reservoir + "'; allowed: 0.001 mL to " + patient.pump().reservoir()
          + ", " + patient.pump().name() + "); overfilling risks a pocket fill");
    }
    if (withdrawn.isNegative()) {
      return Optional.of("withdrawn volume: cannot be negative (got '" + withdrawn + "')");
    }
    if (library.drugs().stream().noneMatch(d -> d.name().equals(drug.name()))) {
      return Optional.of("drug: not in the programmer's drug library (got '" + drug.name() + "')");
    }
    if (c.compareTo(drug.maxConcentration()) > 0) {
      return Optional.of("concentration: above the highest " + drug.name() + " concentration allowed in a pump (got '" + c + "'; allowed: <= "
          + drug.maxConcentration() + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> rate(String kind, Volume volume, Duration duration, PatientContext patient) {
    if (duration.isNegative() || duration.isZero() || duration.toSecondsPart() != 0) {
      return Optional.of(kind + " duration: whole minutes > 0 (got '" + duration + "')");
    }
    long perDay = Math.multiplyExact(volume.nanolitres(), SECONDS_PER_DAY) / duration.getSeconds();
    VolumeRate max = patient.pump().maxRate();
    if (perDay > max.nanolitresPerDay()) {
      return Optional.of(kind + ": " + volume + " over " + duration.toMinutes() + " min runs faster than the pump can deliver (allowed: <= "
          + max + "); lengthen the duration");
    }
    return Optional.empty();
  }
}
