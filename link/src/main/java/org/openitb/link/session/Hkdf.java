// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), written out because the JDK's KDF API arrived after Java 21,
 * our target release. Checked against the RFC's test vectors in the tests.
 */
final class Hkdf {
  static final int HASH_BYTES = 32;
  private static final String HMAC = "HmacSHA256";
  /** RFC 5869: at most 255 blocks of output. */
  private static final int MAX_OUTPUT_BYTES = 255 * HASH_BYTES;

  private Hkdf() {}

  static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
    byte[] s = salt.length == 0 ? new byte[HASH_BYTES] : salt;
    return hmac(s, inputKeyMaterial);
  }

  static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
    if (length < 1 || length > MAX_OUTPUT_BYTES) {
      throw new IllegalArgumentException("HKDF output length " + length + " outside 1.." + MAX_OUTPUT_BYTES);
    }
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int filled = 0;
    for (int counter = 1; filled < length; counter++) {
      byte[] input = Arrays.copyOf(block, block.length + info.length + 1);
      System.arraycopy(info, 0, input, block.length, info.length);
      input[input.length - 1] = (byte) counter;
      block = hmac(pseudoRandomKey, input);
      int n = Math.min(block.length, length - filled);
      System.arraycopy(block, 0, out, filled, n);
      filled += n;
    }
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides HmacSHA256", e);
    }
  }
}
