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
  /** The context string that starts the signed bytes of a therapy transition (COMMIT_THERAPY). */
  public static final String CONTEXT = "OpenITB link v1 co-sign";
  /** The context string that starts the signed bytes of a co-signed command (STOP_DELIVERY, REFILL). */
  public static final String COMMAND_CONTEXT = "OpenITB link v2 co-sign command";
  /** Bytes of a session's transcript hash (th, link/PROTOCOL.md 8.3), which a command co-signature binds. */
  public static final int TRANSCRIPT_HASH_BYTES = 32;

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

  /**
   * What the second clinician signs for a command (link/PROTOCOL.md 8.10): the command context,
   * the pump serial as a str8, the session's transcript hash, the sequence number of the sealed
   * frame that carries the command (u32), the message type code (u8) and the command's body
   * without the co-signature. So a co-signature is good for exactly one frame of one session, for
   * exactly that command: it cannot be replayed for another command, later, or in another session.
   */
  public static byte[] commandSignedBytes(String pumpSerial, byte[] transcriptHash, long sequence, MessageType type, byte[] unsignedBody) {
    Objects.requireNonNull(pumpSerial, "pumpSerial");
    if (transcriptHash.length != TRANSCRIPT_HASH_BYTES) {
      throw new IllegalArgumentException("transcript hash: " + transcriptHash.length + " bytes; allowed " + TRANSCRIPT_HASH_BYTES);
    }
    if (sequence < 1 || sequence > WireLimits.MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence: " + sequence + "; allowed 1.." + WireLimits.MAX_SEQUENCE);
    }
    byte[] context = COMMAND_CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] serial = pumpSerial.getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(context);
    out.write(serial.length);
    out.writeBytes(serial);
    out.writeBytes(transcriptHash);
    out.write((int) (sequence >>> 24));
    out.write((int) (sequence >>> 16));
    out.write((int) (sequence >>> 8));
    out.write((int) sequence);
    out.write(type.code());
    out.writeBytes(unsignedBody);
    return out.toByteArray();
  }
}
