// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer for the stored forms of settings and log entries. */
public final class ByteWriter {
  private static final int INITIAL_CAPACITY = 256;
  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int length;

  public void reset() {
    length = 0;
  }

  public int length() {
    return length;
  }

  public byte[] toArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** The internal buffer (valid up to {@link #length()}). */
  byte[] buffer() {
    return bytes;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  ByteWriter putByte(int v) {
    ensure(1);
    bytes[length++] = (byte) v;
    return this;
  }

  /** {@code count} bytes of {@code src} from {@code offset}, as {@link #putByte} one by one would. */
  ByteWriter putBytes(byte[] src, int offset, int count) {
    ensure(count);
    System.arraycopy(src, offset, bytes, length, count);
    length += count;
    return this;
  }

  /** {@code count} zero bytes. */
  ByteWriter putZeros(int count) {
    ensure(count);
    Arrays.fill(bytes, length, length + count, (byte) 0);
    length += count;
    return this;
  }

  ByteWriter putBoolean(boolean v) {
    return putByte(v ? 1 : 0);
  }

  ByteWriter putInt(int v) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes[length++] = (byte) (v >>> shift);
    }
    return this;
  }

  ByteWriter putLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[length++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** A string as one length byte and its UTF-8 bytes (at most 255 bytes). */
  ByteWriter putString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 255) {
      throw new IllegalArgumentException("string too long to store: " + s.length());
    }
    putByte(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, length, utf8.length);
    length += utf8.length;
    return this;
  }
}
