// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/**
 * What the patient's device shows before asking: whether a bolus is prescribed, its dose, the
 * doses left today and the lockout remaining, plus three plain flags.
 */
public record PatientStatusReport(
    long pumpTimeMillis,
    boolean bolusPrescribed,
    Mass bolusDose,
    int dosesLeftToday,
    int lockoutRemainingSeconds,
    boolean bolusActive,
    boolean alarmActive,
    boolean reservoirLow)
    implements Reply {
  public PatientStatusReport {
    Check.range("pump time ms", pumpTimeMillis, 0, WireLimits.MAX_TIME_MILLIS);
    Check.range("bolus dose ng", bolusDose.nanograms(), bolusPrescribed ? 1 : 0, bolusPrescribed ? WireLimits.MAX_BOLUS_NG : 0);
    Check.range("doses left today", dosesLeftToday, 0, bolusPrescribed ? WireLimits.MAX_PATIENT_BOLUSES_PER_DAY : 0);
    Check.range("lockout remaining s", lockoutRemainingSeconds, 0, WireLimits.MAX_LOCKOUT_SECONDS);
    if (!bolusPrescribed && lockoutRemainingSeconds != 0) {
      throw new InvalidValueException("lockout remaining s", String.valueOf(lockoutRemainingSeconds), "0 without a prescribed bolus", "inconsistent");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.PATIENT_STATUS_REPORT;
  }
}
