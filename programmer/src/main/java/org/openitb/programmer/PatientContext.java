// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.ValidationContext;
import org.openitb.therapy.units.Volume;

/**
 * What the programmer knows about the implant from the clinic's records, which the pump does not
 * tell: the pump model, the catheter and its implanted length, the etiology (dose limits and
 * titration guardrails) and when the dose was last increased (pump-local time).
 */
public record PatientContext(
    PumpModel pump, CatheterModel catheter, int catheterLengthCm, Etiology etiology, Optional<LocalDateTime> lastIncrease) {
  public PatientContext {
    Objects.requireNonNull(pump, "pump");
    Objects.requireNonNull(catheter, "catheter");
    Objects.requireNonNull(etiology, "etiology");
    Objects.requireNonNull(lastIncrease, "lastIncrease (use Optional.empty())");
  }

  ValidationContext validation(Volume lowReservoirAlarm) {
    return ValidationContext.of(pump, catheter, catheterLengthCm, etiology).withLowReservoirAlarm(lowReservoirAlarm);
  }

  /** Pump tubing plus the implanted catheter: what a bridge bolus must clear. */
  public Volume deadVolume() {
    return pump.pumpTubing().plus(catheter.volume(catheterLengthCm));
  }
}
