// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/**
 * How the hardware wakes the firmware. Each call runs to completion, then the firmware sleeps
 * until the next one; before returning it has armed its next {@link Rtc#wakeAt(long) wake-up}.
 */
public interface Interrupts {
  /** Power-on or reset: restore from NV memory and resume therapy. */
  void onReset();

  /** The RTC alarm fired. */
  void onWake();

  /** A telemetry frame arrived. */
  void onRadioFrame(byte[] frame);

  /** The magnet sensor changed state. */
  void onMagnetChange(boolean fieldPresent);
}
