// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import java.util.function.LongSupplier;

/**
 * Limits failed authentications so that neither guessing nor a flood of session attempts can
 * drain the implant's battery (Halperin et al.'s power-drain attack). After
 * {@link #FREE_FAILURES} consecutive failures the pump refuses every session attempt, without
 * any cryptography, for a lockout that starts at {@link #FIRST_LOCKOUT_MILLIS} and doubles with
 * each further failure up to {@link #MAX_LOCKOUT_MILLIS}. A success, or a quiet
 * {@link #FORGET_AFTER_MILLIS}, resets it. Time comes only from the injected clock; nothing sleeps.
 *
 * <p>The limiter is global, not per device id, because an attacker chooses the id it claims.
 */
public final class AuthRateLimiter {
  public static final int FREE_FAILURES = 3;
  public static final long FIRST_LOCKOUT_MILLIS = 2_000;
  public static final long MAX_LOCKOUT_MILLIS = 10 * 60_000;
  public static final long FORGET_AFTER_MILLIS = 60 * 60_000;
  /** Doubling stops here, long after the cap is reached, so the shift never overflows. */
  private static final int MAX_DOUBLINGS = 30;

  private final LongSupplier clockMillis;
  private int failures;
  private long lastFailureAt;
  private long lockedUntil;

  public AuthRateLimiter(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  /** Milliseconds until an attempt is allowed again; 0 when allowed now. */
  public long lockoutRemainingMillis() {
    long now = clockMillis.getAsLong();
    forgetIfQuiet(now);
    return Math.max(0, lockedUntil - now);
  }

  public boolean allowed() {
    return lockoutRemainingMillis() == 0;
  }

  /** Counts a failed (or not yet successful) attempt and starts or extends the lockout. */
  public void recordFailure() {
    long now = clockMillis.getAsLong();
    forgetIfQuiet(now);
    failures++;
    lastFailureAt = now;
    if (failures >= FREE_FAILURES) {
      int doublings = Math.min(failures - FREE_FAILURES, MAX_DOUBLINGS);
      long lockout = Math.min(MAX_LOCKOUT_MILLIS, FIRST_LOCKOUT_MILLIS << doublings);
      lockedUntil = now + lockout;
    }
  }

  public void recordSuccess() {
    failures = 0;
    lockedUntil = 0;
  }

  public int consecutiveFailures() {
    forgetIfQuiet(clockMillis.getAsLong());
    return failures;
  }

  private void forgetIfQuiet(long now) {
    if (failures > 0 && now - lastFailureAt >= FORGET_AFTER_MILLIS && now >= lockedUntil) {
      failures = 0;
      lockedUntil = 0;
    }
  }
}
