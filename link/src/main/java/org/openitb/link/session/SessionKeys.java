// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.nio.charset.StandardCharsets;

/**
 * One session's keys: an AES-128 key and a 12-byte nonce base for each direction, derived with
 * HKDF-SHA256 from the X25519 shared secret, salted with the transcript hash. Separate keys per
 * direction mean a frame can never be reflected back to its sender.
 */
record SessionKeys(byte[] toPumpKey, byte[] toPumpIv, byte[] fromPumpKey, byte[] fromPumpIv) {
  static final int KEY_BYTES = 16;
  static final int IV_BYTES = 12;
  private static final String LABEL = "OpenITB link v1 ";

  static SessionKeys derive(byte[] sharedSecret, byte[] transcriptHash) {
    byte[] prk = Hkdf.extract(transcriptHash, sharedSecret);
    return new SessionKeys(
        Hkdf.expand(prk, info("key to pump"), KEY_BYTES),
        Hkdf.expand(prk, info("iv to pump"), IV_BYTES),
        Hkdf.expand(prk, info("key from pump"), KEY_BYTES),
        Hkdf.expand(prk, info("iv from pump"), IV_BYTES));
  }

  private static byte[] info(String purpose) {
    return (LABEL + purpose).getBytes(StandardCharsets.US_ASCII);
  }
}
