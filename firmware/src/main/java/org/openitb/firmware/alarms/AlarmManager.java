// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.alarms;


import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openitb.firmware.hal.Buzzer;
import org.openitb.firmware.hal.Tone;

/**
 * Latched alarms and their tones. An alarm sounds its tone when raised and again every repeat
 * interval of its class (from the pump model) until a programmer clears it; critical and
 * non-critical classes repeat independently. Clearing unlatches everything; whoever cleared then
 * re-raises the conditions still present. An alarm that reports a condition (low reservoir, empty
 * reservoir, stall, expired stop, safe state) is also unlatched as soon as the condition ends, so
 * that the next occurrence raises it again.
 */
public final class AlarmManager {
  /** No tone due. */
  private static final long NEVER = Long.MAX_VALUE;
  private final EnumSet<AlarmKind> latched = EnumSet.noneOf(AlarmKind.class);
  private final Buzzer buzzer;
  private final long criticalRepeatMillis;
  private final long nonCriticalRepeatMillis;
  private long nextCritical = NEVER;
  private long nextNonCritical = NEVER;

  public AlarmManager(Buzzer buzzer, long criticalRepeatMillis, long nonCriticalRepeatMillis) {
    if (criticalRepeatMillis <= 0 || nonCriticalRepeatMillis <= 0) {
      throw new IllegalArgumentException("alarm repeat intervals must be positive");
    }
    this.buzzer = buzzer;
    this.criticalRepeatMillis = criticalRepeatMillis;
    this.nonCriticalRepeatMillis = nonCriticalRepeatMillis;
  }

  public boolean isLatched(AlarmKind kind) {
    return latched.contains(kind);
  }

  public Set<AlarmKind> latched() {
    return EnumSet.copyOf(latched);
  }

  /** Latches and sounds {@code kind}; false when it was already latched (nothing happens). */
  public boolean latch(AlarmKind kind, long now) {
    if (!latched.add(kind)) {
      return false;
    }
    sound(kind.tone(), now);
    return true;
  }

  public boolean anyLatched() {
    return !latched.isEmpty();
  }

  /**
   * Unlatches one alarm whose condition has ended; its class stops repeating when no other alarm of
   * that class is latched. False when it was not latched.
   */
  public boolean unlatch(AlarmKind kind) {
    if (!latched.remove(kind)) {
      return false;
    }
    if (!hasLatched(true)) {
      nextCritical = NEVER;
    }
    if (!hasLatched(false)) {
      nextNonCritical = NEVER;
    }
    return true;
  }

  /** Unlatches every alarm and returns those that were latched, in declaration order. */
  public List<AlarmKind> unlatchAll() {
    List<AlarmKind> cleared = new ArrayList<>(latched);
    latched.clear();
    nextCritical = NEVER;
    nextNonCritical = NEVER;
    return cleared;
  }

  /** Sounds each class whose repeat time has come. */
  public void soundDue(long now) {
    if (nextCritical <= now) {
      sound(Tone.CRITICAL_TWO_TONE, now);
    }
    if (nextNonCritical <= now) {
      sound(Tone.NON_CRITICAL_SINGLE_TONE, now);
    }
  }

  public long nextSoundAt() {
    return Math.min(nextCritical, nextNonCritical);
  }

  /** The alarm test: both tones once, critical first. Latched alarms keep their schedule. */
  public void test() {
    buzzer.sound(Tone.CRITICAL_TWO_TONE);
    buzzer.sound(Tone.NON_CRITICAL_SINGLE_TONE);
  }

  /** Restores latched alarms after a reset; each class sounds again at {@code now}. */
  public void restore(Set<AlarmKind> stored, long now) {
    latched.clear();
    for (AlarmKind k : AlarmKind.values()) {
      if (stored.contains(k)) {
        latched.add(k);
        if (k.critical()) {
          nextCritical = now;
        } else {
          nextNonCritical = now;
        }
      }
    }
  }

  private void sound(Tone tone, long now) {
    buzzer.sound(tone);
    if (tone == Tone.CRITICAL_TWO_TONE) {
      nextCritical = hasLatched(true) ? now + criticalRepeatMillis : NEVER;
    } else {
      nextNonCritical = hasLatched(false) ? now + nonCriticalRepeatMillis : NEVER;
    }
  }

  private boolean hasLatched(boolean critical) {
    for (AlarmKind k : latched) {
      if (k.critical() == critical) {
        return true;
      }
    }
    return false;
  }
}
