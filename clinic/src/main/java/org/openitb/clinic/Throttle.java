// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force throttling of logins (ASVS V2.2.1), per account and per client address: after
 * {@link #perAccount} failed logins of one username, or {@link #perAddress} from one address,
 * within {@link #WINDOW}, further attempts answer 429 with the wait until the oldest of those
 * failures leaves the window. A successful login clears its account's count. Time is the server's
 * clock (tests move it, nothing sleeps). Kept in memory per server instance.
 */
final class Throttle {
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int PER_ACCOUNT = 5;
  static final int PER_ADDRESS = 20;
  static final int MAX_KEYS = 100_000;
  private final Clock clock;
  private final int perAccount;
  private final int perAddress;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  Throttle(Clock clock) {
    this(clock, PER_ACCOUNT, PER_ADDRESS);
  }

  Throttle(Clock clock, int perAccount, int perAddress) {
    this.clock = clock;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /** The wait before {@code username} may try again from {@code address}, if either is throttled. */
  Optional<Duration> wait(String username, String address) {
    Instant now = clock.instant();
    Optional<Duration> a = wait("u:" + username, perAccount, now);
    Optional<Duration> b = wait("a:" + address, perAddress, now);
    if (a.isPresent() && b.isPresent()) {
      return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }
    return a.isPresent() ? a : b;
  }

  void failed(String username, String address) {
    Instant now = clock.instant();
    if (failures.size() > MAX_KEYS) {
      failures.values().forEach(d -> prune(d, now));
      failures.values().removeIf(Deque::isEmpty);
    }
    for (String key : new String[] {"u:" + username, "a:" + address}) {
      Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (d) {
        d.addLast(now);
      }
    }
  }

  void succeeded(String username) {
    failures.remove("u:" + username);
  }

  private Optional<Duration> wait(String key, int limit, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return Optional.empty();
    }
    synchronized (d) {
      prune(d, now);
      if (d.size() < limit) {
        return Optional.empty();
      }
      // the attempt is allowed again once all but limit-1 of the failures have left the window
      Instant oldestCounted = d.stream().skip(d.size() - limit).findFirst().orElseThrow();
      return Optional.of(Duration.between(now, oldestCounted.plus(WINDOW)));
    }
  }

  private static void prune(Deque<Instant> d, Instant now) {
    synchronized (d) {
      while (!d.isEmpty() && !d.peekFirst().plus(WINDOW).isAfter(now)) {
        d.removeFirst();
      }
    }
  }
}
