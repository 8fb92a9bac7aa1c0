// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Ends a deliberate stop; the committed therapy runs again. */
public record ResumeDelivery() implements DeliveryChange {
  @Override
  public MessageType type() {
    return MessageType.RESUME_DELIVERY;
  }
}
