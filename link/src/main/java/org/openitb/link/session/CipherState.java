// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.WireLimits;

/**
 * AES-128-GCM for one direction of one session. The nonce is the direction's nonce base XOR the
 * frame's sequence number, and the 12-byte header is the associated data, so a frame is bound to
 * its session, type, position and length. The sender numbers frames 1, 2, 3...; the receiver
 * keeps the last sequence number it accepted and opens nothing at or below it (replay protection).
 */
final class CipherState {
  private static final int TAG_BITS = WireLimits.TAG_BYTES * 8;

  private final SecretKeySpec key;
  private final byte[] ivBase;
  private final long sessionId;
  private long sequence;

  CipherState(byte[] key, byte[] ivBase, long sessionId) {
    this.key = new SecretKeySpec(key, "AES");
    this.ivBase = ivBase.clone();
    this.sessionId = sessionId;
  }

  long sessionId() {
    return sessionId;
  }

  /** Sender: the last sequence number used. Receiver: the last one accepted. */
  long sequence() {
    return sequence;
  }

  boolean exhausted() {
    return sequence >= WireLimits.MAX_SEQUENCE;
  }

  /** Encrypts {@code body} as the next frame of this direction. */
  byte[] seal(MessageType type, byte[] body) {
    if (exhausted()) {
      throw new IllegalStateException("sequence numbers exhausted; open a new session");
    }
    sequence++;
    FrameHeader header = new FrameHeader(FrameHeader.FRAME_VERSION, type, sessionId, sequence, body.length + WireLimits.TAG_BYTES);
    byte[] aad = header.bytes();
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, sequence);
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(body);
      byte[] frame = Arrays.copyOf(aad, aad.length + sealed.length);
      System.arraycopy(sealed, 0, frame, aad.length, sealed.length);
      return frame;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * The plaintext of a sealed frame of this direction, or empty when its tag does not verify
   * (tampered, truncated, another session's or another direction's frame). Does not check or
   * advance the sequence number: the caller does that only after the frame authenticated.
   */
  Optional<byte[]> open(FrameHeader header, byte[] frame) {
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, header.sequence());
      c.updateAAD(frame, 0, WireLimits.HEADER_BYTES);
      return Optional.of(c.doFinal(frame, WireLimits.HEADER_BYTES, frame.length - WireLimits.HEADER_BYTES));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  void accept(long sequenceNumber) {
    sequence = sequenceNumber;
  }

  private Cipher cipher(int mode, long seq) throws GeneralSecurityException {
    byte[] nonce = ivBase.clone();
    for (int i = 0; i < Long.BYTES; i++) {
      nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    return c;
  }
}
