// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openitb.link.message.Therapy;
import org.openitb.link.message.WireLimits;
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
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The canonical encoding of a {@link Therapy} (PROTOCOL.md "Therapy block"). Canonical because
 * its SHA-256 is the therapy checksum: flex steps go out in start order (FlexSchedule keeps them
 * sorted) and the decoder refuses any other order, so decoding and re-encoding gives the same bytes.
 */
final class TherapyCodec {
  static final int BASAL_STOPPED = 0;
  static final int BASAL_SIMPLE = 1;
  static final int BASAL_FLEX = 2;

  private TherapyCodec() {}

  static void encode(BodyWriter w, Therapy therapy) {
    Prescription p = therapy.prescription();
    w.str(p.drug().name());
    w.u32(p.concentration().nanogramsPerMillilitre());
    switch (p.basal()) {
      case Stopped s -> w.u8(BASAL_STOPPED);
      case SimpleContinuous c -> w.u8(BASAL_SIMPLE).u32(c.dailyDose().nanogramsPerDay());
      case FlexSchedule f -> {
        w.u8(BASAL_FLEX).u8(f.steps().size());
        for (FlexStep step : f.steps()) {
          w.u16(minuteOfDay(step.start())).u32(step.rate().nanogramsPerDay());
        }
      }
    }
    w.u8(p.scheduledBoluses().size());
    for (ScheduledBolus b : p.scheduledBoluses()) {
      w.u16(minuteOfDay(b.start())).u32(b.dose().nanograms()).u16((int) b.duration().toMinutes());
    }
    Optional<PatientBolusAllowance> allowance = p.patientBolus();
    w.bool(allowance.isPresent());
    allowance.ifPresent(
        a -> w.u32(a.dose().nanograms()).u16((int) a.duration().toMinutes()).u16((int) a.lockout().toMinutes()).u8(a.maxPerDay()));
    w.u32(therapy.lowReservoirAlarm().nanolitres());
  }

  static Therapy decode(BodyReader r, DrugLibrary library) {
    String drugName = r.str("drug", 1, WireLimits.MAX_DRUG_NAME_CHARS);
    Drug drug = drug(library, drugName);
    long concentration = r.u32("concentration", 1, WireLimits.MAX_CONCENTRATION_NG_PER_ML);
    BasalProgram basal = basal(r);
    int boluses = r.u8("scheduled boluses", 0, WireLimits.MAX_SCHEDULED_BOLUSES);
    List<ScheduledBolus> scheduled = new ArrayList<>(boluses);
    for (int i = 0; i < boluses; i++) {
      LocalTime start = time(r.u16("scheduled bolus start", 0, WireLimits.MINUTES_PER_DAY - 1));
      Mass dose = Mass.ofNanograms(r.u32("scheduled bolus dose", 1, WireLimits.MAX_BOLUS_NG));
      Duration duration = Duration.ofMinutes(r.u16("scheduled bolus duration", 1, WireLimits.MINUTES_PER_DAY - 1));
      scheduled.add(Build.value("scheduled bolus", () -> new ScheduledBolus(start, dose, duration)));
    }
    Optional<PatientBolusAllowance> allowance = Optional.empty();
    if (r.bool("patient bolus present")) {
      Mass dose = Mass.ofNanograms(r.u32("patient bolus dose", 1, WireLimits.MAX_BOLUS_NG));
      Duration duration = Duration.ofMinutes(r.u16("patient bolus duration", 1, WireLimits.MAX_BOLUS_MINUTES));
      Duration lockout = Duration.ofMinutes(r.u16("patient bolus lockout", 1, WireLimits.MAX_LOCKOUT_MINUTES));
      int maxPerDay = r.u8("patient bolus max per day", 1, WireLimits.MAX_PATIENT_BOLUSES_PER_DAY);
      allowance = Optional.of(Build.value("patient bolus", () -> new PatientBolusAllowance(dose, duration, lockout, maxPerDay)));
    }
    Volume alarm = Volume.ofNanolitres(r.u32("low-reservoir alarm", 0, WireLimits.MAX_VOLUME_NL));
    Optional<PatientBolusAllowance> finalAllowance = allowance;
    return Build.value(
        "therapy",
        () -> new Therapy(new Prescription(drug, new Concentration(concentration), basal, scheduled, finalAllowance), alarm));
  }

  private static BasalProgram basal(BodyReader r) {
    int kind = r.u8("basal kind", BASAL_STOPPED, BASAL_FLEX);
    return switch (kind) {
      case BASAL_STOPPED -> new Stopped();
      case BASAL_SIMPLE -> {
        DoseRate dose = new DoseRate(r.u32("daily dose", 1, WireLimits.MAX_DOSE_RATE_NG_PER_DAY));
        yield Build.value("daily dose", () -> new SimpleContinuous(dose));
      }
      default -> {
        int count = r.u8("flex steps", 1, WireLimits.MAX_FLEX_STEPS);
        List<FlexStep> steps = new ArrayList<>(count);
        int previousStart = -1;
        for (int i = 0; i < count; i++) {
          int start = r.u16("flex step start", 0, WireLimits.MINUTES_PER_DAY - 1);
          if (start <= previousStart) {
            throw new MalformedMessageException("flex step start", "steps must be in rising start order");
          }
          previousStart = start;
          steps.add(new FlexStep(time(start), new DoseRate(r.u32("flex step rate", 0, WireLimits.MAX_DOSE_RATE_NG_PER_DAY))));
        }
        yield Build.value("flex schedule", () -> new FlexSchedule(steps));
      }
    };
  }

  /**
   * The library's drug spelled exactly {@code name}. The library's own lookup ignores case; the
   * wire does not, so one drug has one encoding (and one therapy one checksum).
   */
  private static Drug drug(DrugLibrary library, String name) {
    Drug drug;
    try {
      drug = library.drug(name);
    } catch (InvalidValueException e) {
      throw new UnknownDrugException(name);
    }
    if (!drug.name().equals(name)) {
      throw new UnknownDrugException(name);
    }
    return drug;
  }

  static Drug drugByName(DrugLibrary library, String name) {
    return drug(library, name);
  }

  private static int minuteOfDay(LocalTime t) {
    return t.getHour() * 60 + t.getMinute();
  }

  private static LocalTime time(int minuteOfDay) {
    return LocalTime.of(minuteOfDay / 60, minuteOfDay % 60);
  }
}
