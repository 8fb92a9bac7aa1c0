// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;
import org.openitb.link.Role;
import org.openitb.link.message.Octets;
import org.openitb.therapy.units.InvalidValueException;

/**
 * A programmer's or patient device's identity: its device id (public, like a serial number), the
 * role it was provisioned for and its own Ed25519 key pair, made at manufacture or pairing. The
 * private key never leaves this object: it only signs. No two devices share a key, so one lost
 * device is revoked by removing one entry from each pump's {@link TrustList}.
 */
public final class DeviceCredential {
  private final String deviceId;
  private final Role role;
  private final KeyPair keys;

  public DeviceCredential(String deviceId, Role role, KeyPair keys) {
    if (deviceId.isEmpty() || deviceId.length() > 32 || !deviceId.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidValueException("device id", deviceId, "1..32 of A-Z a-z 0-9 . _ -", "not a device id");
    }
    if (!Ed25519.ALGORITHM.equalsIgnoreCase(keys.getPublic().getAlgorithm()) && !"EdDSA".equalsIgnoreCase(keys.getPublic().getAlgorithm())) {
      throw new InvalidValueException("key", keys.getPublic().getAlgorithm(), "Ed25519", "wrong key type");
    }
    this.deviceId = deviceId;
    this.role = Objects.requireNonNull(role);
    this.keys = keys;
  }

  /** A fresh credential with a new key pair from {@code random}. */
  public static DeviceCredential generate(String deviceId, Role role, SecureRandom random) {
    return new DeviceCredential(deviceId, role, Ed25519.generate(random));
  }

  /**
   * The credential whose private key is {@code rawPrivateKey}: the 32-byte Ed25519 private key of
   * RFC 8032 (the standard raw form; PKCS#8 wraps exactly these bytes). The public key is derived
   * from it. This is how credentials are stored (link/PROTOCOL.md 8.1), never as a generator seed.
   */
  public static DeviceCredential fromPrivateKey(String deviceId, Role role, byte[] rawPrivateKey) {
    return new DeviceCredential(deviceId, role, Ed25519.fromPrivate(rawPrivateKey));
  }

  /** The raw 32-byte Ed25519 private key (RFC 8032), for storing a simulated or test credential. */
  public byte[] privateKeyBytes() {
    return Ed25519.rawPrivate(keys.getPrivate());
  }

  public String deviceId() {
    return deviceId;
  }

  public Role role() {
    return role;
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /** The entry a pump adds to its trust list when this device is paired. */
  public TrustedDevice trusted() {
    return new TrustedDevice(deviceId, role, keys.getPublic());
  }

  /** Signs {@code data} with the private key (the session handshake's proof of possession). */
  public Octets sign(byte[] data) {
    return new Octets(Ed25519.sign(keys.getPrivate(), data));
  }

  @Override
  public String toString() {
    return "DeviceCredential[" + deviceId + ", " + role + "]";
  }
}
