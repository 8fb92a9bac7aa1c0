// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

/**
 * One pump's virtual clock in milliseconds of simulated world time. Only the simulator moves it
 * (through {@link SimulatedPump#runUntil(long)}); nothing reads the wall clock or sleeps.
 *
 * <p>Guarantee: the time never goes backwards; an attempt to set it earlier is refused.
 */
public final class VirtualClock {
  private long nowMillis;

  /** A clock standing at {@code startMillis}. */
  public VirtualClock(long startMillis) {
    this.nowMillis = startMillis;
  }

  public long nowMillis() {
    return nowMillis;
  }

  /**
   * Moves the clock to {@code millis}; staying at the current time is allowed.
   *
   * @throws IllegalArgumentException when {@code millis} is before the current time
   */
  public void advanceTo(long millis) {
    if (millis < nowMillis) {
      throw new IllegalArgumentException(
          "virtual clock cannot go back: now " + nowMillis + " ms, asked " + millis + " ms");
    }
    nowMillis = millis;
  }
}
