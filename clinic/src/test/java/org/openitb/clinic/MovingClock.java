// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves; nothing sleeps. Starts at the tests' fixed instant. */
public final class MovingClock extends Clock {
  public volatile Instant now = TestSupport.CLOCK.instant();

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
