// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.openitb.link.message.Octets;
import org.openitb.therapy.units.InvalidValueException;

/**
 * The pump's own identity: its serial number (printed on the device and never a secret) and an
 * Ed25519 key pair made at manufacture. Programmers learn the public key when they are paired
 * with the pump ({@link TrustedPumps}); the pump signs each session challenge with the private key.
 */
public final class PumpCredential {
  private final String serial;
  private final KeyPair keys;

  public PumpCredential(String serial, KeyPair keys) {
    if (serial.isEmpty() || serial.length() > 32 || !serial.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidValueException("pump serial", serial, "1..32 of A-Z a-z 0-9 . _ -", "not a serial number");
    }
    this.serial = serial;
    this.keys = keys;
  }

  public static PumpCredential generate(String serial, SecureRandom random) {
    return new PumpCredential(serial, Ed25519.generate(random));
  }

  public String serial() {
    return serial;
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  public Octets sign(byte[] data) {
    return new Octets(Ed25519.sign(keys.getPrivate(), data));
  }

  @Override
  public String toString() {
    return "PumpCredential[" + serial + "]";
  }
}
