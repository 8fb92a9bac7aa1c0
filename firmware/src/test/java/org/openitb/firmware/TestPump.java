// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/** Firmware on fake hardware, driven like the simulator drives it: wake at the armed time, send commands between. */
final class TestPump {
  /** A deterministic SecureRandom: same seed, same keys (tests only). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String SERIAL = "SN-TEST-1";
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  static final int MEMORY_BYTES = 64 * 1024;
  static final Origin CLINIC = Origin.clinician("CP-1");
  static final Origin PATIENT = Origin.patient("PTM-7");
  static final Drug BACLOFEN = DrugLibrary.baclofen();
  static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);
  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 0, 0);

  final PumpModel model;
  final FakeHardware hw;
  Firmware fw;
  final List<LogEntry> events = new ArrayList<>();
  long wakes;
  /** Called after every wake with the RTC time (for invariant checks). */
  LongConsumer afterWake = t -> {};
  /** Called before moving the clock to a wake at t, with t (for checks just before it). */
  LongConsumer beforeWake = t -> {};

  TestPump() {
    this(PumpModels.ITB_20, MEMORY_BYTES);
  }

  TestPump(PumpModel model, int memoryBytes) {
    this(model, memoryBytes, null);
  }

  /** A pump with a telemetry link provisioned (its serial must be {@code SN-TEST-1}). */
  TestPump(org.openitb.firmware.telemetry.TelemetryProvisioning provisioning) {
    this(PumpModels.ITB_20, MEMORY_BYTES, provisioning);
  }

  private final org.openitb.firmware.telemetry.TelemetryProvisioning provisioning;

  private TestPump(PumpModel model, int memoryBytes, org.openitb.firmware.telemetry.TelemetryProvisioning provisioning) {
    this.model = model;
    this.hw = new FakeHardware(memoryBytes);
    this.provisioning = provisioning;
    this.fw = newFirmware();
  }

  Firmware newFirmware() {
    Firmware f = provisioning == null
        ? new Firmware(hw.hal(), model, DrugLibrary.standard(), SERIAL)
        : new Firmware(hw.hal(), model, DrugLibrary.standard(), SERIAL, provisioning);
    f.addListener(events::add);
    return f;
  }

  /** A fresh firmware instance on the same hardware (a reset that loses every RAM object), booted. */
  void replaceFirmwareAndReset() {
    fw = newFirmware();
    fw.onReset();
  }

  TestPump boot() {
    fw.onReset();
    return this;
  }

  /** Boot, set the clock to {@link #START}, fill 20 mL at 500 mcg/mL, program {@code rx}. */
  TestPump running(Prescription rx) {
    boot();
    accept(new Command.SetClock(START));
    accept(new Command.Refill(Volume.ofMillilitres(20), BACLOFEN, rx.concentration(), Optional.empty()));
    accept(new Command.ProgramTherapy(rx, Etiology.SPINAL, Volume.ofMillilitres(2)));
    return this;
  }

  static Prescription simple(long mcgPerDay) {
    return Prescription.simple(BACLOFEN, C500, DoseRate.ofMicrogramsPerDay(mcgPerDay));
  }

  long now() {
    return hw.rtc.now;
  }

  /** Runs every wake up to and including {@code t}, then sets the clock to {@code t}. */
  void runUntil(long t) {
    while (hw.rtc.armed <= t) {
      long at = Math.max(hw.rtc.now, hw.rtc.armed);
      beforeWake.accept(at);
      hw.rtc.now = at;
      wakes++;
      fw.onWake();
      afterWake.accept(at);
    }
    hw.rtc.now = Math.max(hw.rtc.now, t);
  }

  void runFor(long millis) {
    runUntil(now() + millis);
  }

  void runFor(Duration d) {
    runFor(d.toMillis());
  }

  CommandResult send(Command c) {
    return fw.handle(c, CLINIC);
  }

  CommandResult send(Command c, Origin origin) {
    return fw.handle(c, origin);
  }

  CommandResult accept(Command c) {
    CommandResult r = send(c);
    assertThat(r).as(c.name()).isInstanceOf(CommandResult.Accepted.class);
    return r;
  }

  CommandResult.Refused refuse(Command c, Origin origin, CommandResult.Code code) {
    CommandResult r = send(c, origin);
    assertThat(r).as(c.name()).isInstanceOf(CommandResult.Refused.class);
    CommandResult.Refused refused = (CommandResult.Refused) r;
    assertThat(refused.code()).as(refused.message()).isEqualTo(code);
    return refused;
  }

  long strokes() {
    return hw.motor.rotations;
  }

  FirmwareStatus status() {
    return fw.status();
  }

  /** Events appended since entry number {@code n}, without stroke batches. */
  List<PumpEvent> eventsAfter(long n) {
    return events.stream().filter(e -> e.number() > n).map(LogEntry::event)
        .filter(e -> !(e instanceof PumpEvent.StrokesDelivered)).toList();
  }

  long lastEvent() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).number();
  }

  <T extends PumpEvent> List<T> all(Class<T> type) {
    return events.stream().map(LogEntry::event).filter(type::isInstance).map(type::cast).toList();
  }
}
