// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.store.UniqueViolation;

/**
 * Brute-force throttling of password and one-time-code checks (ASVS V2.2.1), per account and per
 * client address, kept in the database ({@code login_throttle}, migration V20): every server
 * instance on one database counts the same attempts, and a restart forgets none. After
 * {@link #PER_ACCOUNT} attempts at one username, or {@link #PER_ADDRESS} from one address, that did
 * not succeed within {@link #WINDOW}, further attempts answer 429 with the wait until the oldest of
 * those leaves the window.
 *
 * <p>An attempt is written as pending <em>before</em> the password is checked ({@link #reserve}),
 * under a row lock on both keys (taken in one order, so two attempts never deadlock), and settled
 * afterwards: kept as a failure ({@link #failed}), or taken off when it succeeds ({@link #succeeded},
 * which also clears the account) or was not a guess ({@link #release}). Pending attempts count
 * against the limit: a burst of parallel attempts, on one server or several, gets exactly the limit
 * of password checks and 429 for the rest (with a wait of {@link #BUSY} while the limit is reached
 * only by attempts still being checked). A pending attempt left by a killed process counts as a
 * failure after {@link #PENDING_MAX}. The work is the same whether or not the username exists.
 * Time is the injected clock (tests move it; nothing sleeps).
 */
final class Throttle {
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int PER_ACCOUNT = 5;
  static final int PER_ADDRESS = 20;
  /** Longest key stored as is; a longer one (a very long typed username) is stored as its hash. */
  static final int MAX_KEY = 100;
  /** How often a server deletes rows whose attempts have all left the window. */
  static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
  /** The wait answered while the limit is reached only because other attempts are still being checked. */
  static final Duration BUSY = Duration.ofSeconds(1);
  /** A pending attempt older than this was never settled (its server died mid-check): it counts as a failure. */
  static final Duration PENDING_MAX = Duration.ofMinutes(1);
  /** Marks a pending attempt in the stored list. */
  static final String PENDING = "p";
  /** Attempts to count an attempt when two servers create one key's row at the same instant. */
  static final int RETRIES = 5;
  private final Jdbi jdbi;
  private final Clock clock;
  private final int perAccount;
  private final int perAddress;
  private volatile long lastPrune = Long.MIN_VALUE;

  /**
   * An attempt that passed the throttle and counts as failed until it is settled; or, when
   * {@link #delay} is present, one that was throttled (nothing was counted).
   */
  record Attempt(String account, String address, long atMillis, Optional<Duration> delay) {
    boolean throttled() {
      return delay.isPresent();
    }

    /** The wait in whole seconds, rounded up (at least 1). */
    long waitSeconds() {
      return Math.max(1, (delay.orElseThrow().toMillis() + 999) / 1000);
    }

    /** The 429 answer: the wait in words, in {@code retryAfterSeconds} and (by the server) in {@code Retry-After}. */
    ApiException refusal(String field) {
      long seconds = waitSeconds();
      String why = delay.orElseThrow().equals(BUSY) ? "other attempts at this account or address are being checked"
          : "too many failed attempts for this account or address";
      return new ApiException(429, why + ": try again in " + seconds + " s", field, null, null).with("retryAfterSeconds", seconds);
    }
  }

  Throttle(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, PER_ACCOUNT, PER_ADDRESS);
  }

  Throttle(Jdbi jdbi, Clock clock, int perAccount, int perAddress) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /**
   * Counts an attempt at {@code username} from {@code address} as failed, unless either is
   * throttled: then nothing is counted and the answer carries the wait.
   */
  Attempt reserve(String username, String address) {
    long now = clock.millis();
    prune(now);
    String account = key("u:", username);
    String from = key("a:", address);
    return locked(h -> {
      List<String> byAddress = lock(h, from, now);
      List<String> byAccount = lock(h, account, now);
      Optional<Duration> wait = longer(wait(byAddress, perAddress, now), wait(byAccount, perAccount, now));
      if (wait.isEmpty()) {
        byAddress.add(PENDING + now);
        byAccount.add(PENDING + now);
        store(h, from, byAddress, now);
        store(h, account, byAccount, now);
      }
      return new Attempt(account, from, now, wait);
    });
  }

  /** The attempt failed: it stays counted, as a failure, until it leaves the window. */
  void failed(Attempt a) {
    settle(a, Settle.FAILED);
  }

  /** The attempt succeeded: its account starts again from nothing, and the address no longer counts it. */
  void succeeded(Attempt a) {
    settle(a, Settle.SUCCEEDED);
  }

  /** The attempt was no guess (the right password, asked for its one-time code): neither key counts it. */
  void release(Attempt a) {
    settle(a, Settle.RELEASED);
  }

  private enum Settle { FAILED, SUCCEEDED, RELEASED }

  private void settle(Attempt a, Settle how) {
    if (a.throttled()) {
      return;
    }
    long now = clock.millis();
    String pending = PENDING + a.atMillis();
    locked(h -> {
      List<String> byAddress = lock(h, a.address(), now);
      List<String> byAccount = lock(h, a.account(), now);
      byAddress.remove(pending);
      byAccount.remove(pending);
      switch (how) {
        case FAILED -> {
          byAddress.add(String.valueOf(a.atMillis()));
          byAccount.add(String.valueOf(a.atMillis()));
        }
        case SUCCEEDED -> byAccount.clear();
        case RELEASED -> { }
      }
      store(h, a.address(), byAddress, now);
      store(h, a.account(), byAccount, now);
      return null;
    });
  }

  /** Runs {@code work} in a transaction, again when another server created one of the rows at the same instant. */
  private <T> T locked(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (RuntimeException e) {
        if (attempt >= RETRIES || UniqueViolation.in(e).isEmpty()) {
          throw e;
        }
      }
    }
  }

  /** The key's attempts inside the window (failures as instants, pending ones marked), its row locked (created when missing). */
  private List<String> lock(Handle h, String key, long now) {
    Optional<String> stored = h.createQuery("SELECT attempts FROM login_throttle WHERE throttle_key = :k FOR UPDATE")
        .bind("k", key).mapTo(String.class).findOne();
    if (stored.isEmpty()) {
      h.createUpdate("INSERT INTO login_throttle(throttle_key, attempts, last_at) VALUES (:k, '', :now)").bind("k", key)
          .bind("now", now).execute();
    }
    List<String> out = new ArrayList<>();
    for (String s : stored.orElse("").split(",")) {
      if (!s.isEmpty() && at(s) + WINDOW.toMillis() > now) {
        out.add(s);
      }
    }
    return out;
  }

  private static long at(String entry) {
    return Long.parseLong(entry.startsWith(PENDING) ? entry.substring(PENDING.length()) : entry);
  }

  /** A failure, or a pending attempt that was never settled. */
  private static boolean failure(String entry, long now) {
    return !entry.startsWith(PENDING) || at(entry) + PENDING_MAX.toMillis() <= now;
  }

  private static void store(Handle h, String key, List<String> attempts, long now) {
    h.createUpdate("UPDATE login_throttle SET attempts = :a, last_at = :now WHERE throttle_key = :k")
        .bind("a", String.join(",", attempts)).bind("now", now).bind("k", key).execute();
  }

  /**
   * With {@code limit} or more failures in the window: the wait until all but limit-1 of them have left it. With
   * fewer failures but the limit reached with pending attempts: {@link #BUSY}.
   */
  private static Optional<Duration> wait(List<String> attempts, int limit, long now) {
    List<Long> failures = attempts.stream().filter(e -> failure(e, now)).map(Throttle::at).sorted().toList();
    if (failures.size() >= limit) {
      long oldestCounted = failures.get(failures.size() - limit);
      return Optional.of(Duration.ofMillis(oldestCounted + WINDOW.toMillis() - now));
    }
    return attempts.size() >= limit ? Optional.of(BUSY) : Optional.empty();
  }

  private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
    if (a.isPresent() && b.isPresent()) {
      return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
    return a.isPresent() ? a : b;
  }

  /** Deletes rows whose last attempt left the window, at most once per {@link #PRUNE_EVERY} per server. */
  private void prune(long now) {
    long last = lastPrune;
    if (last != Long.MIN_VALUE && now >= last && now - last < PRUNE_EVERY.toMillis()) {
      return;
    }
    lastPrune = now;
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_throttle WHERE last_at <= :cutoff").bind("cutoff", now - WINDOW.toMillis()).execute());
  }

  static String key(String prefix, String value) {
    String k = prefix + (value == null ? "" : value);
    return k.length() <= MAX_KEY ? k : prefix + "#" + Sessions.sha256(value);
  }
}
