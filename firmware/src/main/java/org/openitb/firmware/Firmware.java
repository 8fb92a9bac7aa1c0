// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.hal.Interrupts;
import org.openitb.firmware.storage.EventLog;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.firmware.telemetry.TelemetryHandler;
import org.openitb.firmware.telemetry.TelemetryProvisioning;
import org.openitb.link.session.PumpEndpoint;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * The implanted pump's firmware. It knows its hardware only through the {@link Hal} handed to it
 * and runs only when the hardware calls one of its {@link Interrupts}: each call services
 * everything due at the RTC's time, runs to completion and arms the next {@link
 * org.openitb.firmware.hal.Rtc#wakeAt RTC wake-up}. Nothing sleeps and nothing reads any clock but
 * the RTC.
 *
 * <p>Boot: the constructor touches no hardware. The hardware powers the pump on by calling {@link
 * #onReset()}, and calls it again after every watchdog or power reset; each time all RAM state is
 * rebuilt from non-volatile memory and the motor's rotation counter, exactly as a real reset would.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>Exact delivery: the programmed profile (basal, flex steps in pump-local time, scheduled and
 *       one-off boluses) is integrated in integer arithmetic; whole strokes are issued so that the
 *       delivered volume never trails the ideal by a stroke or more and never leads it; the pump
 *       wakes exactly when the next stroke is due. No catch-up after a stall or a long reset.
 *   <li>Last line of defence: every {@link Command} is checked against the pump model and the drug
 *       library's hard limits whoever sent it, and refused with the field, the value and the range.
 *   <li>Single-fault safety: an independent monitor refuses any stroke the profile does not owe and
 *       cuts motor power at the first uncommanded rotation; over-delivery is bounded by one stroke.
 *   <li>Never silently stopped: an empty reservoir, end of service, a stall, a safe state and an
 *       expired stop all sound a latched critical alarm.
 *   <li>Integrity: settings in A/B checksummed copies; a corrupted copy falls back to the other,
 *       both corrupted means a stopped pump with a critical alarm, never unverified settings.
 *   <li>Traceability: a bounded, checksummed, numbered event log, read with {@link
 *       #eventsSince(long)} and pushed to {@link FirmwareListener}s.
 * </ul>
 *
 * <p>Memory: the first {@link #SETTINGS_BYTES} bytes of NV memory hold the settings copies; the rest
 * is the event log in slots of {@link #LOG_SLOT_BYTES} bytes (at least {@link #MIN_LOG_SLOTS}).
 * About 24 entries a day are written at steady state (hourly stroke batches and the events), so
 * 128 KiB keeps some 1 300 entries, about 55 days. Never-written memory must read as all zeros or
 * all ones (erased): anything else in both settings copies is treated as corruption.
 *
 * <p>Listeners belong to this instance: hardware that builds a new instance per reset must add
 * them again. Listeners run inside the interrupt and must neither throw nor call back.
 *
 * <p>Wake-ups: at every stroke, at every other deadline, and at least every {@link #MAX_SLEEP_MINUTES}
 * minutes; the watchdog is kicked on every wake, so a watchdog period longer than that never fires
 * in normal operation.
 */
public final class Firmware implements Interrupts {
  public static final int SETTINGS_BYTES = SettingsStore.TOTAL_BYTES;
  public static final int LOG_SLOT_BYTES = EventLog.SLOT_BYTES;
  public static final int MIN_LOG_SLOTS = 64;
  public static final int MIN_MEMORY_BYTES = SETTINGS_BYTES + MIN_LOG_SLOTS * LOG_SLOT_BYTES;
  public static final long MAX_SLEEP_MINUTES = PumpRuntime.MAX_SLEEP.toMinutes();

  private final Hal hal;
  private final PumpModel model;
  private final DrugLibrary library;
  private final String serial;
  private final int logSlots;
  private final List<FirmwareListener> listeners = new CopyOnWriteArrayList<>();
  private final TelemetryHandler telemetry;
  private final PumpEndpoint endpoint;
  private PumpRuntime runtime;
  private CommandProcessor processor;

  /**
   * Prepares the firmware for {@code hal} without telemetry: radio frames only wake it. It runs
   * from the first {@link #onReset()}.
   */
  public Firmware(Hal hal, PumpModel model, DrugLibrary library, String serial) {
    this(null, hal, model, library, serial);
  }

  /**
   * Prepares the firmware for {@code hal} with a telemetry link: radio frames go to a {@link
   * PumpEndpoint} with the provisioned identity and trust list, the HAL's proximity signal and the
   * RTC as its clock, and its replies go out through the HAL's radio. The provisioned serial must
   * be {@code serial}.
   */
  public Firmware(Hal hal, PumpModel model, DrugLibrary library, String serial, TelemetryProvisioning provisioning) {
    this(Objects.requireNonNull(provisioning, "provisioning"), hal, model, library, serial);
  }

  private Firmware(TelemetryProvisioning provisioning, Hal hal, PumpModel model, DrugLibrary library, String serial) {
    this.hal = Objects.requireNonNull(hal, "hal");
    this.model = Objects.requireNonNull(model, "model");
    this.library = Objects.requireNonNull(library, "library");
    this.serial = Objects.requireNonNull(serial, "serial");
    int size = hal.memory().size();
    if (size < MIN_MEMORY_BYTES) {
      throw new IllegalArgumentException(
          "NV memory of " + size + " bytes is too small: the firmware needs at least " + MIN_MEMORY_BYTES);
    }
    this.logSlots = (size - SETTINGS_BYTES) / LOG_SLOT_BYTES;
    if (provisioning == null) {
      this.telemetry = null;
      this.endpoint = null;
    } else {
      if (!provisioning.identity().serial().equals(serial)) {
        throw new IllegalArgumentException(
            "provisioned serial " + provisioning.identity().serial() + " is not the pump's serial " + serial);
      }
      this.telemetry = new TelemetryHandler(new TelemetryPort(this), library, this::verifyCoSignature);
      this.endpoint = PumpEndpoint.builder()
          .identity(provisioning.identity())
          .trust(provisioning.trust())
          .drugLibrary(library)
          .handler(telemetry)
          .listener(telemetry)
          .proximity(() -> hal.radio().proximity())
          .clock(this::rtcNow)
          .build();
    }
  }

  /** True when this firmware was given a telemetry link. */
  public boolean telemetryEnabled() {
    return endpoint != null;
  }

  public void addListener(FirmwareListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(FirmwareListener listener) {
    listeners.remove(listener);
  }

  public PumpModel model() {
    return model;
  }

  public String serial() {
    return serial;
  }

  /** True once {@link #onReset()} has run. */
  public boolean booted() {
    return runtime != null;
  }

  /** Power-on or reset: discards all RAM state and restores from NV memory and the rotation counter. */
  @Override
  public void onReset() {
    runtime = null;
    processor = null;
    PumpRuntime r = Boot.boot(hal, model, library, serial, this::publish, SETTINGS_BYTES, logSlots);
    runtime = r;
    processor = new CommandProcessor(r);
    r.service();
    r.armNextWake();
  }

  @Override
  public void onWake() {
    PumpRuntime r = running();
    r.service();
    if (telemetry != null) {
      telemetry.tick();
    }
    r.armNextWake();
  }

  /**
   * A telemetry frame arrived. After servicing what is due, the frame goes to the link endpoint
   * (authentication, replay and role checks) and from there, as a request, to the firmware's own
   * checks; the reply, if any, is sent through the radio. Every frame, accepted or refused, is
   * logged (unauthenticated ones within an hourly budget). Without telemetry the frame only
   * services what is due.
   */
  @Override
  public void onRadioFrame(byte[] frame) {
    PumpRuntime r = running();
    r.service();
    if (endpoint != null) {
      java.util.Optional<byte[]> reply = endpoint.onFrame(frame);
      reply.ifPresent(hal.radio()::send);
    }
    r.armNextWake();
  }

  @Override
  public void onMagnetChange(boolean fieldPresent) {
    PumpRuntime r = running();
    r.service();
    processor.magnetChanged(fieldPresent);
    r.armNextWake();
  }

  /**
   * Handles one command at the RTC's time, after servicing everything due. The firmware checks the
   * command itself; {@code origin} is who sent it (its role decides what it may send, its device
   * identifier goes into the log).
   */
  public CommandResult handle(Command command, Origin origin) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(origin, "origin");
    PumpRuntime r = running();
    r.service();
    CommandResult result = processor.handle(command, origin);
    r.armNextWake();
    return result;
  }

  /** The checks of {@link Command.ProgramTherapy} without applying it (nothing changes, nothing is logged). */
  CommandResult check(Command.ProgramTherapy command, Origin origin) {
    PumpRuntime r = running();
    r.service();
    CommandResult result = processor.check(command, origin);
    r.armNextWake();
    return result;
  }

  /** A second clinician's co-signature, checked against the endpoint's current trust list. */
  private boolean verifyCoSignature(String deviceId, byte[] data, byte[] signature) {
    return endpoint != null && endpoint.verifyClinicianSignature(deviceId, data, signature);
  }

  /** The RTC time as the firmware holds it (never backwards), for the link endpoint. */
  private long rtcNow() {
    return runtime != null ? Math.max(runtime.now(), hal.rtc().nowMillis()) : hal.rtc().nowMillis();
  }

  /** What the pump believed at its last interrupt. Reading it changes nothing. */
  public FirmwareStatus status() {
    return running().status();
  }

  /** Every log entry numbered above {@code n} still in the ring, oldest first (0 for all). */
  public List<LogEntry> eventsSince(long n) {
    return running().log.since(n);
  }

  /** Test access to the RAM state. */
  PumpRuntime runtime() {
    return running();
  }

  private PumpRuntime running() {
    if (runtime == null) {
      throw new IllegalStateException("the firmware has not booted: the hardware must call onReset() first");
    }
    return runtime;
  }

  private void publish(LogEntry entry) {
    for (FirmwareListener l : listeners) {
      l.onEvent(entry);
    }
  }
}
