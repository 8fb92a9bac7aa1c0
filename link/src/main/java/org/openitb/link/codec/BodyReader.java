// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openitb.link.message.Octets;

/**
 * Big-endian reader over one message body. Every read checks the remaining length first, so a
 * length field can never make it allocate more than the body already holds.
 */
final class BodyReader {
  private final byte[] body;
  private int pos;

  BodyReader(byte[] body) {
    this.body = body;
  }

  int u8(String field) {
    need(field, 1);
    return body[pos++] & 0xFF;
  }

  boolean bool(String field) {
    int v = u8(field);
    if (v > 1) {
      throw new MalformedMessageException(field, "boolean must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  int u16(String field) {
    need(field, 2);
    return (u8(field) << 8) | u8(field);
  }

  int i16(String field) {
    return (short) u16(field);
  }

  long u32(String field) {
    need(field, 4);
    return ((long) u16(field) << 16) | u16(field);
  }

  long i64(String field) {
    need(field, 8);
    return (u32(field) << 32) | u32(field);
  }

  /** {@code u32} checked against {@code min..max}. */
  long u32(String field, long min, long max) {
    return range(field, u32(field), min, max);
  }

  long i64(String field, long min, long max) {
    return range(field, i64(field), min, max);
  }

  int u16(String field, int min, int max) {
    return (int) range(field, u16(field), min, max);
  }

  int u8(String field, int min, int max) {
    return (int) range(field, u8(field), min, max);
  }

  Octets bytes(String field, int length) {
    need(field, length);
    byte[] b = Arrays.copyOfRange(body, pos, pos + length);
    pos += length;
    return new Octets(b);
  }

  /** A length byte then that many printable ASCII characters, {@code min..max} of them. */
  String str(String field, int min, int max) {
    int length = u8(field, min, max);
    need(field, length);
    for (int i = pos; i < pos + length; i++) {
      if (body[i] < 0x20 || body[i] > 0x7E) {
        throw new MalformedMessageException(field, "non-printable character 0x" + Integer.toHexString(body[i] & 0xFF));
      }
    }
    String s = new String(body, pos, length, StandardCharsets.US_ASCII);
    pos += length;
    return s;
  }

  /** True when bytes remain after the current position. */
  boolean hasMore() {
    return pos < body.length;
  }

  void end() {
    if (pos != body.length) {
      throw new MalformedMessageException("body", (body.length - pos) + " trailing bytes");
    }
  }

  private static long range(String field, long v, long min, long max) {
    if (v < min || v > max) {
      throw new MalformedMessageException(field, v + " outside " + min + ".." + max);
    }
    return v;
  }

  private void need(String field, int n) {
    if (n < 0 || body.length - pos < n) {
      throw new MalformedMessageException(field, "truncated: needs " + n + " bytes, " + (body.length - pos) + " left");
    }
  }
}
