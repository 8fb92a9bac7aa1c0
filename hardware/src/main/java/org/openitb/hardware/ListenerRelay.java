// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.Objects;
import org.openitb.firmware.hal.Tone;

/** Forwards to the pump's current listener, so that parts built once can report to a listener set later. */
final class ListenerRelay implements PhysicalListener {
  private PhysicalListener target = PhysicalListener.NONE;

  void setTarget(PhysicalListener listener) {
    target = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void onStroke(long atMillis, long volumeNanolitres, long massNanograms, boolean commanded) {
    target.onStroke(atMillis, volumeNanolitres, massNanograms, commanded);
  }

  @Override
  public void onStall(long atMillis, StallCause cause) {
    target.onStall(atMillis, cause);
  }

  @Override
  public void onTone(long atMillis, Tone tone) {
    target.onTone(atMillis, tone);
  }

  @Override
  public void onReset(long atMillis, ResetCause cause) {
    target.onReset(atMillis, cause);
  }

  @Override
  public void onFaultApplied(long atMillis, Fault fault) {
    target.onFaultApplied(atMillis, fault);
  }

  @Override
  public void onCatheterLeak(long atMillis, long volumeNanolitres, long massNanograms) {
    target.onCatheterLeak(atMillis, volumeNanolitres, massNanograms);
  }

  @Override
  public void onPocketFill(long atMillis, long volumeNanolitres, long massNanograms) {
    target.onPocketFill(atMillis, volumeNanolitres, massNanograms);
  }

  @Override
  public void onFrameSent(long atMillis, byte[] frame) {
    target.onFrameSent(atMillis, frame);
  }

  @Override
  public void onBatteryDepleted(long atMillis) {
    target.onBatteryDepleted(atMillis);
  }
}
