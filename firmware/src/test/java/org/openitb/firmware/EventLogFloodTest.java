// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.storage.EventLog;
import org.openitb.link.session.FrameVerdict;

/**
 * Priority eviction in the event log (attack suite, log eviction): link activity that anyone in
 * radio range can cause never pushes the therapy history out of the bounded log.
 */
class EventLogFloodTest {
  static final int SLOTS = 64;

  final FakeHardware.FakeMemory memory = new FakeHardware.FakeMemory(SLOTS * EventLog.SLOT_BYTES);
  final EventLog log = new EventLog(memory, 0, SLOTS);

  static PumpEvent frame(int i) {
    return new PumpEvent.TelemetryFrame(FrameVerdict.RETRANSMISSION, 0x10, true, "CP-" + (i % 10));
  }

  static PumpEvent history(int i) {
    return new PumpEvent.AlarmTested(Origin.clinician("CP-" + i));
  }

  List<PumpEvent> events() {
    return log.since(0).stream().map(LogEntry::event).toList();
  }

  @Test
  void aFloodOfFramesAfterTheHistoryFilledTheLogEvictsAtMostTheActivityShare() {
    List<PumpEvent> historyWritten = new ArrayList<>();
    for (int i = 0; i < SLOTS; i++) {
      historyWritten.add(history(i));
      log.append(i, history(i));
    }
    for (int i = 0; i < 100 * SLOTS; i++) {
      log.append(1_000 + i, frame(i));
    }
    List<PumpEvent> kept = events();
    assertThat(kept).hasSize(SLOTS);
    // the newest capacity - reserve history entries survive, in order; activity holds only its share
    assertThat(kept.stream().filter(e -> !EventLog.isActivity(e)).toList())
        .isEqualTo(historyWritten.subList(log.activityReserve(), SLOTS));
    assertThat(kept.stream().filter(EventLog::isActivity).count()).isEqualTo(log.activityReserve());
  }

  @Test
  void onceActivityHasItsShareAFloodEvictsNoHistoryAtAll() {
    List<PumpEvent> historyWritten = new ArrayList<>();
    int n = 0;
    // normal life: sessions interleaved with therapy events, past the log's capacity
    for (int day = 0; day < 20; day++) {
      for (int i = 0; i < 6; i++) {
        log.append(n, frame(n));
        n++;
      }
      PumpEvent h = history(day);
      historyWritten.add(h);
      log.append(n++, h);
    }
    List<PumpEvent> historyBefore = events().stream().filter(e -> !EventLog.isActivity(e)).toList();
    for (int i = 0; i < 10_000; i++) {
      log.append(n, frame(n));
      n++;
    }
    assertThat(events().stream().filter(e -> !EventLog.isActivity(e)).toList()).isEqualTo(historyBefore);
    assertThat(historyBefore).isEqualTo(historyWritten.subList(historyWritten.size() - historyBefore.size(), historyWritten.size()));
  }

  @Test
  void historyReclaimsTheLogFromActivityDownToItsShareAndTheIndexSurvivesAReset() {
    for (int i = 0; i < 3 * SLOTS; i++) {
      log.append(i, frame(i));
    }
    for (int i = 0; i < 2 * SLOTS; i++) {
      log.append(1_000 + i, history(i));
    }
    List<LogEntry> before = log.since(0);
    assertThat(before.stream().filter(e -> EventLog.isActivity(e.event())).count()).isEqualTo(log.activityReserve());
    assertThat(log.oldestNumber()).isEqualTo(before.get(0).number());
    // numbers keep rising with gaps where entries were evicted
    assertThat(before).extracting(LogEntry::number).isSorted().doesNotHaveDuplicates();

    EventLog recovered = new EventLog(memory, 0, SLOTS);
    recovered.recover(0);
    assertThat(recovered.since(0)).isEqualTo(before);
    assertThat(recovered.lastNumber()).isEqualTo(log.lastNumber());
    recovered.append(5_000, frame(0));
    assertThat(recovered.since(0).stream().filter(e -> EventLog.isActivity(e.event())).count()).isEqualTo(log.activityReserve());
  }
}
