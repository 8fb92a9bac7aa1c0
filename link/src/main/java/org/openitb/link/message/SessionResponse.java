// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** The device's proof (in clear): its Ed25519 signature over the hash of the hello and challenge frames. */
public record SessionResponse(Octets signature) implements SessionControl {
  public SessionResponse {
    Check.length("signature", signature, WireLimits.ED25519_SIGNATURE_BYTES);
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_RESPONSE;
  }
}
