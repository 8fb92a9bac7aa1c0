// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.therapy.units.Mass;

/**
 * The patient asks for one bolus of the prescribed dose. {@code expectedDose} is the dose the
 * device showed; the pump refuses when it differs from its prescription (a stale device).
 */
public record PatientBolusRequest(Mass expectedDose) implements PatientRequest {
  public PatientBolusRequest {
    Check.range("expected dose ng", expectedDose.nanograms(), 1, WireLimits.MAX_BOLUS_NG);
  }

  @Override
  public MessageType type() {
    return MessageType.PATIENT_BOLUS_REQUEST;
  }
}
