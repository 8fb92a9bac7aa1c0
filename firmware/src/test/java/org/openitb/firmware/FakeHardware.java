// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openitb.firmware.hal.BatteryGauge;
import org.openitb.firmware.hal.Buzzer;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.hal.MagnetSensor;
import org.openitb.firmware.hal.Motor;
import org.openitb.firmware.hal.NvMemory;
import org.openitb.firmware.hal.Radio;
import org.openitb.firmware.hal.Rtc;
import org.openitb.firmware.hal.Tone;
import org.openitb.firmware.hal.Watchdog;

/**
 * A small test double of the pump hardware: a settable clock, a motor that can stall or run on, a
 * memory that can flip bits, a battery drained by strokes and time, a buzzer that records. The
 * real simulated hardware lives in the hardware module.
 */
final class FakeHardware {
  static final long NEVER = Long.MAX_VALUE;

  final FakeRtc rtc = new FakeRtc();
  final FakeMagnet magnet = new FakeMagnet();
  final FakeMotor motor = new FakeMotor(magnet);
  final FakeMemory memory;
  final FakeBattery battery = new FakeBattery(rtc, motor);
  final FakeBuzzer buzzer = new FakeBuzzer(rtc);
  final FakeWatchdog watchdog = new FakeWatchdog(rtc);
  final FakeRadio radio = new FakeRadio();

  FakeHardware(int memoryBytes) {
    this.memory = new FakeMemory(memoryBytes);
  }

  Hal hal() {
    return new Hal(rtc, motor, battery, memory, radio, buzzer, magnet, watchdog);
  }

  static final class FakeRtc implements Rtc {
    long now;
    long armed = NEVER;
    int armings;

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void wakeAt(long atMillis) {
      armed = atMillis;
      armings++;
    }
  }

  /** A radio that keeps the last frame the firmware sent (its reply to the frame it received). */
  static final class FakeRadio implements Radio {
    byte[] lastSent;
    boolean proximity = true;

    @Override
    public void send(byte[] frame) {
      lastSent = frame.clone();
    }

    @Override
    public boolean proximity() {
      return proximity;
    }
  }

  static final class FakeMagnet implements MagnetSensor {
    boolean present;

    @Override
    public boolean fieldPresent() {
      return present;
    }
  }

  static final class FakeMotor implements Motor {
    private final FakeMagnet magnet;
    long rotations;
    long commands;
    boolean cut;
    boolean worn;
    /** Extra rotations the next stroke command makes (driver runs on); reset after one stroke. */
    long runOnNextStroke;
    /** A broken driver: every stroke command turns the rotor twice. */
    boolean runsOnEveryStroke;

    FakeMotor(FakeMagnet magnet) {
      this.magnet = magnet;
    }

    @Override
    public boolean stroke() {
      commands++;
      if (cut || worn || magnet.present) {
        return false;
      }
      rotations += 1 + runOnNextStroke + (runsOnEveryStroke ? 1 : 0);
      runOnNextStroke = 0;
      return true;
    }

    /** The rotor turns on its own. */
    void spontaneous(long n) {
      if (!cut) {
        rotations += n;
      }
    }

    @Override
    public long rotationsSensed() {
      return rotations;
    }

    @Override
    public void cutPower() {
      cut = true;
    }

    @Override
    public boolean powerCut() {
      return cut;
    }
  }

  static final class FakeMemory implements NvMemory {
    final byte[] cells;
    long writes;
    boolean failWrites;

    FakeMemory(int size) {
      cells = new byte[size];
    }

    @Override
    public int size() {
      return cells.length;
    }

    @Override
    public byte[] read(int address, int length) {
      return Arrays.copyOfRange(cells, address, address + length);
    }

    @Override
    public void write(int address, byte[] data) {
      if (failWrites) {
        throw new IllegalStateException("write failed");
      }
      writes++;
      System.arraycopy(data, 0, cells, address, data.length);
    }

    void flipBit(int address, int bit) {
      cells[address] ^= (byte) (1 << bit);
    }
  }

  static final class FakeBattery implements BatteryGauge {
    static final long CAPACITY = 1_000_000_000L;
    private final FakeRtc rtc;
    private final FakeMotor motor;
    long perStroke = 10;
    long idlePerDay = 100_000;
    /** When set, the gauge reads this instead of the drain model. */
    Long override;

    FakeBattery(FakeRtc rtc, FakeMotor motor) {
      this.rtc = rtc;
      this.motor = motor;
    }

    @Override
    public long remainingMicroampHours() {
      if (override != null) {
        return override;
      }
      return Math.max(0, CAPACITY - motor.commands * perStroke - rtc.now / 86_400_000L * idlePerDay);
    }

    @Override
    public long capacityMicroampHours() {
      return CAPACITY;
    }

    @Override
    public int voltageMillivolts() {
      return 3000;
    }
  }

  record Sound(long at, Tone tone) {}

  static final class FakeBuzzer implements Buzzer {
    private final FakeRtc rtc;
    final List<Sound> sounds = new ArrayList<>();

    FakeBuzzer(FakeRtc rtc) {
      this.rtc = rtc;
    }

    @Override
    public void sound(Tone tone) {
      sounds.add(new Sound(rtc.now, tone));
    }

    long count(Tone tone) {
      return sounds.stream().filter(s -> s.tone() == tone).count();
    }
  }

  static final class FakeWatchdog implements Watchdog {
    private final FakeRtc rtc;
    long kicks;
    long lastKick;
    long longestGap;

    FakeWatchdog(FakeRtc rtc) {
      this.rtc = rtc;
    }

    @Override
    public void kick() {
      longestGap = Math.max(longestGap, rtc.now - lastKick);
      lastKick = rtc.now;
      kicks++;
    }
  }
}
