// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * The pump's answer to a hello (in clear): the version chosen, the pump's serial number, its own
 * ephemeral X25519 key and its Ed25519 signature over the hello frame and this frame up to the
 * signature. The frame header carries the new session id.
 */
public record SessionChallenge(int version, String pumpSerial, Octets ephemeralKey, Octets signature) implements SessionControl {
  public SessionChallenge {
    Check.range("version", version, 1, 255);
    Check.deviceId("pump serial", pumpSerial);
    Check.length("ephemeral key", ephemeralKey, WireLimits.X25519_KEY_BYTES);
    Check.length("signature", signature, WireLimits.ED25519_SIGNATURE_BYTES);
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_CHALLENGE;
  }
}
