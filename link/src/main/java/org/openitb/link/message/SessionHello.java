// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.link.Role;

/**
 * Opens a session (sent in clear, only heard with proximity): the protocol versions the device
 * speaks, the role it asks for, its device id (public, never a secret) and a fresh ephemeral
 * X25519 public key. The whole frame is signed later by both sides, so no field can be altered
 * (a downgrade of the version range included).
 */
public record SessionHello(int minVersion, int maxVersion, Role role, String deviceId, Octets ephemeralKey) implements SessionControl {
  public SessionHello {
    Check.range("min version", minVersion, 1, 255);
    Check.range("max version", maxVersion, minVersion, 255);
    Check.deviceId("device id", deviceId);
    Check.length("ephemeral key", ephemeralKey, WireLimits.X25519_KEY_BYTES);
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_HELLO;
  }
}
