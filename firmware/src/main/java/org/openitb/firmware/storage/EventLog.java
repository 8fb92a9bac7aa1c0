// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.PumpEvent;
import org.openitb.firmware.hal.NvMemory;

/**
 * The pump's event log: a bounded pool of fixed-size, checksummed slots in non-volatile memory.
 * Entries are numbered from 1 and never renumbered. A RAM index (rebuilt from the slots at every
 * reset) says which entry each slot holds.
 *
 * <p><b>Priority eviction.</b> Entries are therapy history (programming, refills, boluses, alarms,
 * strokes, resets: everything else) or link activity ({@link #isActivity}: telemetry frames, their
 * suppression counts, refused commands, interrogations), which anyone in radio range can cause.
 * Until the pool is full every entry takes a free slot. Then link activity holds at most
 * {@link #activityReserve()} slots (a quarter): a new activity entry replaces the oldest activity
 * entry once that share is reached (else the oldest history entry), and a new history entry
 * replaces the oldest activity entry while activity holds more than its share (else the oldest
 * history entry). So no flood of frames, however long, pushes therapy history out beyond that
 * share: the newest {@code capacity - activityReserve} history entries always survive, and once
 * activity has its share, a flood evicts only activity. A log that never sees activity keeps
 * {@code capacity} history entries. Numbers missing from a read are entries evicted this way
 * (or slots found corrupted at a reset).
 *
 * <p>Slot layout: number (8), RTC millis (8), type (1), payload length (1), payload (up to {@link
 * EventCodec#MAX_PAYLOAD}), zero padding, CRC-32 of everything before it (4).
 */
public final class EventLog {
  public static final int SLOT_BYTES = 96;
  private static final int HEADER_BYTES = 18;
  private static final int CRC_OFFSET = SLOT_BYTES - 4;

  private final NvMemory memory;
  private final int base;
  private final int slots;
  private final int activityReserve;
  private final ByteWriter payload = new ByteWriter();
  /** The slot image being written (reused by every append). */
  private final ByteWriter slot = new ByteWriter();
  /** The entry number each slot holds (0: free). */
  private final long[] numberAt;
  /** Slots by class, oldest entry first (numbers only rise, so appending keeps the order). */
  private final ArrayDeque<Integer> history = new ArrayDeque<>();
  private final ArrayDeque<Integer> activity = new ArrayDeque<>();
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private long lastNumber;

  public EventLog(NvMemory memory, int base, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("no room for the event log");
    }
    this.memory = memory;
    this.base = base;
    this.slots = slots;
    this.activityReserve = Math.max(1, slots / 4);
    this.numberAt = new long[slots];
    for (int slot = 0; slot < slots; slot++) {
      free.addLast(slot);
    }
  }

  int capacity() {
    return slots;
  }

  /** The most slots link activity may hold once the log is full. */
  public int activityReserve() {
    return activityReserve;
  }

  public long lastNumber() {
    return lastNumber;
  }

  /** The lowest entry number still held (0 for an empty log). */
  public long oldestNumber() {
    long h = history.isEmpty() ? Long.MAX_VALUE : numberAt[history.peekFirst()];
    long a = activity.isEmpty() ? Long.MAX_VALUE : numberAt[activity.peekFirst()];
    long oldest = Math.min(h, a);
    return oldest == Long.MAX_VALUE ? 0 : oldest;
  }

  /** Entries anyone in radio range can cause; they never take more than their share of a full log. */
  public static boolean isActivity(PumpEvent event) {
    return event instanceof PumpEvent.TelemetryFrame
        || event instanceof PumpEvent.TelemetryFramesSuppressed
        || event instanceof PumpEvent.CommandRefused
        || event instanceof PumpEvent.Interrogated;
  }

  /** Rebuilds the index after a reset; {@code atLeast} is the number the settings checkpoint remembers. */
  public void recover(long atLeast) {
    long newest = 0;
    history.clear();
    activity.clear();
    free.clear();
    List<long[]> held = new ArrayList<>(); // number, slot, 1 for activity
    for (int slot = 0; slot < slots; slot++) {
      byte[] raw = memory.read(address(slot), SLOT_BYTES);
      numberAt[slot] = 0;
      if (verified(raw)) {
        long number = number(raw);
        numberAt[slot] = number;
        held.add(new long[] {number, slot, isActivity(decode(raw).event()) ? 1 : 0});
        newest = Math.max(newest, number);
      } else {
        free.addLast(slot);
      }
    }
    held.sort((x, y) -> Long.compare(x[0], y[0]));
    for (long[] h : held) {
      (h[2] == 1 ? activity : history).addLast((int) h[1]);
    }
    lastNumber = Math.max(newest, atLeast);
  }

  /** Appends {@code event} at {@code rtcMillis}; returns the entry as stored. */
  public LogEntry append(long rtcMillis, PumpEvent event) {
    payload.reset();
    int type = EventCodec.encode(event, payload);
    if (payload.length() > EventCodec.MAX_PAYLOAD) {
      throw new IllegalStateException(event + " does not fit a log slot");
    }
    long number = lastNumber + 1;
    slot.reset();
    slot.putLong(number).putLong(rtcMillis).putByte(type).putByte(payload.length());
    slot.putBytes(payload.buffer(), 0, payload.length());
    slot.putZeros(CRC_OFFSET - slot.length());
    slot.putInt(Checksums.crc32(slot.buffer(), 0, CRC_OFFSET));
    boolean isActivity = isActivity(event);
    int target = takeSlot(isActivity);
    // the number is taken even if the write fails: numbers are never reused
    lastNumber = number;
    numberAt[target] = number;
    (isActivity ? activity : history).addLast(target);
    memory.write(address(target), slot.buffer(), 0, SLOT_BYTES);
    return new LogEntry(number, rtcMillis, event);
  }

  /** Every entry numbered above {@code n} still held, oldest first; a slot that fails its checksum reads as {@link PumpEvent.Unreadable}. */
  public List<LogEntry> since(long n) {
    List<long[]> held = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      if (numberAt[slot] > Math.max(n, 0)) {
        held.add(new long[] {numberAt[slot], slot});
      }
    }
    held.sort((a, b) -> Long.compare(a[0], b[0]));
    List<LogEntry> out = new ArrayList<>(held.size());
    for (long[] h : held) {
      out.add(read(h[0], (int) h[1]));
    }
    return out;
  }

  /** Takes the slot a new entry goes to: a free one, else the one priority eviction picks. */
  private int takeSlot(boolean forActivity) {
    if (!free.isEmpty()) {
      return free.pollFirst();
    }
    boolean evictActivity = forActivity ? activity.size() >= activityReserve : activity.size() > activityReserve;
    if (activity.isEmpty()) {
      evictActivity = false;
    } else if (history.isEmpty()) {
      evictActivity = true;
    }
    return (evictActivity ? activity : history).pollFirst();
  }

  private LogEntry read(long number, int slot) {
    byte[] raw = memory.read(address(slot), SLOT_BYTES);
    if (verified(raw) && number(raw) == number) {
      LogEntry e = decode(raw);
      if (!(e.event() instanceof PumpEvent.Unreadable)) {
        return e;
      }
    }
    return new LogEntry(number, -1, new PumpEvent.Unreadable());
  }

  /** The entry in a verified slot; {@link PumpEvent.Unreadable} when it does not decode. */
  private static LogEntry decode(byte[] raw) {
    long number = number(raw);
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
    return new LogEntry(number, -1, new PumpEvent.Unreadable());
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
