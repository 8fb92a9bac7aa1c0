// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.hardware.Pumps.HOUR;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;
import org.openitb.firmware.hal.NvMemory;

class MemoryTest {
  private static final int ADDRESS = 1_000;

  private static SimulatedPump pumpWithPattern() {
    SimulatedPump pump = Pumps.filled(HardwareParameters.ideal(), 1,
        new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(FakeFirmware.NO_WAKE)), new Recorder());
    pump.hal().memory().write(ADDRESS, new byte[] {0x00, 0x0F, (byte) 0xF0, 0x55});
    return pump;
  }

  @Test
  void aNewMemoryIsErasedAndKeepsWhatIsWritten() {
    SimulatedPump pump = pumpWithPattern();
    NvMemory memory = pump.hal().memory();

    assertThat(memory.size()).isEqualTo(HardwareParameters.DEFAULT_NV_MEMORY_BYTES);
    assertThat(memory.read(0, 2)).containsExactly(0xFF, 0xFF);
    assertThat(memory.read(ADDRESS, 4)).containsExactly(0x00, 0x0F, 0xF0, 0x55);
  }

  @Test
  void aBitFlipsAtItsInstantAndNotBefore() {
    SimulatedPump pump = pumpWithPattern();
    pump.inject(new Fault.MemoryBitFlip(HOUR, ADDRESS + 1, 7));
    byte[] before = pump.memorySnapshot();

    pump.runUntil(HOUR - 1);
    assertThat(pump.memorySnapshot()).isEqualTo(before);
    pump.runUntil(HOUR);

    byte[] after = pump.memorySnapshot();
    assertThat(pump.hal().memory().read(ADDRESS, 4)).containsExactly(0x00, 0x8F, 0xF0, 0x55);
    int differingBits = 0;
    for (int i = 0; i < after.length; i++) {
      differingBits += Integer.bitCount((before[i] ^ after[i]) & 0xFF);
    }
    assertThat(differingBits).isEqualTo(1);
  }

  @Test
  void aCorruptedRangeHasEveryBitInvertedAndNothingElseChanges() {
    SimulatedPump pump = pumpWithPattern();
    pump.inject(new Fault.MemoryCorruption(MINUTE, ADDRESS + 1, 2));

    pump.runUntil(MINUTE);

    assertThat(pump.hal().memory().read(ADDRESS - 1, 6)).containsExactly(0xFF, 0x00, 0xF0, 0x0F, 0x55, 0xFF);
  }

  @Test
  void writesAreSilentlyLostDuringAWriteFailure() {
    SimulatedPump pump = pumpWithPattern();
    pump.inject(new Fault.MemoryWriteFailure(MINUTE, HOUR));
    NvMemory memory = pump.hal().memory();

    pump.runUntil(2 * MINUTE);
    memory.write(ADDRESS, new byte[] {1});
    assertThat(memory.read(ADDRESS, 1)).containsExactly(0x00);
    pump.runUntil(MINUTE + HOUR);
    memory.write(ADDRESS, new byte[] {2});

    assertThat(memory.read(ADDRESS, 1)).containsExactly(0x02);
    assertThat(pump.memoryWritesLost()).isEqualTo(1);
  }

  @Test
  void readsAreCopiesAndOutOfRangeAccessIsRefused() {
    SimulatedPump pump = pumpWithPattern();
    NvMemory memory = pump.hal().memory();
    byte[] read = memory.read(ADDRESS, 1);
    read[0] = 9;

    assertThat(memory.read(ADDRESS, 1)).containsExactly(0x00);
    assertThatThrownBy(() -> memory.read(memory.size() - 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> pump.inject(new Fault.MemoryBitFlip(MINUTE, memory.size(), 0)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
