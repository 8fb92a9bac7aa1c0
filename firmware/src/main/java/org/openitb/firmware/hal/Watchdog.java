// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/** The watchdog: if the firmware does not kick it within its period, the hardware resets the pump (NV memory and RTC survive). */
public interface Watchdog {
  void kick();
}
