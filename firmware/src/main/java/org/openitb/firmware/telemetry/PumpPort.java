// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.telemetry;

import java.time.Duration;
import java.util.List;
import org.openitb.firmware.Command;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.FirmwareStatus;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Volume;

/**
 * What the telemetry side needs from the running pump, and nothing more: the firmware implements
 * it over its RAM state (the firmware's {@code Firmware} hands one to the {@link TelemetryHandler}
 * it builds). Every call happens inside the firmware's radio or wake interrupt, after the firmware
 * serviced everything due, so each answer is the pump's state at the RTC's time. Commands go
 * through {@link #handle} and therefore meet every check any other sender meets; only the two
 * logging calls change state without a command, and both only append to the event log.
 */
public interface PumpPort {
  /** The RTC time the firmware holds (milliseconds since manufacture; never goes backwards). */
  long now();

  /** Pump-local time minus RTC time, in milliseconds, as last set. */
  long clockOffsetMillis();

  /** Pump-local time minus UTC, in minutes, as last set over the link (0 until then). */
  int utcOffsetMinutes();

  /** The pump's serial number. */
  String serial();

  /** The pump's device model. */
  PumpModel model();

  /** Runs {@code command} with all its checks, exactly as {@code Firmware.handle}. */
  CommandResult handle(Command command, Origin origin);

  /** Every check of {@code command} without applying it: nothing changes and nothing is logged. */
  CommandResult check(Command.ProgramTherapy command, Origin origin);

  /** What the pump believes now. */
  FirmwareStatus status();

  /** Every log entry numbered above {@code n} still in the ring, oldest first. */
  List<LogEntry> eventsSince(long n);

  /** The number of the newest log entry (0 when none). */
  long lastEventNumber();

  /** The number of the oldest log entry still in the ring. */
  long oldestEventNumber();

  /** Logs link activity without flushing the pending stroke batch (a frame stream cannot split it). */
  void recordActivity(PumpEvent event);

  /** Logs {@code event} after the pending stroke batch and saves the settings, as a command's own event. */
  void recordAndPersist(PumpEvent event);

  /** The prescription delivering now (during a bridge: the old doses at the old concentration), else null. */
  Prescription running();

  /** The prescription the clinician programmed: the one after a running bridge, else {@link #running()}; null when none. */
  Prescription programmed();

  /** The etiology the pump was last programmed under, else null. */
  Etiology etiology();

  /** The programmed low-reservoir alarm volume. */
  Volume lowReservoirAlarm();

  /** True when the reservoir belief is at or below the low-reservoir alarm volume. */
  boolean reservoirLow();

  /** True when {@code expiry} is within the firmware's own limit for a deliberate stop. */
  boolean stopWithinLimits(Duration expiry);

  /** RTC start times of the patient boluses of the last 24 h, oldest first (read-only). */
  List<Long> patientBolusStarts();
}
