// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.openitb.firmware.telemetry.PumpPort;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Volume;

/** The running pump as the telemetry handler sees it: {@link PumpPort} over {@link Firmware} and its RAM state. */
final class TelemetryPort implements PumpPort {
  private final Firmware firmware;

  TelemetryPort(Firmware firmware) {
    this.firmware = firmware;
  }

  private PumpRuntime r() {
    return firmware.runtime();
  }

  @Override
  public long now() {
    return r().now();
  }

  @Override
  public long clockOffsetMillis() {
    return r().profile.clockOffset();
  }

  @Override
  public int utcOffsetMinutes() {
    return r().utcOffsetMinutes();
  }

  @Override
  public String serial() {
    return firmware.serial();
  }

  @Override
  public PumpModel model() {
    return r().model;
  }

  @Override
  public CommandResult handle(Command command, Origin origin) {
    return firmware.handle(command, origin);
  }

  @Override
  public CommandResult check(Command.ProgramTherapy command, Origin origin) {
    return firmware.check(command, origin);
  }

  @Override
  public FirmwareStatus status() {
    return firmware.status();
  }

  @Override
  public List<LogEntry> eventsSince(long n) {
    return firmware.eventsSince(n);
  }

  @Override
  public long lastEventNumber() {
    return r().log.lastNumber();
  }

  @Override
  public long oldestEventNumber() {
    return r().log.oldestNumber();
  }

  @Override
  public void recordActivity(PumpEvent event) {
    r().recordActivity(event);
  }

  @Override
  public void recordAndPersist(PumpEvent event) {
    PumpRuntime r = r();
    r.record(event);
    r.persist();
  }

  @Override
  public Prescription running() {
    return r().running();
  }

  @Override
  public Prescription programmed() {
    PumpRuntime r = r();
    return r.bridgeStrokesRemaining() > 0 && r.afterBridge() != null ? r.afterBridge() : r.running();
  }

  @Override
  public Etiology etiology() {
    return r().etiology();
  }

  @Override
  public Volume lowReservoirAlarm() {
    return new Volume(r().reservoir.lowAlarmNl);
  }

  @Override
  public boolean reservoirLow() {
    return r().reservoir.low();
  }

  @Override
  public boolean stopWithinLimits(Duration expiry) {
    try {
      r().limits.checkStop(expiry);
      return true;
    } catch (Refusal e) {
      return false;
    }
  }

  @Override
  public List<Long> patientBolusStarts() {
    return Collections.unmodifiableList(r().patientBolusStarts);
  }
}
