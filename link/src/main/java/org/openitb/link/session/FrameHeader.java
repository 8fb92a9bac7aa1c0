// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.Arrays;
import org.openitb.link.codec.MalformedMessageException;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.WireLimits;

/**
 * The 12-byte clear header of every frame: version, message type, session id, sequence number
 * and the length of what follows (body, or ciphertext plus tag). In sealed frames the header is
 * the AES-GCM associated data, so none of it can be changed unnoticed.
 */
record FrameHeader(int version, MessageType type, long sessionId, long sequence, int length) {
  /**
   * The frame format version: 1 in every frame of protocol versions 1 and 2 (the frame format did
   * not change; the negotiated protocol version travels in the hello and the challenge).
   */
  static final int FRAME_VERSION = 1;

  /** Parses and checks a whole frame's header against the frame's actual length. */
  static FrameHeader parse(byte[] frame) {
    if (frame.length < WireLimits.HEADER_BYTES) {
      throw new MalformedMessageException("frame", "truncated: " + frame.length + " bytes, header needs " + WireLimits.HEADER_BYTES);
    }
    if (frame.length > WireLimits.MAX_FRAME_BYTES) {
      throw new MalformedMessageException("frame", frame.length + " bytes exceeds " + WireLimits.MAX_FRAME_BYTES);
    }
    int version = frame[0] & 0xFF;
    if (version != FRAME_VERSION) {
      throw new MalformedMessageException("version", "frame version " + version + ", this pump speaks " + FRAME_VERSION);
    }
    int code = frame[1] & 0xFF;
    MessageType type = MessageType.fromCode(code)
        .orElseThrow(() -> new MalformedMessageException("type", "unknown message type 0x" + Integer.toHexString(code)));
    long sessionId = u32(frame, 2);
    long sequence = u32(frame, 6);
    int length = ((frame[10] & 0xFF) << 8) | (frame[11] & 0xFF);
    if (length != frame.length - WireLimits.HEADER_BYTES) {
      throw new MalformedMessageException("length", "header says " + length + ", frame carries " + (frame.length - WireLimits.HEADER_BYTES));
    }
    int overhead = type.sealed() ? WireLimits.TAG_BYTES : 0;
    if (length < overhead || length - overhead > WireLimits.MAX_BODY_BYTES) {
      throw new MalformedMessageException("length", length + " bytes is not a valid " + type + " frame");
    }
    return new FrameHeader(version, type, sessionId, sequence, length);
  }

  byte[] bytes() {
    byte[] h = new byte[WireLimits.HEADER_BYTES];
    h[0] = (byte) version;
    h[1] = (byte) type.code();
    putU32(h, 2, sessionId);
    putU32(h, 6, sequence);
    h[10] = (byte) (length >>> 8);
    h[11] = (byte) length;
    return h;
  }

  /** The payload after the header (the clear body, or ciphertext and tag). */
  static byte[] payload(byte[] frame) {
    return Arrays.copyOfRange(frame, WireLimits.HEADER_BYTES, frame.length);
  }

  /** A clear (handshake) frame: header, then the body as is. */
  static byte[] clearFrame(MessageType type, long sessionId, byte[] body) {
    byte[] header = new FrameHeader(FRAME_VERSION, type, sessionId, 0, body.length).bytes();
    byte[] frame = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, frame, header.length, body.length);
    return frame;
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static void putU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
