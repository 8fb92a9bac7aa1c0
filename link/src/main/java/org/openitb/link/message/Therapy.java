// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.time.LocalTime;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

/**
 * What a programmer proposes and a pump runs: a prescription plus the low-reservoir alarm volume.
 * The constructor checks that every part fits the wire format (whole minutes, counts and
 * quantities within {@link WireLimits}); whether the pump accepts it is the firmware's decision.
 */
public record Therapy(Prescription prescription, Volume lowReservoirAlarm) {
  public Therapy {
    Check.text("drug", prescription.drug().name(), 1, WireLimits.MAX_DRUG_NAME_CHARS);
    Check.range("concentration ng/mL", prescription.concentration().nanogramsPerMillilitre(), 1, WireLimits.MAX_CONCENTRATION_NG_PER_ML);
    switch (prescription.basal()) {
      case Stopped s -> { }
      case SimpleContinuous c -> Check.range("daily dose ng/day", c.dailyDose().nanogramsPerDay(), 1, WireLimits.MAX_DOSE_RATE_NG_PER_DAY);
      case FlexSchedule f -> {
        Check.range("flex steps", f.steps().size(), 1, WireLimits.MAX_FLEX_STEPS);
        for (FlexStep step : f.steps()) {
          Check.range("flex step rate ng/day", step.rate().nanogramsPerDay(), 0, WireLimits.MAX_DOSE_RATE_NG_PER_DAY);
        }
      }
    }
    Check.range("scheduled boluses", prescription.scheduledBoluses().size(), 0, WireLimits.MAX_SCHEDULED_BOLUSES);
    for (ScheduledBolus b : prescription.scheduledBoluses()) {
      wholeMinute("scheduled bolus start", b.start());
      Check.range("scheduled bolus dose ng", b.dose().nanograms(), 1, WireLimits.MAX_BOLUS_NG);
      Check.minutes("scheduled bolus duration", b.duration(), 1, WireLimits.MINUTES_PER_DAY - 1);
    }
    if (prescription.patientBolus().isPresent()) {
      PatientBolusAllowance a = prescription.patientBolus().get();
      Check.range("patient bolus dose ng", a.dose().nanograms(), 1, WireLimits.MAX_BOLUS_NG);
      Check.minutes("patient bolus duration", a.duration(), 1, WireLimits.MAX_BOLUS_MINUTES);
      Check.minutes("patient bolus lockout", a.lockout(), 1, WireLimits.MAX_LOCKOUT_MINUTES);
      Check.range("patient bolus max per day", a.maxPerDay(), 1, WireLimits.MAX_PATIENT_BOLUSES_PER_DAY);
    }
    Check.range("low-reservoir alarm nL", lowReservoirAlarm.nanolitres(), 0, WireLimits.MAX_VOLUME_NL);
  }

  private static void wholeMinute(String field, LocalTime t) {
    if (t.getSecond() != 0 || t.getNano() != 0) {
      throw new InvalidValueException(field, t.toString(), "whole minutes HH:MM", "seconds are not programmable");
    }
  }
}
