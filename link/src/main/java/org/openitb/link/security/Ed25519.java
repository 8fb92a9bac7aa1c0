// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 through the JDK: key generation, signing, verification and raw 32-byte public keys. */
final class Ed25519 {
  static final String ALGORITHM = "Ed25519";
  static final int PUBLIC_KEY_BYTES = 32;
  /** The fixed X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410), before the 32 raw bytes. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
      g.initialize(255, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
    }
  }

  /**
   * The key pair of a raw 32-byte private key (RFC 8032). The JDK has no public-key derivation
   * call, but its generator draws exactly the 32 private-key bytes from its random source, so a
   * source that returns {@code raw} yields that key pair (checked by {@code DeviceCredentialTest}).
   */
  static KeyPair fromPrivate(byte[] raw) {
    if (raw.length != 32) {
      throw new org.openitb.therapy.units.InvalidValueException("private key", raw.length + " bytes", "32 bytes", "not a raw Ed25519 private key");
    }
    byte[] copy = raw.clone();
    SecureRandom exact = new SecureRandom() {
      private boolean used;

      @Override
      public void nextBytes(byte[] bytes) {
        if (used || bytes.length != copy.length) {
          throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length + " random bytes; expected 32 once");
        }
        used = true;
        System.arraycopy(copy, 0, bytes, 0, copy.length);
      }
    };
    KeyPair pair = generate(exact);
    if (!java.util.Arrays.equals(rawPrivate(pair.getPrivate()), raw)) {
      throw new IllegalStateException("the platform's Ed25519 generator did not use the given private key");
    }
    return pair;
  }

  /** The raw 32 private-key bytes (RFC 8032) of a JDK Ed25519 private key. */
  static byte[] rawPrivate(PrivateKey key) {
    return ((java.security.interfaces.EdECPrivateKey) key).getBytes()
        .orElseThrow(() -> new IllegalStateException("the private key's bytes are not available"));
  }

  static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** False for any bad, malformed or wrong-length signature; never throws on attacker input. */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static byte[] raw(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded.length != X509_PREFIX.length + PUBLIC_KEY_BYTES
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
  }

  static PublicKey fromRaw(byte[] raw) {
    if (raw.length != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
    }
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_BYTES);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, PUBLIC_KEY_BYTES);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key", e);
    }
  }
}
