// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openitb.link.message.Octets;
import org.openitb.link.message.WireLimits;

/** Big-endian writer of one message body; never grows past {@link WireLimits#MAX_BODY_BYTES}. */
final class BodyWriter {
  private byte[] buf = new byte[64];
  private int size;

  BodyWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  BodyWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  BodyWriter u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  BodyWriter i16(int v) {
    return u16(v & 0xFFFF);
  }

  BodyWriter u32(long v) {
    return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
  }

  BodyWriter i64(long v) {
    return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
  }

  BodyWriter bytes(Octets o) {
    byte[] b = o.bytes();
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** One length byte, then ASCII (message constructors guarantee ASCII within the limits). */
  BodyWriter str(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    u8(b.length);
    return bytes(new Octets(b));
  }

  byte[] toBytes() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > WireLimits.MAX_BODY_BYTES) {
      // Unreachable for messages that passed their constructors; kept so no input can grow a body without bound.
      throw new IllegalStateException("body exceeds " + WireLimits.MAX_BODY_BYTES + " bytes");
    }
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(WireLimits.MAX_BODY_BYTES, Math.max(buf.length * 2, size + more)));
    }
  }
}
