// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openitb.firmware.hal.Buzzer;
import org.openitb.firmware.hal.Tone;

/**
 * The alarm buzzer: sounds cost battery charge (3 s for the critical two-tone, 1 s for the single
 * tone, clinical.md 1.4) and every tone is recorded with its instant. The most recent tones up to
 * a limit are kept (memory stays bounded over years of alarms); counts cover every tone.
 */
final class RecordingBuzzer implements Buzzer {
  static final long CRITICAL_TONE_SECONDS = 3;
  static final long NON_CRITICAL_TONE_SECONDS = 1;

  private final VirtualClock clock;
  private final BatteryCell battery;
  private final long nanoampHoursPerSecond;
  private final PhysicalListener listener;
  private final int historyLimit;
  private final ArrayDeque<ToneRecord> history = new ArrayDeque<>();
  private final Map<Tone, Long> counts = new EnumMap<>(Tone.class);

  RecordingBuzzer(VirtualClock clock, BatteryCell battery, long nanoampHoursPerSecond, int historyLimit,
      PhysicalListener listener) {
    this.clock = clock;
    this.battery = battery;
    this.nanoampHoursPerSecond = nanoampHoursPerSecond;
    this.historyLimit = historyLimit;
    this.listener = listener;
  }

  @Override
  public void sound(Tone tone) {
    long seconds = tone == Tone.CRITICAL_TWO_TONE ? CRITICAL_TONE_SECONDS : NON_CRITICAL_TONE_SECONDS;
    if (!battery.drain(seconds * nanoampHoursPerSecond)) {
      return; // a dead cell makes no sound
    }
    long now = clock.nowMillis();
    if (history.size() == historyLimit) {
      history.removeFirst();
    }
    history.addLast(new ToneRecord(now, tone));
    counts.merge(tone, 1L, Long::sum);
    listener.onTone(now, tone);
  }

  List<ToneRecord> recent() {
    return List.copyOf(history);
  }

  long count(Tone tone) {
    return counts.getOrDefault(tone, 0L);
  }
}
