// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.Volume;

/**
 * What a prescription is validated against, besides its own drug: the pump model, the implanted
 * catheter and its length, the patient's etiology, and the low-reservoir alarm volume when the
 * prescription session also sets one.
 */
public record ValidationContext(
    PumpModel pump, CatheterModel catheter, int catheterLengthCm, Etiology etiology, Optional<Volume> lowReservoirAlarm) {

  public ValidationContext {
    Objects.requireNonNull(pump, "pump");
    Objects.requireNonNull(catheter, "catheter");
    Objects.requireNonNull(etiology, "etiology");
    Objects.requireNonNull(lowReservoirAlarm, "lowReservoirAlarm (use Optional.empty())");
  }

  /** A context without a low-reservoir alarm setting. */
  public static ValidationContext of(PumpModel pump, CatheterModel catheter, int catheterLengthCm, Etiology etiology) {
    return new ValidationContext(pump, catheter, catheterLengthCm, etiology, Optional.empty());
  }

  public ValidationContext withLowReservoirAlarm(Volume alarm) {
    return new ValidationContext(pump, catheter, catheterLengthCm, etiology, Optional.of(alarm));
  }
}
