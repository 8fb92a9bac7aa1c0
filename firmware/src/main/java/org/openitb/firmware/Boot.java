// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.PumpEvent.DeliveryWrittenOff;
import org.openitb.firmware.PumpEvent.SettingsCopyCorrupted;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.storage.CorruptDataException;
import org.openitb.firmware.storage.SettingsStore.CopyState;
import org.openitb.firmware.storage.SettingsStore.Valid;
import org.openitb.firmware.storage.SettingsStore;
import org.openitb.firmware.storage.StateCodec;
import org.openitb.firmware.storage.StoredState;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * Power-on and reset: builds the RAM state from non-volatile memory and the motor's rotation
 * counter.
 *
 * <ul>
 *   <li>The newest copy that verifies and decodes wins; a copy that fails is logged, alarmed
 *       (non-critical) and rewritten by the first save. Both failing: safe state with a critical
 *       alarm, never unverified settings. Both blank: a new pump.
 *   <li>Delivery is reconstructed exactly: the checkpoint holds the owed units and the rotation
 *       count at its time; the rotations since are subtracted from the profile's integral since. So
 *       a reset neither repeats nor loses a stroke, however old the checkpoint (at most an hour). If
 *       the pump was down longer than a stroke interval, what fell due beyond one stroke is written
 *       off, never caught up; if the rotor turned more than the profile ever owed, it ran away.
 * </ul>
 */
final class Boot {
  /** More rotations than any pump makes between two checkpoints: a counter this far off is itself a fault. */
  private static final long MAX_PLAUSIBLE_ROTATIONS = 1L << 32;

  private Boot() {}

  static PumpRuntime boot(
      Hal hal, PumpModel model, DrugLibrary library, String serial, Consumer<LogEntry> sink, int logBase, int logSlots) {
    PumpRuntime r = PumpRuntime.create(hal, model, library, serial, sink, logBase, logSlots);
    hal.watchdog().kick();
    r.bootTimes.add(r.now());
    CopyState[] copies = r.settings.readBoth();
    Optional<Valid> chosen = decodable(copies, library);
    if (chosen.isEmpty()) {
      boolean blank = copies[0] instanceof SettingsStore.Blank && copies[1] instanceof SettingsStore.Blank;
      withoutSettings(r, blank);
    } else {
      restore(r, copies, chosen.get());
    }
    return r;
  }

  /** The newest copy that verifies and decodes; marks a verified copy that does not decode as corrupt. */
  private static Optional<Valid> decodable(CopyState[] copies, DrugLibrary library) {
    for (int attempt = 0; attempt < copies.length; attempt++) {
      Optional<Valid> newest = SettingsStore.newest(copies);
      if (newest.isEmpty()) {
        return newest;
      }
      try {
        StateCodec.decode(newest.get().payload(), library);
        return newest;
      } catch (CorruptDataException e) {
        copies[sameCopy(copies[0], newest.get()) ? 0 : 1] = new SettingsStore.Corrupt();
      }
    }
    return Optional.empty();
  }

  private static void restore(PumpRuntime r, CopyState[] copies, Valid chosen) {
    StoredState state = StateCodec.decode(chosen.payload(), r.library);
    boolean[] used = new boolean[copies.length];
    List<Character> corrupted = new ArrayList<>();
    for (int copy = 0; copy < copies.length; copy++) {
      used[copy] = copies[copy] instanceof Valid v && v.sequence() == chosen.sequence();
      if (!(copies[copy] instanceof Valid)) {
        corrupted.add(SettingsStore.name(copy)); // a stale but valid copy (torn save) is simply rewritten
      }
    }
    r.settings.resumeAfter(chosen.sequence());
    SettingsSource source = used[0] && used[1] ? SettingsSource.BOTH : used[0] ? SettingsSource.ONLY_A : SettingsSource.ONLY_B;
    r.restore(state);
    long stroke = r.engine.strokeUnits();
    long rotations = r.motor.rotationsSensed();
    long since = Math.min(Math.max(0, rotations - state.expectedRotations()), MAX_PLAUSIBLE_ROTATIONS);
    long checkpointAt = Math.min(state.checkpointAt(), r.now());
    r.engine.restart(checkpointAt, state.engineOwed() - since * stroke);
    r.monitor.restart(checkpointAt, state.monitorBudget() - since * stroke, rotations);
    r.recoveredStrokes(since);
    long writtenOff = r.engine.advanceTo(r.now());
    r.monitor.budget().advanceTo(r.now());
    boolean writeOffLogged = r.wroteOff(writtenOff);
    r.scheduleHousekeepingFrom(r.now());

    r.record(new Booted(BootKind.RESTORED, source, since, r.bootsInLastDay()));
    if (writeOffLogged) {
      r.record(new DeliveryWrittenOff(writtenOff));
    }
    if (r.monitor.budget().owed() < -stroke) {
      // more rotations than the profile ever owed: the rotor turned on its own while the pump was down
      r.runaway(-r.monitor.budget().owed() / stroke);
    }
    for (char c : corrupted) {
      r.record(new SettingsCopyCorrupted(c));
      r.raise(AlarmKind.SETTINGS_COPY_CORRUPTED);
    }
    if (r.mode() == Mode.SAFE_STATE && r.safeReason() == AlarmKind.MOTOR_RUNAWAY && !r.motor.powerCut()) {
      r.motor.cutPower(); // a reset restores motor power; a runaway motor stays cut
    }
    if (r.bootsInLastDay() > PumpRuntime.MAX_BOOTS_PER_DAY) {
      r.raise(AlarmKind.RESET_LOOP);
    }
    r.persist();
  }

  private static void withoutSettings(PumpRuntime r, boolean blank) {
    r.log.recover(0);
    r.engine.restart(r.now(), 0);
    r.monitor.restart(r.now(), 0, r.motor.rotationsSensed());
    r.scheduleHousekeepingFrom(r.now());
    if (blank) {
      r.record(new Booted(BootKind.FIRST_POWER_ON, SettingsSource.NONE, 0, r.bootsInLastDay()));
    } else {
      // never run unverified settings: stopped, critical alarm, until refilled and reprogrammed
      r.record(new Booted(BootKind.SETTINGS_LOST, SettingsSource.NONE, 0, r.bootsInLastDay()));
      r.settingsLost();
    }
    r.persist(); // at once: a reset right after finds this boot (and a lost-settings safe state) stored
  }

  @SuppressWarnings("ReferenceEquality") // which of the two copies it is, not whether they hold equal bytes
  private static boolean sameCopy(Object a, Object b) {
    return a == b;
  }
}
