// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.openitb.link.message.WireLimits;

/**
 * What each side signs during the handshake. Distinct context strings stop a signature made for
 * one purpose being replayed for the other; hashing whole frames (headers included) binds the
 * version range, role, device id, session id and both ephemeral keys.
 */
final class Transcript {
  static final byte[] PUMP_CONTEXT = "OpenITB link v1 pump challenge".getBytes(StandardCharsets.US_ASCII);
  static final byte[] DEVICE_CONTEXT = "OpenITB link v1 device response".getBytes(StandardCharsets.US_ASCII);
  /** Version 2: the device signs its hello (the v1 context strings above stay in use). */
  static final byte[] HELLO_CONTEXT = "OpenITB link v2 device hello".getBytes(StandardCharsets.US_ASCII);

  private Transcript() {}

  /** The pump signs its context, the hello frame and its challenge frame up to the signature field. */
  static byte[] pumpSigned(byte[] helloFrame, byte[] challengeFrame) {
    byte[] unsigned = Arrays.copyOf(challengeFrame, challengeFrame.length - WireLimits.ED25519_SIGNATURE_BYTES);
    return concat(PUMP_CONTEXT, helloFrame, unsigned);
  }

  /**
   * The device signs its hello: the context, the serial of the pump it means (a str8: so a hello
   * recorded at one pump is worthless at another), then the hello frame up to the signature field,
   * header included (the counter and the ephemeral key with it).
   */
  static byte[] helloSigned(String pumpSerial, byte[] helloFrame) {
    byte[] serial = pumpSerial.getBytes(StandardCharsets.US_ASCII);
    byte[] str8 = new byte[1 + serial.length];
    str8[0] = (byte) serial.length;
    System.arraycopy(serial, 0, str8, 1, serial.length);
    byte[] unsigned = Arrays.copyOf(helloFrame, helloFrame.length - WireLimits.ED25519_SIGNATURE_BYTES);
    return concat(HELLO_CONTEXT, str8, unsigned);
  }

  /** SHA-256 of the hello and the complete challenge frame: the salt of the key derivation. */
  static byte[] hash(byte[] helloFrame, byte[] challengeFrame) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(helloFrame);
      d.update(challengeFrame);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The device signs its context and the transcript hash. */
  static byte[] deviceSigned(byte[] transcriptHash) {
    return concat(DEVICE_CONTEXT, transcriptHash);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
