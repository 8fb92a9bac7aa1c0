// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A device's hello counter (link/PROTOCOL.md 8.3): every hello the device sends carries a value
 * above every earlier one, so a pump refuses a recorded hello as a replay. The pump keeps the
 * highest counter it verified per device.
 */
@FunctionalInterface
public interface HelloCounter {
  /** The next value: above every value returned before, 1..2^63-1. */
  long next();

  /**
   * The counter of a device without storage of its own: microseconds of the device's wall clock,
   * and above every value this process handed out before (so two hellos in one microsecond, or a
   * clock set back, still rise). A restarted device continues above its earlier values as long as
   * its clock does not go back; this is a nonce source, not a time anybody acts on.
   */
  static HelloCounter system() {
    return SystemHelloCounter::next;
  }

  /** A counter that starts above {@code start} and rises by one per hello (tests, golden vectors). */
  static HelloCounter startingAfter(long start) {
    AtomicLong last = new AtomicLong(start);
    return last::incrementAndGet;
  }
}

/** One process-wide sequence, so every endpoint of a credential in this process rises together. */
final class SystemHelloCounter {
  private static final AtomicLong LAST = new AtomicLong();

  private SystemHelloCounter() {}

  static long next() {
    long micros = Math.multiplyExact(System.currentTimeMillis(), 1_000L);
    return LAST.updateAndGet(last -> Math.max(last + 1, micros));
  }
}
