// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.SplittableRandom;
import org.openitb.firmware.hal.Radio;

/**
 * The telemetry radio. Frames the firmware sends go to the listener ({@link
 * PhysicalListener#onFrameSent}); frames arriving from a programmer go to the firmware through the
 * pump. Every byte either way costs battery charge. Each frame may be lost (seeded chance) or, after
 * a {@link Fault.RadioCorruption}, arrive with one bit flipped. Proximity is whatever the
 * simulator says: a programmer head or patient device held over the implant.
 */
final class SimulatedRadio implements Radio {
  private static final int BITS_PER_BYTE = 8;

  private final VirtualClock clock;
  private final BatteryCell battery;
  private final long byteNanoampHours;
  private final SplittableRandom random;
  private final PhysicalListener listener;
  private long lossPpm;
  private boolean proximity;
  private int framesToCorrupt;
  private long framesSent;
  private long framesReceived;
  private long framesLost;

  SimulatedRadio(VirtualClock clock, BatteryCell battery, long byteNanoampHours, long lossPpm,
      SplittableRandom random, PhysicalListener listener) {
    this.clock = clock;
    this.battery = battery;
    this.byteNanoampHours = byteNanoampHours;
    this.lossPpm = lossPpm;
    this.random = random;
    this.listener = listener;
  }

  @Override
  public void send(byte[] frame) {
    if (!charge(frame.length)) {
      return;
    }
    framesSent++;
    if (lost()) {
      return;
    }
    listener.onFrameSent(clock.nowMillis(), frame.clone());
  }

  /** A frame arriving from outside: the copy the firmware gets, or null when it is lost or the cell is dead. */
  byte[] arrive(byte[] frame) {
    if (!charge(frame.length) || lost()) {
      return null;
    }
    framesReceived++;
    byte[] copy = frame.clone();
    if (framesToCorrupt > 0 && copy.length > 0) {
      framesToCorrupt--;
      int bit = random.nextInt(copy.length * BITS_PER_BYTE);
      copy[bit / BITS_PER_BYTE] ^= (byte) (1 << (bit % BITS_PER_BYTE));
    }
    return copy;
  }

  private boolean charge(int bytes) {
    return battery.drain(Math.multiplyExact(bytes, byteNanoampHours));
  }

  private boolean lost() {
    if (lossPpm > 0 && random.nextLong(Fault.PPM) < lossPpm) {
      framesLost++;
      return true;
    }
    return false;
  }

  @Override
  public boolean proximity() {
    return proximity;
  }

  void setProximity(boolean near) {
    proximity = near;
  }

  void setLossPpm(long ppm) {
    lossPpm = ppm;
  }

  void corruptNext(int frames) {
    framesToCorrupt = Math.addExact(framesToCorrupt, frames);
  }

  long framesSent() {
    return framesSent;
  }

  long framesReceived() {
    return framesReceived;
  }

  long framesLost() {
    return framesLost;
  }
}
