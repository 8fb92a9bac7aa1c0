// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.telemetry;

import java.util.Optional;
import org.openitb.firmware.CommandResult.Refused;
import org.openitb.firmware.PumpEvent;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.storage.ByteWriter;
import org.openitb.firmware.storage.EventCodec;
import org.openitb.firmware.storage.StoredCodes;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.WireLimits;

/**
 * How the firmware's own values look on the wire (firmware/TELEMETRY.md): the alarm codes, the
 * code, value and source of a log event, a loggable device id and the error reply of a refusal.
 * Every code is fixed here or in the stored formats, never derived from an enum's order, so a
 * programmer reads the same numbers from every firmware version.
 */
final class WireCodes {
  private WireCodes() {}

  /** A device id as the log may hold it: id characters only, at most the wire's 32. */
  static String loggableId(String id) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < id.length() && b.length() < WireLimits.MAX_DEVICE_ID_CHARS; i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  /** The error reply of a firmware refusal: the firmware's field, and "reason: got value; allowed range". */
  static ErrorReply error(Refused refused) {
    ErrorCode code = switch (refused.code()) {
      case NOT_AUTHORISED -> ErrorCode.NOT_PERMITTED;
      case BUSY -> ErrorCode.BUSY;
      case NOT_NOW -> refused.value().contains("END_OF_SERVICE") || refused.value().contains("runaway")
          ? ErrorCode.NOT_AVAILABLE : ErrorCode.BUSY;
      default -> refused.reason().contains("not in the pump's drug library") ? ErrorCode.UNKNOWN_DRUG : ErrorCode.INVALID_VALUE;
    };
    return ErrorReply.of(code, refused.field(), refused.reason() + ": got " + refused.value() + "; allowed " + refused.allowed());
  }

  // ---------------------------------------------------------------- codes (stable: never renumbered)

  /** The wire code of an alarm: 1..12 in declaration order, fixed here so reordering the enum cannot change it. */
  static int alarmCode(AlarmKind a) {
    return switch (a) {
      case LOW_RESERVOIR -> 1;
      case REPLACEMENT_INDICATOR -> 2;
      case SETTINGS_COPY_CORRUPTED -> 3;
      case LOG_FAILURE -> 4;
      case RESERVOIR_EMPTY -> 5;
      case END_OF_SERVICE -> 6;
      case MOTOR_STALL -> 7;
      case MOTOR_RUNAWAY -> 8;
      case DELIVERY_FAULT -> 9;
      case SETTINGS_LOST -> 10;
      case STOP_EXPIRED -> 11;
      case RESET_LOOP -> 12;
    };
  }

  static Optional<AlarmKind> alarmOf(int code) {
    for (AlarmKind a : AlarmKind.values()) {
      if (alarmCode(a) == code) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The wire code of an event: its type code in the stored log slot (stable), 0 for an unreadable slot. */
  static int eventCode(PumpEvent event) {
    if (event instanceof PumpEvent.Unreadable) {
      return 0;
    }
    return EventCodec.encode(event, new ByteWriter());
  }

  /** The one value an event carries on the wire (see {@code link/PROTOCOL.md} 4.7 and the firmware's README of codes). */
  static long eventValue(PumpEvent event) {
    return switch (event) {
      case PumpEvent.Booted e -> e.resetsInLastDay();
      case PumpEvent.StrokesDelivered e -> e.volume().nanolitres();
      case PumpEvent.AlarmRaised e -> alarmCode(e.alarm());
      case PumpEvent.AlarmCleared e -> alarmCode(e.alarm());
      case PumpEvent.TherapyProgrammed e -> e.dailyDose().nanograms();
      case PumpEvent.Refilled e -> e.newVolume().nanolitres();
      case PumpEvent.BolusStarted e -> e.dose().nanograms();
      case PumpEvent.BolusEnded e -> e.completed() ? 1 : 0;
      case PumpEvent.CommandRefused e -> StoredCodes.refusal(e.code());
      case PumpEvent.StallRecovered e -> e.stalled().toMillis();
      case PumpEvent.RunawayDetected e -> e.uncommandedRotations();
      case PumpEvent.SafeStateEntered e -> alarmCode(e.reason());
      case PumpEvent.ClockSet e -> EventCodec.millis(e.after());
      case PumpEvent.TherapyStopped e -> e.expiry().toMillis();
      case PumpEvent.MagnetField e -> e.present() ? 1 : 0;
      case PumpEvent.ReplacementIndicator e -> e.endOfServiceAtRtc();
      case PumpEvent.DeliveryWrittenOff e -> e.strokes();
      case PumpEvent.ReservoirEmpty e -> e.believed().nanolitres();
      case PumpEvent.TelemetryFrame e -> ((long) StoredCodes.verdict(e.verdict()) << 8) | e.messageType();
      case PumpEvent.TelemetryFramesSuppressed e -> e.count();
      default -> 0;
    };
  }

  static String source(PumpEvent event) {
    String id = switch (event) {
      case PumpEvent.AlarmTested e -> e.origin().deviceId();
      case PumpEvent.TherapyProgrammed e -> e.origin().deviceId();
      case PumpEvent.Refilled e -> e.origin().deviceId();
      case PumpEvent.BolusStarted e -> e.origin().deviceId();
      case PumpEvent.CommandRefused e -> e.origin().deviceId();
      case PumpEvent.ClockSet e -> e.origin().deviceId();
      case PumpEvent.TherapyStopped e -> e.origin().deviceId();
      case PumpEvent.TherapyResumed e -> e.origin().deviceId();
      case PumpEvent.Interrogated e -> e.origin().deviceId();
      case PumpEvent.TelemetryFrame e -> e.deviceId();
      default -> "";
    };
    return loggableId(id);
  }
}
