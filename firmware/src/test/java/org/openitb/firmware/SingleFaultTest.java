package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.DeliveryInvariantTest.Scenario;

/**
 * Seeded property: whatever single fault strikes at whatever time of a random scenario, the rotor
 * never turns more than one stroke beyond the prescription's ideal (safety.md 5.3). Faults: a
 * motor driver that runs on after every command, a rotor that keeps turning uncommanded, a single-event
 * upset of the dose engine's accumulator or of the monitor's budget, a watchdog reset (with or
 * without losing the firmware object), a bit flip in a settings copy followed by a reset, a bit
 * flip in the event log, a stalled rotor, failing NV writes.
 */
class SingleFaultTest {
  enum Fault {
    DRIVER_RUNS_ON,
    UNCOMMANDED_ROTATION,
    ENGINE_UPSET,
    MONITOR_UPSET,
    WATCHDOG_RESET,
    RESET_LOSING_RAM,
    SETTINGS_BIT_FLIP_AND_RESET,
    LOG_BIT_FLIP,
    ROTOR_STALL,
    NV_WRITES_FAIL
  }

  @Test
  void noSingleFaultOverDeliversByMoreThanOneStroke() {
    qt().withFixedSeed(5_300_001L).withExamples(100).withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(seed -> {
          Random faultRandom = new Random(~seed);
          Fault fault = Fault.values()[Math.floorMod(seed, Fault.values().length)];
          Scenario s = new Scenario(seed);
          s.faultAt = faultRandom.nextLong(5 * HOUR, 2 * DAY);
          s.fault = () -> inject(fault, s, faultRandom);
          s.boundOnly = true;
          s.run();
          afterwards(fault, s);
        });
  }

  private static void inject(Fault fault, Scenario s, Random r) {
    TestPump pump = s.pump;
    switch (fault) {
      case DRIVER_RUNS_ON -> pump.hw.motor.runsOnEveryStroke = true;
      case UNCOMMANDED_ROTATION -> {
        // the rotor keeps turning on its own: one rotation before every wake from now on
        var wake = pump.beforeWake;
        pump.beforeWake = t -> {
          pump.hw.motor.spontaneous(1);
          wake.accept(t);
        };
      }
      case ENGINE_UPSET -> pump.fw.runtime().engine.corrupt(r.nextLong(0, 1L << 50));
      case MONITOR_UPSET -> pump.fw.runtime().monitor.budget().corrupt(r.nextLong(0, 1L << 50));
      case WATCHDOG_RESET -> pump.fw.onReset();
      case RESET_LOSING_RAM -> pump.replaceFirmwareAndReset();
      case SETTINGS_BIT_FLIP_AND_RESET -> {
        pump.hw.memory.flipBit(r.nextInt(SettingsStore.TOTAL_BYTES), r.nextInt(8));
        pump.replaceFirmwareAndReset();
      }
      case LOG_BIT_FLIP -> pump.hw.memory.flipBit(
          SettingsStore.TOTAL_BYTES + r.nextInt(pump.hw.memory.size() - SettingsStore.TOTAL_BYTES), r.nextInt(8));
      case ROTOR_STALL -> pump.hw.motor.worn = true;
      case NV_WRITES_FAIL -> pump.hw.memory.failWrites = true;
    }
  }

  /** What each fault must have led to, beyond the bound. */
  private static void afterwards(Fault fault, Scenario s) {
    FirmwareStatus status = s.pump.status();
    switch (fault) {
      case DRIVER_RUNS_ON, UNCOMMANDED_ROTATION -> {
        if (s.pump.hw.motor.commands > 0 || s.pump.wakes > 0) {
          assertThat(s.pump.hw.motor.cut).as("seed " + s.seed).isTrue();
          assertThat(status.alarms()).contains(AlarmKind.MOTOR_RUNAWAY);
        }
      }
      case ROTOR_STALL -> {
        if (status.failedStrokeAttempts() >= 3) {
          assertThat(status.alarms()).as("seed " + s.seed).contains(AlarmKind.MOTOR_STALL);
        }
      }
      case NV_WRITES_FAIL -> assertThat(status.alarms()).as("seed " + s.seed).contains(AlarmKind.LOG_FAILURE);
      case ENGINE_UPSET -> {
        // either the upset never made the pump lead its ideal, or the monitor stopped it
        if (s.worstLead.compareTo(DeliveryInvariantTest.BOLUS_LAG_NL) > 0) {
          assertThat(status.alarms()).as("seed " + s.seed + ", led by " + s.worstLead + " nL").contains(AlarmKind.DELIVERY_FAULT);
          assertThat(status.mode()).isEqualTo(Mode.SAFE_STATE);
        }
      }
      default -> { }
    }
  }
}
