// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

import java.time.Duration;

/**
 * A stall: a commanded stroke sensed no rotation. The same stroke is retried with a doubling
 * backoff (first after {@link #FIRST_RETRY}, at most every {@link #MAX_RETRY}); the critical alarm
 * comes after {@link #ALARM_AFTER_FAILED_ATTEMPTS} failed attempts (safety.md 5.3: detect within
 * three missed strokes). While stalled, strokes falling due are written off, not caught up.
 */
public final class StallTracker {
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(15);
  static final int ALARM_AFTER_FAILED_ATTEMPTS = 3;
  private static final int MAX_SHIFT = 20;

  /**
   * A stall episode as a reset must find it: the RTC time it started, the failed attempts so far
   * (at least one), the RTC time of the next retry and the strokes written off since it started.
   */
  public record Episode(long since, int failedAttempts, long retryAt, long writtenOff) {
    public Episode {
      if (failedAttempts < 1 || writtenOff < 0 || retryAt < since) {
        throw new IllegalArgumentException("stall episode: " + failedAttempts + " failed attempts, retry at " + retryAt
            + " before its start " + since + " or " + writtenOff + " strokes written off");
      }
    }
  }

  private boolean stalled;
  private long since;
  private int failedAttempts;
  private long retryAt = NEVER;
  private long writtenOff;

  public boolean stalled() {
    return stalled;
  }

  /** Records a failed attempt; true when it started the stall. */
  public boolean strokeFailed(long now) {
    boolean started = !stalled;
    if (started) {
      stalled = true;
      since = now;
      failedAttempts = 0;
      writtenOff = 0;
    }
    failedAttempts++;
    long backoff = Math.min(FIRST_RETRY.toMillis() << Math.min(failedAttempts - 1, MAX_SHIFT), MAX_RETRY.toMillis());
    retryAt = now + backoff;
    return started;
  }

  public boolean alarmWarranted() {
    return stalled && failedAttempts >= ALARM_AFTER_FAILED_ATTEMPTS;
  }

  public long retryAt() {
    return stalled ? retryAt : NEVER;
  }

  /** Retry at once (the magnetic field that stalled the rotor is gone). */
  public void retryNow(long now) {
    if (stalled) {
      retryAt = now;
    }
  }

  public void wroteOff(long strokes) {
    writtenOff += strokes;
  }

  public long writtenOff() {
    return writtenOff;
  }

  /** The episode in progress, else null. */
  public Episode episode() {
    return stalled ? new Episode(since, failedAttempts, retryAt, writtenOff) : null;
  }

  /** After a reset: continues the stored episode (its attempts, retry time and write-offs); null leaves the rotor not stalled. */
  public void restore(Episode episode) {
    if (episode == null) {
      return;
    }
    stalled = true;
    since = episode.since();
    failedAttempts = episode.failedAttempts();
    retryAt = episode.retryAt();
    writtenOff = episode.writtenOff();
  }

  /** The rotor turned again; returns how long the stall lasted. */
  public Duration recovered(long now) {
    stalled = false;
    retryAt = NEVER;
    return Duration.ofMillis(now - since);
  }
}
