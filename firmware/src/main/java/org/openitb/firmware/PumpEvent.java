// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.firmware.hal.Tone;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Everything the pump writes to its event log. Each record round-trips exactly through the
 * checksummed log slot in non-volatile memory, so what a listener saw is what {@link
 * Firmware#eventsSince(long)} returns later.
 */
public sealed interface PumpEvent {

  /** How the firmware came up. */
  enum BootKind {
    /** Blank settings memory: a new pump. */
    FIRST_POWER_ON,
    /** Settings restored from verified memory after a reset (watchdog, power). */
    RESTORED,
    /** No verified settings: safe state. */
    SETTINGS_LOST
  }

  /** Which settings copies verified at boot. */
  enum SettingsSource {
    BOTH,
    ONLY_A,
    ONLY_B,
    NONE
  }

  /** The shape of a programmed basal. */
  enum BasalKind {
    STOPPED,
    SIMPLE_CONTINUOUS,
    FLEX
  }

  /** Why the replacement indicator was raised. */
  enum EriReason {
    /** Remaining charge lasts no longer than the ERI margin at the measured consumption. */
    PROJECTED_BATTERY_LIFE,
    /** Remaining charge fell below the floor fraction of capacity. */
    LOW_CHARGE,
    /** The pump's age reached the maximum service life minus the ERI-to-EOS interval. */
    SERVICE_LIFE
  }

  /** Why service ended. */
  enum EndReason {
    /** The ERI-to-EOS interval elapsed, or the battery is exhausted. */
    BATTERY,
    /** The pump reached its maximum service life. */
    SERVICE_LIFE
  }

  /** The firmware booted: how, from which settings, how many strokes it found delivered since its last checkpoint (from the rotation counter), resets in the last 24 h. */
  record Booted(BootKind boot, SettingsSource settings, long strokesRecovered, int resetsInLastDay) implements PumpEvent {}

  /** A batch of strokes whose rotor turned, and the total of such strokes since manufacture. */
  record StrokesDelivered(long strokes, Volume volume, long totalStrokes) implements PumpEvent {}

  record AlarmRaised(AlarmKind alarm, Tone tone) implements PumpEvent {}

  record AlarmCleared(AlarmKind alarm) implements PumpEvent {}

  record AlarmTested(Origin origin) implements PumpEvent {}

  /** New therapy: the basal shape, the daily dose of basal and scheduled boluses (rounded down), and the prescription's checksum for read-back. */
  record TherapyProgrammed(
      Origin origin, BasalKind basal, Mass dailyDose, Concentration concentration, Volume lowReservoirAlarm, int prescriptionChecksum)
      implements PumpEvent {}

  /** A refill: the believed volume before, the withdrawn volume when given, the new fill, and whether the two disagreed beyond the model's limit. */
  record Refilled(
      Origin origin, Volume believedBefore, Optional<Volume> withdrawn, Volume newVolume, Concentration concentration, boolean discrepancy)
      implements PumpEvent {}

  record BolusStarted(Origin origin, BolusKind kind, Mass dose, Volume volume, Duration duration) implements PumpEvent {}

  /** A bolus ended: completed, or cancelled (by command, a stop, an empty reservoir...). */
  record BolusEnded(BolusKind kind, boolean completed) implements PumpEvent {}

  /** A command was refused (patient bolus requests denied included). */
  record CommandRefused(Origin origin, String command, CommandResult.Code code) implements PumpEvent {}

  /** A commanded stroke sensed no rotation. */
  record StallStarted() implements PumpEvent {}

  /** A stroke turned again after a stall; strokes that fell due meanwhile were written off (no catch-up). */
  record StallRecovered(Duration stalled, long strokesWrittenOff) implements PumpEvent {}

  /** Rotations without a command were sensed; motor power was cut. */
  record RunawayDetected(long uncommandedRotations) implements PumpEvent {}

  record SafeStateEntered(AlarmKind reason) implements PumpEvent {}

  /** A settings copy ('A' or 'B') failed its checksum and was rewritten from the verified one. */
  record SettingsCopyCorrupted(char copy) implements PumpEvent {}

  record ClockSet(Origin origin, LocalDateTime before, LocalDateTime after) implements PumpEvent {}

  record TherapyStopped(Origin origin, Duration expiry) implements PumpEvent {}

  record TherapyResumed(Origin origin) implements PumpEvent {}

  record StopExpired() implements PumpEvent {}

  record MagnetField(boolean present) implements PumpEvent {}

  record Interrogated(Origin origin) implements PumpEvent {}

  /** Elective replacement indicator, with the RTC time at which service will end. */
  record ReplacementIndicator(EriReason reason, long endOfServiceAtRtc) implements PumpEvent {}

  record EndOfService(EndReason reason) implements PumpEvent {}

  /** The pump was not awake when strokes fell due (e.g. across a long reset); they were written off rather than caught up. */
  record DeliveryWrittenOff(long strokes) implements PumpEvent {}

  record ReservoirEmpty(Volume believed) implements PumpEvent {}

  /**
   * One telemetry frame the pump's link endpoint accepted or refused ({@code verdict}), with the
   * message type code from its header (0 when unreadable), whether the device id was proven by the
   * session's keys, and that device id (empty when none; as claimed when not authenticated).
   */
  record TelemetryFrame(org.openitb.link.session.FrameVerdict verdict, int messageType, boolean authenticated, String deviceId)
      implements PumpEvent {}

  /**
   * Unauthenticated frames not logged one by one because they exceeded the hourly log budget (a
   * flood must not push the therapy history out of the bounded log); {@code count} of them since
   * the last entry of this kind.
   */
  record TelemetryFramesSuppressed(long count) implements PumpEvent {}

  /** A log slot that failed its checksum when read back (the entry is lost; its number is kept). */
  record Unreadable() implements PumpEvent {}
}
