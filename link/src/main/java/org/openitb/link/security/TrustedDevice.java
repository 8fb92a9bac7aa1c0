// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.security.PublicKey;
import org.openitb.link.Role;

/** One device a pump trusts: its id, the one role it may open sessions in, and its Ed25519 public key. */
public record TrustedDevice(String deviceId, Role role, PublicKey publicKey) {
  /** The raw 32-byte public key, for provisioning files. */
  public byte[] rawPublicKey() {
    return Ed25519.raw(publicKey);
  }

  /** A trusted device from a raw 32-byte Ed25519 public key. */
  public static TrustedDevice fromRaw(String deviceId, Role role, byte[] rawPublicKey) {
    return new TrustedDevice(deviceId, role, Ed25519.fromRaw(rawPublicKey));
  }
}
