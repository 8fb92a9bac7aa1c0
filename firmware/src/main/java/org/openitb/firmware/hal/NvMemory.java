// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/**
 * Non-volatile memory that survives resets. Reads may return flipped bits (the hardware can
 * corrupt cells); the firmware protects everything it stores with checksums.
 */
public interface NvMemory {
  int size();

  byte[] read(int address, int length);

  void write(int address, byte[] data);

  /**
   * Writes {@code length} bytes of {@code data} from {@code offset}: the same as writing that range
   * as an array of its own (memories may override it to skip the copy; the outcome must not differ).
   */
  default void write(int address, byte[] data, int offset, int length) {
    write(address, java.util.Arrays.copyOfRange(data, offset, offset + length));
  }
}
