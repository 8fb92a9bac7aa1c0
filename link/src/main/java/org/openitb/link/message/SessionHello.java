// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import org.openitb.link.Role;

/**
 * Opens a session (sent in clear, only heard with proximity): the protocol versions the device
 * speaks, the role it asks for, its device id (public, never a secret) and a fresh ephemeral
 * X25519 public key. From version 2 on (a max version of 2 or more) it also carries the device's
 * hello counter, strictly rising per device, and the device's Ed25519 signature over the pump's
 * serial and the hello frame up to the signature (link/PROTOCOL.md 8.3), so the pump can tell a
 * device's own hello from a stranger's or a recorded one before it spends anything on it. The
 * whole frame is signed later by both sides, so no field can be altered (a downgrade of the
 * version range included).
 *
 * @param counter 1..2^63-1 in a signed hello; 0 in a version-1 hello
 * @param signature 64 bytes in a signed hello; empty in a version-1 hello
 */
public record SessionHello(int minVersion, int maxVersion, Role role, String deviceId, Octets ephemeralKey, long counter, Octets signature)
    implements SessionControl {
  public SessionHello {
    Check.range("min version", minVersion, 1, 255);
    Check.range("max version", maxVersion, minVersion, 255);
    Check.deviceId("device id", deviceId);
    Check.length("ephemeral key", ephemeralKey, WireLimits.X25519_KEY_BYTES);
    if (signed(maxVersion)) {
      Check.range("counter", counter, 1, WireLimits.MAX_HELLO_COUNTER);
      Check.length("signature", signature, WireLimits.ED25519_SIGNATURE_BYTES);
    } else {
      Check.range("counter", counter, 0, 0);
      Check.length("signature", signature, 0);
    }
  }

  /** A version-1 hello (no counter, no signature): what a device of the retired version sends. */
  public SessionHello(int minVersion, int maxVersion, Role role, String deviceId, Octets ephemeralKey) {
    this(minVersion, maxVersion, role, deviceId, ephemeralKey, 0, new Octets(new byte[0]));
  }

  /** True when a hello whose max version is {@code maxVersion} carries a counter and a signature. */
  public static boolean signed(int maxVersion) {
    return maxVersion >= WireLimits.SIGNED_HELLO_VERSION;
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_HELLO;
  }
}
