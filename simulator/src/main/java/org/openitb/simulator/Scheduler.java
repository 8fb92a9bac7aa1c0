// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.util.PriorityQueue;

/**
 * The discrete-event scheduler: one virtual clock in milliseconds and a queue of actions. Actions
 * run in time order; actions at the same millisecond run in the order they were scheduled, so a
 * run is fully deterministic. Nothing ever waits on the wall clock.
 */
public final class Scheduler {
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long now;
  private long sequence;
  private long executed;

  private record Entry(long atMillis, long seq, Runnable action) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(atMillis, o.atMillis);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  public long nowMillis() {
    return now;
  }

  /** Schedules {@code action} at {@code atMillis}; a time in the past runs at the current time. */
  public void at(long atMillis, Runnable action) {
    queue.add(new Entry(Math.max(atMillis, now), sequence++, action));
  }

  /** Runs every action due up to and including {@code untilMillis}, then sets the clock there. */
  public void runUntil(long untilMillis) {
    while (!queue.isEmpty() && queue.peek().atMillis <= untilMillis) {
      Entry e = queue.poll();
      now = e.atMillis;
      executed++;
      e.action.run();
    }
    now = Math.max(now, untilMillis);
  }

  /** The time of the next queued action, or {@link Long#MAX_VALUE} when none is queued. */
  public long nextMillis() {
    Entry e = queue.peek();
    return e == null ? Long.MAX_VALUE : e.atMillis;
  }

  /** The number of actions run so far. */
  public long executed() {
    return executed;
  }
}
