// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import org.openitb.firmware.hal.Watchdog;

/**
 * The watchdog. Firmware work takes no virtual time, so a firmware that returns from its interrupt
 * is never late; the watchdog bites only when the firmware hangs ({@link Fault.FirmwareHang}),
 * one period after the hang. Kicks are counted so tests can see the firmware kicks it.
 */
final class SimulatedWatchdog implements Watchdog {
  private long kicks;

  @Override
  public void kick() {
    kicks++;
  }

  long kicks() {
    return kicks;
  }
}
