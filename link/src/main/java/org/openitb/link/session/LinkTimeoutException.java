// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.LinkException;
import org.openitb.link.message.MessageType;

/**
 * No valid answer came after every retransmission. When the request could change delivery the
 * outcome is uncertain (the pump may have acted and its answer been lost): the caller must
 * interrogate the pump, never simply send it again (the LoopKit lesson).
 */
public class LinkTimeoutException extends LinkException {
  private static final long serialVersionUID = 1L;
  private final MessageType request;
  private final boolean deliveryUncertain;

  public LinkTimeoutException(MessageType request, int attempts) {
    super("no answer to " + request + " after " + attempts + " attempts"
        + (request.changesDelivery() ? "; delivery uncertain until the pump is interrogated" : ""));
    this.request = request;
    this.deliveryUncertain = request.changesDelivery();
  }

  public MessageType request() {
    return request;
  }

  public boolean deliveryUncertain() {
    return deliveryUncertain;
  }
}
