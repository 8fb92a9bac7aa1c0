// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer.fake;

import java.util.function.LongSupplier;

/** A clock that moves only when a test says so. */
public final class ManualClock implements LongSupplier {
  private long now;

  public ManualClock(long start) {
    this.now = start;
  }

  @Override
  public long getAsLong() {
    return now;
  }

  public void advance(long millis) {
    now += millis;
  }
}
