// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.planning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clinic-wide dashboard, shared by every staff user: recomputed when this server has written
 * anything since (every state-changing request invalidates it, so a user sees their own change at
 * once) and otherwise at most {@link #MAX_AGE} old, which bounds how late a change made through
 * another server instance on the same database shows up. The dashboard ranks work by days, so
 * two seconds cannot change what is urgent; it is the one page every user reloads, and its
 * queries cost several times a patient page's.
 */
public final class DashboardCache {
  static final Duration MAX_AGE = Duration.ofSeconds(2);
  private final Planning planning;
  private final Clock clock;
  private final AtomicLong writes = new AtomicLong();
  private volatile Entry entry;

  private record Entry(int limit, long writesSeen, Instant at, List<Planning.Item> items) {}

  public DashboardCache(Planning planning, Clock clock) {
    this.planning = planning;
    this.clock = clock;
  }

  /** The {@code limit} most urgent items, as {@link Planning#items(Long, int)} would return them now. */
  public List<Planning.Item> items(int limit) {
    Entry e = entry;
    if (!fresh(e, limit, clock.instant())) {
      // One recomputation at a time: requests arriving while it runs wait for it rather than each repeating the same queries.
      synchronized (this) {
        Instant now = clock.instant();
        e = entry;
        if (!fresh(e, limit, now)) {
          long seen = writes.get();
          // Compute at least the default page so requests with smaller limits share it (a limited dashboard is a prefix of a longer one).
          int computed = Math.max(limit, Planning.DEFAULT_LIMIT);
          e = new Entry(computed, seen, now, planning.items(null, computed));
          entry = e;
        }
      }
    }
    return e.items.subList(0, Math.min(limit, e.items.size()));
  }

  private boolean fresh(Entry e, int limit, Instant now) {
    return e != null && e.writesSeen == writes.get() && e.limit >= limit && !now.isBefore(e.at) && now.isBefore(e.at.plus(MAX_AGE));
  }

  /** Something was written: the next read recomputes. */
  public void invalidate() {
    writes.incrementAndGet();
  }
}
