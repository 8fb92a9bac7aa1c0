// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.util.ArrayList;
import java.util.List;
import org.openitb.firmware.hal.NvMemory;

/**
 * The pump's event log: a bounded ring of fixed-size, checksummed slots in non-volatile memory.
 * Entries are numbered from 1 and never renumbered; the oldest are overwritten when the ring is
 * full. Entry n lives in slot (n - 1) mod slots, so reading "since n" needs no index.
 *
 * <p>Slot layout: number (8), RTC millis (8), type (1), payload length (1), payload (up to {@link
 * EventCodec#MAX_PAYLOAD}), zero padding, CRC-32 of everything before it (4).
 */
final class EventLog {
  static final int SLOT_BYTES = 96;
  private static final int HEADER_BYTES = 18;
  private static final int CRC_OFFSET = SLOT_BYTES - 4;

  private final NvMemory memory;
  private final int base;
  private final int slots;
  private final ByteWriter payload = new ByteWriter();
  private long lastNumber;

  EventLog(NvMemory memory, int base, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("no room for the event log");
    }
    this.memory = memory;
    this.base = base;
    this.slots = slots;
  }

  int capacity() {
    return slots;
  }

  long lastNumber() {
    return lastNumber;
  }

  /** Finds the newest entry after a reset; {@code atLeast} is the number the settings checkpoint remembers. */
  void recover(long atLeast) {
    long newest = 0;
    for (int slot = 0; slot < slots; slot++) {
      byte[] raw = memory.read(address(slot), SLOT_BYTES);
      if (verified(raw) && slotOf(number(raw)) == slot) {
        newest = Math.max(newest, number(raw));
      }
    }
    lastNumber = Math.max(newest, atLeast);
  }

  /** Appends {@code event} at {@code rtcMillis}; returns the entry as stored. */
  LogEntry append(long rtcMillis, PumpEvent event) {
    payload.reset();
    int type = EventCodec.encode(event, payload);
    if (payload.length() > EventCodec.MAX_PAYLOAD) {
      throw new IllegalStateException(event + " does not fit a log slot");
    }
    long number = lastNumber + 1;
    ByteWriter slot = new ByteWriter();
    slot.putLong(number).putLong(rtcMillis).putByte(type).putByte(payload.length());
    for (int i = 0; i < payload.length(); i++) {
      slot.putByte(payload.buffer()[i]);
    }
    while (slot.length() < CRC_OFFSET) {
      slot.putByte(0);
    }
    slot.putInt(Checksums.crc32(slot.buffer(), 0, CRC_OFFSET));
    // the number is taken even if the write fails: numbers are never reused
    lastNumber = number;
    memory.write(address(slotOf(number)), slot.toArray());
    return new LogEntry(number, rtcMillis, event);
  }

  /** Every entry numbered above {@code n} still in the ring, oldest first; a slot that fails its checksum reads as {@link PumpEvent.Unreadable}. */
  List<LogEntry> since(long n) {
    long first = Math.max(Math.max(n, 0) + 1, lastNumber - slots + 1);
    List<LogEntry> out = new ArrayList<>();
    for (long number = first; number <= lastNumber; number++) {
      out.add(read(number));
    }
    return out;
  }

  private LogEntry read(long number) {
    byte[] raw = memory.read(address(slotOf(number)), SLOT_BYTES);
    if (verified(raw) && number(raw) == number) {
      try {
        ByteReader header = new ByteReader(raw, 8, 10);
        long rtc = header.getLong();
        int type = header.getByte();
        int length = header.getByte();
        if (length <= EventCodec.MAX_PAYLOAD) {
          return new LogEntry(number, rtc, EventCodec.decode(type, new ByteReader(raw, HEADER_BYTES, length)));
        }
      } catch (CorruptDataException e) {
        // falls through: a checksummed slot that does not decode is as unreadable as a corrupted one
      }
    }
    return new LogEntry(number, -1, new PumpEvent.Unreadable());
  }

  private int slotOf(long number) {
    return (int) Math.floorMod(number - 1, (long) slots);
  }

  private int address(int slot) {
    return base + slot * SLOT_BYTES;
  }

  private static boolean verified(byte[] raw) {
    int stored = new ByteReader(raw, CRC_OFFSET, 4).getInt();
    return number(raw) > 0 && stored == Checksums.crc32(raw, 0, CRC_OFFSET);
  }

  private static long number(byte[] raw) {
    return new ByteReader(raw, 0, 8).getLong();
  }
}
