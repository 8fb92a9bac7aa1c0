// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** A one-off bolus that started at RTC {@code startRtc}, with the dose and volume it was programmed with. */
public record OneOffBolus(BolusKind kind, long startRtc, BolusShape shape, Mass dose, Volume volume) {
  public long endRtc() {
    return startRtc + shape.durationMillis();
  }

  long rateAt(long rtc) {
    return shape.rateAt(rtc - startRtc);
  }

  long nextChangeAfter(long rtc) {
    long at = shape.nextChangeAt(rtc - startRtc);
    return at == DeliveryUnits.NEVER ? DeliveryUnits.NEVER : startRtc + at;
  }
}
