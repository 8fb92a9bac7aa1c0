// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.LocalTime;
import org.openitb.therapy.units.DoseRate;

/** No basal delivery. Only ever programmed as a deliberate, recorded decision. */
public record Stopped() implements BasalProgram {
  @Override
  public DoseRate rateAt(LocalTime time) {
    return DoseRate.ZERO;
  }

  @Override
  public FlexSchedule asFlexSchedule() {
    return new FlexSchedule(java.util.List.of(new FlexStep(LocalTime.MIDNIGHT, DoseRate.ZERO)));
  }
}
