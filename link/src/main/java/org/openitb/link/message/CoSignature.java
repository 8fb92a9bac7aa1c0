// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A second clinician's signature, with their own trusted CLINICIAN credential, over one therapy
 * transition (link/PROTOCOL.md 8.10): the pump commits a change its device model marks as needing
 * a second person only with this, from a credential other than the committing session's.
 *
 * @param cosignerId the second clinician credential's device id (1..32 id characters)
 * @param signature Ed25519 over {@link #signedBytes}
 */
public record CoSignature(String cosignerId, Octets signature) {
  /** The context string that starts the signed bytes. */
  public static final String CONTEXT = "OpenITB link v1 co-sign";

  public CoSignature {
    Check.deviceId("co-signer", cosignerId);
    Check.length("co-signature", signature, WireLimits.ED25519_SIGNATURE_BYTES);
  }

  /**
   * What the second clinician signs: the context string, the pump serial as a str8, the checksum
   * of the therapy running now (8 zero bytes when none) and the proposal's checksum. Binding the
   * running therapy keeps a co-signature for "300 -> 500" from being replayed on another transition.
   */
  public static byte[] signedBytes(String pumpSerial, TherapyChecksum running, TherapyChecksum proposed) {
    Objects.requireNonNull(pumpSerial, "pumpSerial");
    byte[] context = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] serial = pumpSerial.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[context.length + 1 + serial.length + 16];
    System.arraycopy(context, 0, out, 0, context.length);
    out[context.length] = (byte) serial.length;
    System.arraycopy(serial, 0, out, context.length + 1, serial.length);
    System.arraycopy(running.value().bytes(), 0, out, context.length + 1 + serial.length, 8);
    System.arraycopy(proposed.value().bytes(), 0, out, context.length + 9 + serial.length, 8);
    return out;
  }
}
