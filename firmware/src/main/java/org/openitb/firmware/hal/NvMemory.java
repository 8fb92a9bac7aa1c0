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
}
