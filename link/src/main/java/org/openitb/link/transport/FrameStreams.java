// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.openitb.link.message.WireLimits;

/**
 * Length-prefixed frames on a byte stream: a big-endian u16 length, then the frame. A length
 * above {@link WireLimits#MAX_FRAME_BYTES} is refused before anything is allocated.
 */
final class FrameStreams {
  private FrameStreams() {}

  static void write(OutputStream out, byte[] frame) throws IOException {
    if (frame.length > WireLimits.MAX_FRAME_BYTES) {
      throw new TransportException("frame of " + frame.length + " bytes exceeds " + WireLimits.MAX_FRAME_BYTES);
    }
    byte[] buf = new byte[2 + frame.length];
    buf[0] = (byte) (frame.length >>> 8);
    buf[1] = (byte) frame.length;
    System.arraycopy(frame, 0, buf, 2, frame.length);
    out.write(buf);
    out.flush();
  }

  /**
   * The next frame, or empty when the socket timeout passes before its first byte. A timeout in
   * the middle of a frame or a closed stream is a {@link TransportException}: the stream is no
   * longer aligned on frames.
   */
  static Optional<byte[]> read(InputStream in) throws IOException {
    int first;
    try {
      first = in.read();
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    if (first < 0) {
      throw new TransportException("connection closed by peer");
    }
    try {
      int second = in.read();
      if (second < 0) {
        throw new EOFException();
      }
      int length = (first << 8) | second;
      if (length > WireLimits.MAX_FRAME_BYTES) {
        throw new TransportException("announced frame of " + length + " bytes exceeds " + WireLimits.MAX_FRAME_BYTES);
      }
      byte[] frame = in.readNBytes(length);
      if (frame.length != length) {
        throw new TransportException("connection closed inside a frame");
      }
      return Optional.of(frame);
    } catch (SocketTimeoutException | EOFException e) {
      throw new TransportException("stream broken inside a frame", e);
    }
  }
}
