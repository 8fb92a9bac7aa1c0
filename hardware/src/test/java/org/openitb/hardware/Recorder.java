// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.ArrayList;
import java.util.List;
import org.openitb.firmware.hal.Tone;

/** Records the physical events a test wants to assert in sequence; strokes only when asked (they are many). */
final class Recorder implements PhysicalListener {
  final List<String> events = new ArrayList<>();
  final List<Long> strokeVolumes = new ArrayList<>();
  final List<Long> strokeMasses = new ArrayList<>();
  boolean recordStrokes;
  long strokes;
  long uncommandedStrokes;
  long depletedAtMillis = -1;

  @Override
  public void onStroke(long atMillis, long volumeNanolitres, long massNanograms, boolean commanded) {
    strokes++;
    if (!commanded) {
      uncommandedStrokes++;
    }
    if (recordStrokes) {
      strokeVolumes.add(volumeNanolitres);
      strokeMasses.add(massNanograms);
      events.add(atMillis + " stroke " + volumeNanolitres + " nL " + massNanograms + " ng" + (commanded ? "" : " uncommanded"));
    }
  }

  @Override
  public void onStall(long atMillis, StallCause cause) {
    events.add(atMillis + " stall " + cause);
  }

  @Override
  public void onTone(long atMillis, Tone tone) {
    events.add(atMillis + " tone " + tone);
  }

  @Override
  public void onReset(long atMillis, ResetCause cause) {
    events.add(atMillis + " reset " + cause);
  }

  @Override
  public void onFaultApplied(long atMillis, Fault fault) {
    events.add(atMillis + " fault " + fault.getClass().getSimpleName());
  }

  @Override
  public void onPocketFill(long atMillis, long volumeNanolitres, long massNanograms) {
    events.add(atMillis + " pocket " + volumeNanolitres + " nL " + massNanograms + " ng");
  }

  @Override
  public void onFrameSent(long atMillis, byte[] frame) {
    events.add(atMillis + " sent " + frame.length + " bytes");
  }

  @Override
  public void onBatteryDepleted(long atMillis) {
    depletedAtMillis = atMillis;
    events.add(atMillis + " depleted");
  }
}
