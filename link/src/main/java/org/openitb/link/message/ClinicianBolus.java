// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.time.Duration;
import org.openitb.therapy.units.Mass;

/** A one-off bolus of {@code dose} delivered over {@code duration} (whole minutes) on top of the basal rate. */
public record ClinicianBolus(Mass dose, Duration duration) implements DeliveryChange {
  public ClinicianBolus {
    Check.range("dose ng", dose.nanograms(), 1, WireLimits.MAX_BOLUS_NG);
    Check.minutes("duration", duration, 1, WireLimits.MAX_BOLUS_MINUTES);
  }

  @Override
  public MessageType type() {
    return MessageType.CLINICIAN_BOLUS;
  }
}
