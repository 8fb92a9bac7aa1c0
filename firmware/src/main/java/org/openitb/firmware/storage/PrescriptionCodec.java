// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/**
 * The stored form of a prescription. The drug is stored by name and looked up in the firmware's
 * own drug library on restore, so limits always come from the library, never from stored bytes.
 */
public final class PrescriptionCodec {
  /** Storage bound on flex steps, whatever the model allows (programming refuses more). */
  public static final int MAX_STORED_STEPS = 24;
  /** Storage bound on scheduled boluses per day (the limit programming enforces: TherapyLimits.MAX_SCHEDULED_BOLUSES). */
  public static final int MAX_STORED_BOLUSES = 8;
  private static final int STOPPED = 0;
  private static final int SIMPLE = 1;
  private static final int FLEX = 2;
  private static final int SECONDS_PER_MINUTE = 60;

  private PrescriptionCodec() {}

  public static void write(ByteWriter w, Prescription p) {
    w.putString(p.drug().name()).putLong(p.concentration().nanogramsPerMillilitre());
    switch (p.basal()) {
      case Stopped s -> w.putByte(STOPPED);
      case SimpleContinuous s -> w.putByte(SIMPLE).putLong(s.dailyDose().nanogramsPerDay());
      case FlexSchedule f -> {
        w.putByte(FLEX).putByte(f.steps().size());
        for (FlexStep step : f.steps()) {
          w.putInt(step.start().toSecondOfDay() / SECONDS_PER_MINUTE).putLong(step.rate().nanogramsPerDay());
        }
      }
    }
    w.putByte(p.scheduledBoluses().size());
    for (ScheduledBolus b : p.scheduledBoluses()) {
      w.putInt(b.start().toSecondOfDay() / SECONDS_PER_MINUTE).putLong(b.dose().nanograms()).putLong(b.duration().toMinutes());
    }
    w.putBoolean(p.patientBolus().isPresent());
    p.patientBolus().ifPresent(a ->
        w.putLong(a.dose().nanograms()).putLong(a.duration().toMinutes()).putLong(a.lockout().toMillis()).putInt(a.maxPerDay()));
  }

  /** CRC-32 of the stored form: what a programmer reads back to confirm a commit. */
  public static int checksum(Prescription p) {
    ByteWriter w = new ByteWriter();
    write(w, p);
    return Checksums.crc32(w.buffer(), 0, w.length());
  }

  static Prescription read(ByteReader r, DrugLibrary library) {
    try {
      Drug drug = library.drug(r.getString());
      Concentration concentration = new Concentration(r.getLong());
      BasalProgram basal =
          switch (r.getByte()) {
            case STOPPED -> new Stopped();
            case SIMPLE -> new SimpleContinuous(new DoseRate(r.getLong()));
            case FLEX -> {
              int n = r.getCount(MAX_STORED_STEPS);
              List<FlexStep> steps = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                steps.add(new FlexStep(minuteOfDay(r.getInt()), new DoseRate(r.getLong())));
              }
              yield new FlexSchedule(steps);
            }
            default -> throw new CorruptDataException("basal kind");
          };
      int n = r.getCount(MAX_STORED_BOLUSES);
      List<ScheduledBolus> boluses = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        boluses.add(new ScheduledBolus(minuteOfDay(r.getInt()), new Mass(r.getLong()), Duration.ofMinutes(r.getLong())));
      }
      Optional<PatientBolusAllowance> allowance = Optional.empty();
      if (r.getBoolean()) {
        allowance = Optional.of(new PatientBolusAllowance(
            new Mass(r.getLong()), Duration.ofMinutes(r.getLong()), Duration.ofMillis(r.getLong()), r.getInt()));
      }
      return new Prescription(drug, concentration, basal, boluses, allowance);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new CorruptDataException("stored prescription does not validate", e);
    }
  }

  private static LocalTime minuteOfDay(int minute) {
    return LocalTime.ofSecondOfDay((long) minute * SECONDS_PER_MINUTE);
  }
}
