// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/**
 * The clear answer to a patient: granted (with the dose and the log entry) or refused with a
 * reason, and in both cases the doses left today and the lockout remaining.
 */
public record PatientBolusReply(
    BolusRefusal refusal, Mass dose, int dosesLeftToday, int lockoutRemainingSeconds, long eventSequence)
    implements Reply {
  public PatientBolusReply {
    boolean granted = refusal == BolusRefusal.NONE;
    Check.range("dose ng", dose.nanograms(), granted ? 1 : 0, granted ? WireLimits.MAX_BOLUS_NG : 0);
    Check.range("doses left today", dosesLeftToday, 0, WireLimits.MAX_PATIENT_BOLUSES_PER_DAY);
    Check.range("lockout remaining s", lockoutRemainingSeconds, 0, WireLimits.MAX_LOCKOUT_SECONDS);
    Check.range("event sequence", eventSequence, granted ? 1 : 0, WireLimits.MAX_SEQUENCE);
    if (!granted && dose.nanograms() != 0) {
      throw new InvalidValueException("dose ng", dose.toString(), "0 when refused", "inconsistent");
    }
  }

  public static PatientBolusReply granted(Mass dose, int dosesLeftToday, int lockoutRemainingSeconds, long eventSequence) {
    return new PatientBolusReply(BolusRefusal.NONE, dose, dosesLeftToday, lockoutRemainingSeconds, eventSequence);
  }

  public static PatientBolusReply refused(BolusRefusal reason, int dosesLeftToday, int lockoutRemainingSeconds) {
    if (reason == BolusRefusal.NONE) {
      throw new InvalidValueException("refusal", reason.name(), "a refusal reason", "NONE means granted");
    }
    return new PatientBolusReply(reason, Mass.ZERO, dosesLeftToday, lockoutRemainingSeconds, 0);
  }

  public boolean granted() {
    return refusal == BolusRefusal.NONE;
  }

  @Override
  public MessageType type() {
    return MessageType.PATIENT_BOLUS_REPLY;
  }
}
