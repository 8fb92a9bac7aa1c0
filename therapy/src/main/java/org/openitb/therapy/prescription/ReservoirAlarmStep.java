// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.Volume;

/** When the session sets a low-reservoir alarm volume, it must be one the pump model can set. */
final class ReservoirAlarmStep implements ValidationStep {
  static final String NAME = "low-reservoir-alarm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    if (ctx.lowReservoirAlarm().isEmpty()) {
      return;
    }
    Volume alarm = ctx.lowReservoirAlarm().get();
    PumpModel pump = ctx.pump();
    if (!pump.isSettableLowReservoirAlarm(alarm)) {
      out.hard("low-reservoir alarm", alarm.toString(),
          pump.minLowReservoirAlarm().millilitres() + "-" + pump.maxLowReservoirAlarm() + " (" + pump.name() + ")",
          "not a settable low-reservoir alarm volume on this pump");
    }
  }
}
