// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.codec;

/** Packs booleans into one flag byte, bit 0 first; unused bits must stay 0 (a later version may give them meaning). */
final class Flags {
  private Flags() {}

  static int of(boolean... bits) {
    int v = 0;
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        v |= 1 << i;
      }
    }
    return v;
  }

  static boolean[] read(BodyReader r, String field, int count) {
    int v = r.u8(field);
    if ((v >>> count) != 0) {
      throw new MalformedMessageException(field, "reserved bits set: 0x" + Integer.toHexString(v));
    }
    boolean[] out = new boolean[count];
    for (int i = 0; i < count; i++) {
      out[i] = (v & (1 << i)) != 0;
    }
    return out;
  }
}
