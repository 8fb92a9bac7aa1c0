// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.time.Duration;

/**
 * A deliberate stop. It always carries an expiry: when it passes without a resume or a new
 * therapy, the pump raises a critical alarm (a pump is never left stopped by accident).
 */
public record StopDelivery(Duration expiry) implements DeliveryChange {
  public StopDelivery {
    Check.minutes("expiry", expiry, 1, WireLimits.MAX_STOP_MINUTES);
  }

  @Override
  public MessageType type() {
    return MessageType.STOP_DELIVERY;
  }
}
