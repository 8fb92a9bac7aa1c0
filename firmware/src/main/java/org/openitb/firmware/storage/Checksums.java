// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.util.zip.CRC32;

/** CRC-32 over stored bytes (safety.md 5.3: CRC-32 over prescription and limits, redundant copies). */
public final class Checksums {
  private Checksums() {}

  public static int crc32(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
