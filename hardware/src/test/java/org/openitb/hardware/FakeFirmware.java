// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openitb.firmware.hal.Hal;
import org.openitb.firmware.hal.Interrupts;
import org.openitb.firmware.hal.Tone;

/**
 * A tiny stand-in for the real firmware, enough to exercise the hardware: on each wake it kicks the
 * watchdog, commands one stroke and re-arms its alarm one interval later (on the RTC's time axis).
 * It optionally persists its stroke count in NV memory (to see memory survive resets), echoes
 * radio frames, sounds a tone on magnet changes, and cuts motor power when it senses a rotation it
 * did not command.
 */
final class FakeFirmware implements Interrupts {
  static final int COUNTER_ADDRESS = 16;
  static final int COUNTER_BYTES = Long.BYTES;
  static final long NO_WAKE = 0;

  /** What the fake does; {@code intervalMillis} {@link #NO_WAKE} arms no alarm. */
  record Behaviour(long intervalMillis, boolean persistCount, boolean cutPowerOnRunaway, boolean echoFrames, boolean toneOnMagnet) {
    static Behaviour strokeEvery(long intervalMillis) {
      return new Behaviour(intervalMillis, false, false, false, false);
    }

    Behaviour persisting() {
      return new Behaviour(intervalMillis, true, cutPowerOnRunaway, echoFrames, toneOnMagnet);
    }

    Behaviour guardingRunaway() {
      return new Behaviour(intervalMillis, persistCount, true, echoFrames, toneOnMagnet);
    }

    Behaviour echoing() {
      return new Behaviour(intervalMillis, persistCount, cutPowerOnRunaway, true, toneOnMagnet);
    }

    Behaviour beepingOnMagnet() {
      return new Behaviour(intervalMillis, persistCount, cutPowerOnRunaway, echoFrames, true);
    }
  }

  /** Creates fakes and remembers each one, so tests can see how often the pump (re)created its firmware. */
  static final class Factory implements Function<Hal, Interrupts> {
    final Behaviour behaviour;
    final List<FakeFirmware> created = new ArrayList<>();

    Factory(Behaviour behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public Interrupts apply(Hal hal) {
      FakeFirmware f = new FakeFirmware(hal, behaviour);
      created.add(f);
      return f;
    }

    FakeFirmware current() {
      return created.get(created.size() - 1);
    }
  }

  final Hal hal;
  final Behaviour behaviour;
  long strokesAtBoot = -1;
  long strokes;
  long failedStrokes;
  long rotationsExpected;
  final List<Boolean> magnetChanges = new ArrayList<>();
  final List<byte[]> framesReceived = new ArrayList<>();
  final List<Long> wakeRtcMillis = new ArrayList<>();
  boolean recordWakes;

  FakeFirmware(Hal hal, Behaviour behaviour) {
    this.hal = hal;
    this.behaviour = behaviour;
  }

  private long dueMillis = Long.MAX_VALUE;

  @Override
  public void onReset() {
    strokesAtBoot = behaviour.persistCount() ? readCount() : 0;
    strokes = strokesAtBoot;
    rotationsExpected = hal.motor().rotationsSensed();
    armNext();
  }

  @Override
  public void onWake() {
    hal.watchdog().kick();
    if (recordWakes) {
      wakeRtcMillis.add(hal.rtc().nowMillis());
    }
    if (behaviour.cutPowerOnRunaway() && hal.motor().rotationsSensed() != rotationsExpected) {
      hal.motor().cutPower();
    }
    if (hal.rtc().nowMillis() < dueMillis) {
      return; // woken early (the rotation-sensor interrupt): the armed alarm still stands
    }
    if (hal.motor().stroke()) {
      strokes++;
      rotationsExpected++;
      if (behaviour.persistCount()) {
        hal.memory().write(COUNTER_ADDRESS, ByteBuffer.allocate(COUNTER_BYTES).putLong(strokes).array());
      }
    } else {
      failedStrokes++;
    }
    armNext();
  }

  @Override
  public void onRadioFrame(byte[] frame) {
    framesReceived.add(frame);
    if (behaviour.echoFrames()) {
      hal.radio().send(frame);
    }
  }

  @Override
  public void onMagnetChange(boolean fieldPresent) {
    magnetChanges.add(fieldPresent);
    if (behaviour.toneOnMagnet()) {
      hal.buzzer().sound(fieldPresent ? Tone.CRITICAL_TWO_TONE : Tone.NON_CRITICAL_SINGLE_TONE);
    }
  }

  private void armNext() {
    dueMillis = Long.MAX_VALUE;
    if (behaviour.intervalMillis() != NO_WAKE) {
      dueMillis = hal.rtc().nowMillis() + behaviour.intervalMillis();
      hal.rtc().wakeAt(dueMillis);
    }
  }

  private long readCount() {
    long stored = ByteBuffer.wrap(hal.memory().read(COUNTER_ADDRESS, COUNTER_BYTES)).getLong();
    return stored == -1 ? 0 : stored; // erased memory reads all ones
  }
}
