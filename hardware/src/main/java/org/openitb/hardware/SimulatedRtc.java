// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import org.openitb.firmware.hal.Rtc;

/**
 * The real-time clock: counts milliseconds since manufacture from the pump's virtual world clock,
 * possibly drifting ({@link Fault.RtcDrift}), and holds the one wake-up alarm. The counter is
 * {@code base + (world - worldBase) x (10^6 + drift) / 10^6}, rounded down, so it never goes
 * backwards; the alarm is kept in RTC units and converted to the first world millisecond at which
 * the counter has reached it.
 */
final class SimulatedRtc implements Rtc {
  /** The world time of a disarmed alarm. */
  static final long NEVER = Long.MAX_VALUE;
  private static final long PPM = Fault.PPM;

  private final VirtualClock clock;
  private long worldBaseMillis;
  private long rtcBaseMillis;
  private long driftPpm;
  private boolean armed;
  private long alarmRtcMillis;
  private long alarmWorldMillis = NEVER;

  SimulatedRtc(VirtualClock clock, long rtcAtStartMillis) {
    this.clock = clock;
    this.worldBaseMillis = clock.nowMillis();
    this.rtcBaseMillis = rtcAtStartMillis;
  }

  @Override
  public long nowMillis() {
    return rtcAt(clock.nowMillis());
  }

  @Override
  public void wakeAt(long atMillis) {
    armed = true;
    alarmRtcMillis = atMillis;
    alarmWorldMillis = worldAt(atMillis);
  }

  /** The world millisecond at which the alarm fires, or {@link #NEVER}. */
  long alarmWorldMillis() {
    return alarmWorldMillis;
  }

  void disarm() {
    armed = false;
    alarmWorldMillis = NEVER;
  }

  /** Changes the drift from now on, keeping the counter continuous. */
  void setDriftPpm(long ppm) {
    long now = clock.nowMillis();
    rtcBaseMillis = rtcAt(now);
    worldBaseMillis = now;
    driftPpm = ppm;
    if (armed) {
      alarmWorldMillis = worldAt(alarmRtcMillis);
    }
  }

  private long rtcAt(long worldMillis) {
    long elapsed = worldMillis - worldBaseMillis;
    if (driftPpm == 0) {
      return rtcBaseMillis + elapsed;
    }
    return rtcBaseMillis + Math.floorDiv(Math.multiplyExact(elapsed, PPM + driftPpm), PPM);
  }

  /** The first world millisecond (not before now) at which the counter reads at least {@code rtcMillis}. */
  private long worldAt(long rtcMillis) {
    long now = clock.nowMillis();
    long ahead = rtcMillis - rtcAt(now);
    if (ahead <= 0) {
      return now; // "in the past means as soon as possible"
    }
    try {
      long fromBase = Math.subtractExact(rtcMillis, rtcBaseMillis);
      long world = driftPpm == 0
          ? Math.addExact(worldBaseMillis, fromBase)
          : Math.subtractExact(worldBaseMillis, Math.floorDiv(-Math.multiplyExact(fromBase, PPM), PPM + driftPpm));
      return Math.max(world, now);
    } catch (ArithmeticException beyondAnyLifetime) {
      return NEVER; // an alarm centuries away (e.g. Long.MAX_VALUE as "no wake-up") never fires
    }
  }
}
