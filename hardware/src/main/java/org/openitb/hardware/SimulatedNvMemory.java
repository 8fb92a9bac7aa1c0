// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.Arrays;
import java.util.Objects;
import org.openitb.firmware.hal.NvMemory;

/**
 * Non-volatile memory: a byte array that survives resets (the pump keeps the same instance). A
 * new memory is erased (every byte 0xFF, as erased flash reads). Faults flip stored bits, so every
 * later read sees them, or make writes silently fail for a while. Reads and writes copy, so the
 * firmware can never alias the cells.
 */
final class SimulatedNvMemory implements NvMemory {
  static final byte ERASED = (byte) 0xFF;
  private static final int ALL_BITS = 0xFF;

  private final byte[] cells;
  private final VirtualClock clock;
  private long writesFailUntilMillis = Long.MIN_VALUE;
  private long writesLost;

  SimulatedNvMemory(int size, VirtualClock clock) {
    this.cells = new byte[size];
    Arrays.fill(cells, ERASED);
    this.clock = clock;
  }

  @Override
  public int size() {
    return cells.length;
  }

  @Override
  public byte[] read(int address, int length) {
    Objects.checkFromIndexSize(address, length, cells.length);
    return Arrays.copyOfRange(cells, address, address + length);
  }

  @Override
  public void write(int address, byte[] data) {
    write(address, data, 0, data.length);
  }

  /** Copies straight from the firmware's buffer into the cells (no intermediate array). */
  @Override
  public void write(int address, byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    Objects.checkFromIndexSize(address, length, cells.length);
    if (clock.nowMillis() < writesFailUntilMillis) {
      writesLost++;
      return;
    }
    System.arraycopy(data, offset, cells, address, length);
  }

  void flipBit(int address, int bit) {
    Objects.checkIndex(address, cells.length);
    cells[address] ^= (byte) (1 << bit);
  }

  void invert(int address, int length) {
    Objects.checkFromIndexSize(address, length, cells.length);
    for (int i = address; i < address + length; i++) {
      cells[i] ^= (byte) ALL_BITS;
    }
  }

  void failWritesUntil(long untilMillis) {
    writesFailUntilMillis = untilMillis;
  }

  long writesLost() {
    return writesLost;
  }

  /** A copy of every cell, for tests and diagnostics. */
  byte[] snapshot() {
    return cells.clone();
  }
}
