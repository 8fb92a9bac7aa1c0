// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; any overrun or out-of-range value is a {@link CorruptDataException}. */
public final class ByteReader {
  private final byte[] bytes;
  private int position;
  private final int limit;

  public ByteReader(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new CorruptDataException("bad range " + offset + "+" + length);
    }
    this.bytes = bytes;
    this.position = offset;
    this.limit = offset + length;
  }

  private void need(int n) {
    if (position + n > limit) {
      throw new CorruptDataException("read past the end");
    }
  }

  int getByte() {
    need(1);
    return bytes[position++] & 0xff;
  }

  boolean getBoolean() {
    int b = getByte();
    if (b > 1) {
      throw new CorruptDataException("boolean " + b);
    }
    return b == 1;
  }

  public int getInt() {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (bytes[position++] & 0xff);
    }
    return v;
  }

  long getLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[position++] & 0xff);
    }
    return v;
  }

  String getString() {
    int n = getByte();
    need(n);
    String s = new String(bytes, position, n, StandardCharsets.UTF_8);
    position += n;
    return s;
  }

  /** The constant whose explicit code ({@link StoredCodes}) is the next byte. */
  <E extends Enum<E>> E getCode(Class<E> type, java.util.function.ToIntFunction<E> code) {
    return StoredCodes.decode(type, code, getByte());
  }

  /** A count that must lie within 0..max. */
  int getCount(int max) {
    int n = getByte();
    if (n > max) {
      throw new CorruptDataException("count " + n + " > " + max);
    }
    return n;
  }

  void expectEnd() {
    if (position != limit) {
      throw new CorruptDataException((limit - position) + " trailing bytes");
    }
  }
}
