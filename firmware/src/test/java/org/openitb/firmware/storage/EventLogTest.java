// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent;
import org.openitb.link.session.FrameVerdict;

/**
 * The event log ring in a few slots, entry by entry: which slot each eviction picks, the numbers
 * a reset finds, what a read past a corrupted or reused slot returns, and the log's share for link
 * activity at its edges.
 */
class EventLogTest {
  private static final int BASE = 100;

  private static final PumpEvent H = new PumpEvent.StallStarted();
  private static final PumpEvent A = new PumpEvent.TelemetryFrame(FrameVerdict.ACCEPTED, 3, true, "CP-1");

  private static List<Long> numbers(EventLog log) {
    return log.since(0).stream().map(LogEntry::number).toList();
  }

  @Test
  void activityMayHoldAQuarterOfTheSlotsAndAtLeastOne() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    assertThat(new EventLog(m, 0, 3).activityReserve()).isEqualTo(1);
    assertThat(new EventLog(m, 0, 8).activityReserve()).isEqualTo(2);
    assertThat(new EventLog(m, 0, 11).activityReserve()).isEqualTo(2);
    assertThat(new EventLog(m, 0, 1).activityReserve()).isEqualTo(1);
    assertThat(new EventLog(m, 0, 11).capacity()).isEqualTo(11);
    assertThatThrownBy(() -> new EventLog(m, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyLinkActivityCountsAsActivity() {
    assertThat(EventLog.isActivity(A)).isTrue();
    assertThat(EventLog.isActivity(new PumpEvent.TelemetryFramesSuppressed(3))).isTrue();
    assertThat(EventLog.isActivity(new PumpEvent.CommandRefused(Origin.patient("P"), "Stop", Code.NOT_AUTHORISED))).isTrue();
    assertThat(EventLog.isActivity(new PumpEvent.Interrogated(Origin.clinician("C")))).isTrue();
    assertThat(EventLog.isActivity(H)).isFalse();
    assertThat(EventLog.isActivity(new PumpEvent.AlarmTested(Origin.clinician("C")))).isFalse();
  }

  @Test
  void eachEvictionPicksTheSlotItsRuleNames() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, BASE, 4); // activity share: 1 slot
    assertThat(log.oldestNumber()).isZero();
    log.append(10, A); // 1
    log.append(20, H); // 2
    log.append(30, H); // 3
    log.append(40, H); // 4: full
    assertThat(log.oldestNumber()).isEqualTo(1);
    // activity at its share: a new frame replaces the oldest frame
    log.append(50, A); // 5 replaces 1
    assertThat(numbers(log)).containsExactly(2L, 3L, 4L, 5L);
    assertThat(log.oldestNumber()).isEqualTo(2);
    // history while activity holds no more than its share: the oldest history entry goes
    log.append(60, H); // 6 replaces 2
    assertThat(numbers(log)).containsExactly(3L, 4L, 5L, 6L);
    // a log of history only: a frame replaces the oldest history entry
    EventLog onlyHistory = new EventLog(m, BASE + 4 * EventLog.SLOT_BYTES, 2);
    onlyHistory.append(1, H);
    onlyHistory.append(2, H);
    onlyHistory.append(3, A);
    assertThat(numbers(onlyHistory)).containsExactly(2L, 3L);
    // a log of activity only: history replaces the oldest frame
    EventLog onlyActivity = new EventLog(m, BASE + 6 * EventLog.SLOT_BYTES, 2);
    onlyActivity.append(1, A);
    onlyActivity.append(2, A);
    onlyActivity.append(3, H);
    assertThat(numbers(onlyActivity)).containsExactly(2L, 3L);
    assertThat(onlyActivity.since(2)).containsExactly(new LogEntry(3, 3, H));
  }

  @Test
  void historyTakesBackSlotsFromActivityBeyondItsShare() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, 0, 4); // activity share: 1
    log.append(1, A);
    log.append(2, A);
    log.append(3, A);
    log.append(4, H); // full: three frames, one history entry
    log.append(5, H); // activity holds 3 > 1: the oldest frame (1) goes
    assertThat(numbers(log)).containsExactly(2L, 3L, 4L, 5L);
    log.append(6, A); // a frame while activity holds 2 >= 1: the oldest frame (2) goes
    assertThat(numbers(log)).containsExactly(3L, 4L, 5L, 6L);
    log.append(7, H); // activity holds 2 > 1: frame 3 goes
    log.append(8, H); // activity holds 1, its share: the oldest history entry (4) goes
    assertThat(numbers(log)).containsExactly(5L, 6L, 7L, 8L);
  }

  @Test
  void aResetFindsTheEntriesTheirOrderAndTheNextNumber() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, BASE, 4);
    for (int i = 1; i <= 6; i++) {
      log.append(i * 10L, i % 3 == 0 ? A : H);
    }
    List<LogEntry> before = log.since(0);
    EventLog after = new EventLog(m, BASE, 4);
    after.recover(0);
    assertThat(after.since(0)).isEqualTo(before);
    assertThat(after.lastNumber()).isEqualTo(6);
    assertThat(after.oldestNumber()).isEqualTo(log.oldestNumber());
    // the settings may remember a later number (entries whose slots were lost): numbering continues after it
    EventLog later = new EventLog(m, BASE, 4);
    later.recover(9);
    assertThat(later.lastNumber()).isEqualTo(9);
    assertThat(later.append(70, H).number()).isEqualTo(10);
    // the eviction order survives the reset: the next history entry replaces the oldest history entry
    EventLog again = new EventLog(m, BASE, 4);
    again.recover(0);
    List<Long> kept = numbers(again);
    again.append(80, H);
    assertThat(numbers(again)).hasSize(4).doesNotContain(kept.get(0)).contains(11L);
  }

  @Test
  void aResetFindsWhichEntriesAreActivityAndEvictsByThatClass() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, BASE, 4); // activity share: 1 slot
    log.append(10, A); // 1, slot 0
    log.append(20, H); // 2
    log.append(30, H); // 3
    log.append(40, H); // 4
    EventLog after = new EventLog(m, BASE, 4);
    after.recover(0);
    after.append(50, A); // activity holds its share (frame 1): frame 1 goes, not history entry 2
    assertThat(numbers(after)).containsExactly(2L, 3L, 4L, 5L);
    after.append(60, H); // activity holds 1, its share: the oldest history entry (2) goes
    assertThat(numbers(after)).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void aResetOfALiveLogRebuildsItsIndexFromMemoryAlone() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    // one frame and three history entries; a reset on the same log object must not count the frame twice
    EventLog mixed = new EventLog(m, BASE, 4);
    mixed.append(10, A);
    mixed.append(20, H);
    mixed.append(30, H);
    mixed.append(40, H);
    mixed.recover(0);
    mixed.append(50, H); // activity holds 1, its share: history entry 2 goes, frame 1 stays
    assertThat(numbers(mixed)).containsExactly(1L, 3L, 4L, 5L);
    // history only; after the reset a frame takes history's oldest slot, then history cycles through the other three
    EventLog history = new EventLog(m, BASE + 4 * EventLog.SLOT_BYTES, 4);
    for (int i = 1; i <= 4; i++) {
      history.append(i, H);
    }
    history.recover(0);
    history.append(5, A); // replaces 1
    history.append(6, H); // replaces 2
    history.append(7, H); // replaces 3
    history.append(8, H); // replaces 4
    history.append(9, H); // replaces the oldest history entry 6, never the frame
    assertThat(numbers(history)).containsExactly(5L, 7L, 8L, 9L);
  }

  @Test
  void anEntryFillingTheSlotsWholePayloadIsStoredAndReadBackAndOneByteMoreIsRefused() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, BASE, 2);
    // a frame's payload: verdict, message type, authenticated, then the device id as a length byte and its bytes
    PumpEvent largest = new PumpEvent.TelemetryFrame(FrameVerdict.ACCEPTED, 3, true, "D".repeat(EventCodec.MAX_PAYLOAD - 4));
    log.append(10, largest);
    assertThat(m.cells[BASE + 17]).isEqualTo((byte) EventCodec.MAX_PAYLOAD); // the payload length byte
    assertThat(log.since(0)).containsExactly(new LogEntry(1, 10, largest));
    EventLog after = new EventLog(m, BASE, 2);
    after.recover(0);
    assertThat(after.since(0)).containsExactly(new LogEntry(1, 10, largest));
    PumpEvent tooLarge = new PumpEvent.TelemetryFrame(FrameVerdict.ACCEPTED, 3, true, "D".repeat(EventCodec.MAX_PAYLOAD - 3));
    assertThatThrownBy(() -> log.append(20, tooLarge)).isInstanceOf(IllegalStateException.class)
        .hasMessage(tooLarge + " does not fit a log slot");
    assertThat(log.lastNumber()).isEqualTo(1);
  }

  @Test
  void aChecksummedSlotWhosePayloadLengthExceedsTheSlotIsUnreadable() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, BASE, 2);
    log.append(10, H);
    log.append(20, H);
    // entry 2's length byte set one past the largest payload, with its checksum made to match
    int slot = BASE + EventLog.SLOT_BYTES;
    m.cells[slot + 17] = (byte) (EventCodec.MAX_PAYLOAD + 1);
    byte[] crc = new ByteWriter().putInt(Checksums.crc32(m.cells, slot, EventLog.SLOT_BYTES - 4)).toArray();
    System.arraycopy(crc, 0, m.cells, slot + EventLog.SLOT_BYTES - 4, 4);
    assertThat(log.since(0)).containsExactly(new LogEntry(1, 10, H), new LogEntry(2, -1, new PumpEvent.Unreadable()));
    EventLog after = new EventLog(m, BASE, 2);
    after.recover(0);
    assertThat(after.since(0)).containsExactly(new LogEntry(1, 10, H), new LogEntry(2, -1, new PumpEvent.Unreadable()));
    assertThat(after.lastNumber()).isEqualTo(2);
  }

  @Test
  void aCorruptedSlotReadsAsUnreadableAndIsFreedForReuseAtAReset() {
    SettingsStoreTest.Memory m = new SettingsStoreTest.Memory();
    EventLog log = new EventLog(m, BASE, 4);
    log.append(10, H);
    log.append(20, H);
    log.append(30, H);
    m.cells[BASE + EventLog.SLOT_BYTES + 20] ^= 4; // entry 2's payload
    assertThat(log.since(0)).containsExactly(new LogEntry(1, 10, H), new LogEntry(2, -1, new PumpEvent.Unreadable()),
        new LogEntry(3, 30, H));
    assertThat(log.since(-5)).hasSize(3);
    assertThat(log.since(3)).isEmpty();
    EventLog after = new EventLog(m, BASE, 4);
    after.recover(3);
    assertThat(numbers(after)).containsExactly(1L, 3L);
    after.append(40, H); // free slots in slot order: the corrupted slot 1, then the never-written slot 3
    after.append(50, H);
    assertThat(after.since(0)).containsExactly(new LogEntry(1, 10, H), new LogEntry(3, 30, H), new LogEntry(4, 40, H),
        new LogEntry(5, 50, H));
    assertThat(m.cells[BASE + EventLog.SLOT_BYTES + 7]).isEqualTo((byte) 4); // entry 4 went to slot 1
    assertThat(m.cells[BASE + 3 * EventLog.SLOT_BYTES + 7]).isEqualTo((byte) 5); // entry 5 to slot 3
  }

  @Test
  void anUnreadableEventIsNeverWritten() {
    EventLog log = new EventLog(new SettingsStoreTest.Memory(), 0, 2);
    assertThatThrownBy(() -> log.append(1, new PumpEvent.Unreadable())).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.lastNumber()).isZero();
  }
}
