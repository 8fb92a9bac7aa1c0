// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.util.Optional;

/**
 * A command that may carry a second clinician's {@link CoSignature} after its own fields
 * (STOP_DELIVERY, REFILL; link/PROTOCOL.md 8.10). The co-signature covers the body of
 * {@link #withoutCoSignature()}.
 */
public sealed interface CoSignable permits Refill, StopDelivery {
  MessageType type();

  Optional<CoSignature> coSignature();

  /** The same command without a co-signature: its body is what a co-signer signs. */
  CoSignable withoutCoSignature();

  /** The same command carrying {@code coSignature}. */
  CoSignable withCoSignature(CoSignature coSignature);

  /** This command as the delivery change it is. */
  default DeliveryChange asDeliveryChange() {
    return (DeliveryChange) this;
  }
}
