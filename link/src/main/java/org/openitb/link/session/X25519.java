// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import org.openitb.link.message.WireLimits;

/** Ephemeral X25519 through the JDK, with keys as the raw 32 bytes the handshake carries. */
final class X25519 {
  private static final String ALGORITHM = "X25519";
  /** The fixed X.509 SubjectPublicKeyInfo prefix of an X25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");

  private X25519() {}

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
      g.initialize(NamedParameterSpec.X25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides X25519 since Java 11", e);
    }
  }

  static byte[] raw(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - WireLimits.X25519_KEY_BYTES, encoded.length);
  }

  /**
   * The shared secret with a peer's raw public key, or empty when the key is unusable (a
   * small-order point gives an all-zero secret, which would make the session keys predictable).
   */
  static Optional<byte[]> agree(PrivateKey own, byte[] peerRaw) {
    try {
      byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + peerRaw.length);
      System.arraycopy(peerRaw, 0, encoded, X509_PREFIX.length, peerRaw.length);
      PublicKey peer = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
      KeyAgreement ka = KeyAgreement.getInstance(ALGORITHM);
      ka.init(own);
      ka.doPhase(peer, true);
      byte[] secret = ka.generateSecret();
      boolean allZero = true;
      for (byte b : secret) {
        allZero &= b == 0;
      }
      return allZero ? Optional.empty() : Optional.of(secret);
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
