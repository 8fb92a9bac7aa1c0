// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.time.Duration;
import org.openitb.therapy.units.Volume;

/** Pushes {@code volume} (pump tubing and catheter dead space) over {@code duration} after implant or revision. */
public record PrimingBolus(Volume volume, Duration duration) implements DeliveryChange {
  public PrimingBolus {
    Check.range("volume nL", volume.nanolitres(), 1, WireLimits.MAX_PRIMING_VOLUME_NL);
    Check.minutes("duration", duration, 1, WireLimits.MAX_BOLUS_MINUTES);
  }

  @Override
  public MessageType type() {
    return MessageType.PRIMING_BOLUS;
  }
}
