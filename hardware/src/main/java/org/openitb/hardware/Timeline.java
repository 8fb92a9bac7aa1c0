// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.PriorityQueue;

/**
 * The pump's own scheduled happenings (faults, field changes, a watchdog about to bite), in time
 * order; those at the same millisecond run in the order they were scheduled. Rare events only:
 * strokes and RTC alarms never pass through here.
 */
final class Timeline {
  private record Entry(long atMillis, long sequence, Runnable action) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int byTime = Long.compare(atMillis, o.atMillis);
      return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }
  }

  private final PriorityQueue<Entry> entries = new PriorityQueue<>();
  private long nextSequence;

  void schedule(long atMillis, Runnable action) {
    entries.add(new Entry(atMillis, nextSequence++, action));
  }

  /** The instant of the earliest entry, or {@link SimulatedRtc#NEVER}. */
  long nextMillis() {
    Entry first = entries.peek();
    return first == null ? SimulatedRtc.NEVER : first.atMillis;
  }

  /** Removes and runs the earliest entry. */
  void runNext() {
    entries.poll().action.run();
  }
}
