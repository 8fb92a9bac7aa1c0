// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.LocalTime;
import org.openitb.therapy.units.DoseRate;

/**
 * The background delivery of a prescription: stopped, one constant daily dose, or a repeating
 * 24 h flex schedule in pump-local time.
 */
public sealed interface BasalProgram permits Stopped, SimpleContinuous, FlexSchedule {
  /** The daily-dose rate in force at pump-local {@code time}. */
  DoseRate rateAt(LocalTime time);

  /**
   * The same program as a 24 h schedule of steps, so arithmetic can treat every program alike:
   * a constant program is one step at 00:00, a stopped one a single zero-rate step.
   */
  FlexSchedule asFlexSchedule();
}
