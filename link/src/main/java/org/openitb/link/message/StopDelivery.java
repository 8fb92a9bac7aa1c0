// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Objects;
import java.util.Optional;

import java.time.Duration;

/**
 * A deliberate stop. It always carries an expiry: when it passes without a resume or a new
 * therapy, the pump raises a critical alarm (a pump is never left stopped by accident). A stop
 * the pump's device model marks as needing a second person (link/PROTOCOL.md 8.10: longer than a
 * single clinician's emergency stop) also carries a second clinician's {@link CoSignature}.
 */
public record StopDelivery(Duration expiry, Optional<CoSignature> coSignature) implements DeliveryChange, CoSignable {
  public StopDelivery {
    Check.minutes("expiry", expiry, 1, WireLimits.MAX_STOP_MINUTES);
    Objects.requireNonNull(coSignature, "coSignature (use Optional.empty())");
  }

  public StopDelivery(Duration expiry) {
    this(expiry, Optional.empty());
  }

  @Override
  public StopDelivery withoutCoSignature() {
    return new StopDelivery(expiry);
  }

  @Override
  public StopDelivery withCoSignature(CoSignature coSignature) {
    return new StopDelivery(expiry, Optional.of(coSignature));
  }

  @Override
  public MessageType type() {
    return MessageType.STOP_DELIVERY;
  }
}
