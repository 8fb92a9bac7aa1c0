// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openitb.link.fixtures.ManualClock;

class AuthRateLimiterTest {
  final ManualClock clock = new ManualClock(0);
  final AuthRateLimiter limiter = new AuthRateLimiter(clock);

  @Test
  void theFirstFailuresAreFreeThenTheLockoutDoublesUpToItsCap() {
    limiter.recordFailure();
    limiter.recordFailure();
    assertThat(limiter.allowed()).isTrue();
    long expected = AuthRateLimiter.FIRST_LOCKOUT_MILLIS;
    for (int failure = AuthRateLimiter.FREE_FAILURES; failure < 40; failure++) {
      limiter.recordFailure();
      assertThat(limiter.lockoutRemainingMillis()).as("after failure %d", failure).isEqualTo(expected);
      clock.advance(limiter.lockoutRemainingMillis() - 1);
      assertThat(limiter.allowed()).isFalse();
      clock.advance(1);
      assertThat(limiter.allowed()).isTrue();
      expected = Math.min(expected * 2, AuthRateLimiter.MAX_LOCKOUT_MILLIS);
    }
    assertThat(expected).isEqualTo(AuthRateLimiter.MAX_LOCKOUT_MILLIS);
  }

  @Test
  void aSuccessClearsEverything() {
    for (int i = 0; i < 5; i++) {
      limiter.recordFailure();
    }
    limiter.recordSuccess();
    assertThat(limiter.allowed()).isTrue();
    assertThat(limiter.consecutiveFailures()).isZero();
  }

  @Test
  void aQuietHourForgetsOldFailures() {
    limiter.recordFailure();
    limiter.recordFailure();
    clock.advance(AuthRateLimiter.FORGET_AFTER_MILLIS);
    assertThat(limiter.consecutiveFailures()).isZero();
    limiter.recordFailure();
    assertThat(limiter.allowed()).isTrue();
  }
}
