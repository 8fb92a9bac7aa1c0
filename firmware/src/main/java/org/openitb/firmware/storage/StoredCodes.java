// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.util.function.ToIntFunction;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.Mode;
import org.openitb.firmware.PumpEvent.BasalKind;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.EndReason;
import org.openitb.firmware.PumpEvent.EriReason;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.Role;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.hal.Tone;
import org.openitb.link.session.FrameVerdict;
import org.openitb.therapy.drug.Etiology;

/**
 * The explicit code of every enum constant that goes into a stored format (settings copies, log
 * slots, the latched-alarm mask) or onto the wire as a log value. A code is never renumbered and
 * never derived from {@code ordinal()}: reordering or inserting a constant must not change how an
 * implanted pump reads its old log and settings. Each table is an exhaustive switch, so a new
 * constant does not compile until it has a code; {@code StoredCodesTest} pins every value.
 *
 * <p>The codes are those the formats have always held (the declaration order when they were
 * first written), so no stored version changes. Code {@link #NONE} (0xff) marks an absent value.
 */
public final class StoredCodes {
  /** The stored byte of an absent optional value. */
  public static final int NONE = 0xff;

  private StoredCodes() {}

  public static int mode(Mode m) {
    return switch (m) {
      case NOT_PROGRAMMED -> 0;
      case RUNNING -> 1;
      case STOPPED -> 2;
      case STOP_EXPIRED -> 3;
      case RESERVOIR_EMPTY -> 4;
      case END_OF_SERVICE -> 5;
      case SAFE_STATE -> 6;
    };
  }

  /** An alarm's stored code; also its bit in the latched-alarm mask (bit {@code 1 << code}). */
  public static int alarm(AlarmKind a) {
    return switch (a) {
      case LOW_RESERVOIR -> 0;
      case REPLACEMENT_INDICATOR -> 1;
      case SETTINGS_COPY_CORRUPTED -> 2;
      case LOG_FAILURE -> 3;
      case RESERVOIR_EMPTY -> 4;
      case END_OF_SERVICE -> 5;
      case MOTOR_STALL -> 6;
      case MOTOR_RUNAWAY -> 7;
      case DELIVERY_FAULT -> 8;
      case SETTINGS_LOST -> 9;
      case STOP_EXPIRED -> 10;
      case RESET_LOOP -> 11;
    };
  }

  public static int etiology(Etiology e) {
    return switch (e) {
      case SPINAL -> 0;
      case CEREBRAL -> 1;
      case PAEDIATRIC -> 2;
    };
  }

  public static int bolusKind(BolusKind k) {
    return switch (k) {
      case CLINICIAN -> 0;
      case PRIMING -> 1;
      case BRIDGE -> 2;
      case PATIENT -> 3;
    };
  }

  public static int role(Role r) {
    return switch (r) {
      case CLINICIAN -> 0;
      case PATIENT -> 1;
      case READ_ONLY -> 2;
    };
  }

  public static int tone(Tone t) {
    return switch (t) {
      case CRITICAL_TWO_TONE -> 0;
      case NON_CRITICAL_SINGLE_TONE -> 1;
    };
  }

  public static int bootKind(BootKind k) {
    return switch (k) {
      case FIRST_POWER_ON -> 0;
      case RESTORED -> 1;
      case SETTINGS_LOST -> 2;
    };
  }

  public static int settingsSource(SettingsSource s) {
    return switch (s) {
      case BOTH -> 0;
      case ONLY_A -> 1;
      case ONLY_B -> 2;
      case NONE -> 3;
    };
  }

  public static int basalKind(BasalKind k) {
    return switch (k) {
      case STOPPED -> 0;
      case SIMPLE_CONTINUOUS -> 1;
      case FLEX -> 2;
    };
  }

  public static int eriReason(EriReason r) {
    return switch (r) {
      case PROJECTED_BATTERY_LIFE -> 0;
      case LOW_CHARGE -> 1;
      case SERVICE_LIFE -> 2;
    };
  }

  public static int endReason(EndReason r) {
    return switch (r) {
      case BATTERY -> 0;
      case SERVICE_LIFE -> 1;
    };
  }

  /** Also the value of a {@code CommandRefused} event on the wire (firmware/TELEMETRY.md). */
  public static int refusal(CommandResult.Code c) {
    return switch (c) {
      case NOT_AUTHORISED -> 0;
      case NOT_NOW -> 1;
      case OUT_OF_RANGE -> 2;
      case HARD_DOSE_LIMIT -> 3;
      case MISMATCH -> 4;
      case LOCKOUT -> 5;
      case DAILY_LIMIT -> 6;
      case NO_ALLOWANCE -> 7;
      case BUSY -> 8;
    };
  }

  /** The verdict of a logged frame; also the high byte of a {@code TelemetryFrame} event's wire value (link/PROTOCOL.md 6.6). */
  public static int verdict(FrameVerdict v) {
    return switch (v) {
      case ACCEPTED -> 0;
      case SESSION_CLOSED -> 1;
      case HANDLER_REFUSED -> 2;
      case HANDLER_FAILED -> 3;
      case NO_PROXIMITY -> 4;
      case LOCKED_OUT -> 5;
      case MALFORMED -> 6;
      case UNSUPPORTED_VERSION -> 7;
      case UNKNOWN_DEVICE -> 8;
      case BAD_SIGNATURE -> 9;
      case NO_HANDSHAKE -> 10;
      case HANDSHAKE_EXPIRED -> 11;
      case NO_SESSION -> 12;
      case STALE_SESSION -> 13;
      case REPLAY -> 14;
      case RETRANSMISSION -> 15;
      case TAMPERED -> 16;
      case WRONG_ROLE -> 17;
      case WRONG_DIRECTION -> 18;
      case SESSION_SUPERSEDED -> 19;
    };
  }

  /** The constant of {@code type} whose code is {@code stored}; any other byte is corrupt data. */
  public static <E extends Enum<E>> E decode(Class<E> type, ToIntFunction<E> code, int stored) {
    for (E e : type.getEnumConstants()) {
      if (code.applyAsInt(e) == stored) {
        return e;
      }
    }
    throw new CorruptDataException(type.getSimpleName() + " code " + stored);
  }

  /** The latched-alarm mask of {@code alarms}: bit {@link #alarm} of each. */
  public static long alarmMask(Iterable<AlarmKind> alarms) {
    long mask = 0;
    for (AlarmKind a : alarms) {
      mask |= 1L << alarm(a);
    }
    return mask;
  }

  /** The alarms whose bits {@code mask} has. */
  public static java.util.Set<AlarmKind> alarmsIn(long mask) {
    java.util.Set<AlarmKind> set = java.util.EnumSet.noneOf(AlarmKind.class);
    for (AlarmKind a : AlarmKind.values()) {
      if (inMask(mask, a)) {
        set.add(a);
      }
    }
    return set;
  }

  /** True when {@code mask} has {@code alarm}'s bit. */
  public static boolean inMask(long mask, AlarmKind alarm) {
    return (mask & (1L << alarm(alarm))) != 0;
  }
}
