// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.time.Duration;
import org.openitb.therapy.units.Volume;

/**
 * After a refill at a new concentration: deliver the old-concentration {@code volume} left in the
 * dead space over {@code duration} (at the old volume rate), then switch to the new rate.
 */
public record BridgeBolus(Volume volume, Duration duration) implements DeliveryChange {
  public BridgeBolus {
    Check.range("volume nL", volume.nanolitres(), 1, WireLimits.MAX_BRIDGE_VOLUME_NL);
    Check.minutes("duration", duration, 1, WireLimits.MAX_BRIDGE_MINUTES);
  }

  @Override
  public MessageType type() {
    return MessageType.BRIDGE_BOLUS;
  }
}
