// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

/** Why the firmware was (re)started (reported through {@link PhysicalListener#onReset}). */
public enum ResetCause {
  /** The first boot, {@link SimulatedPump#powerOn()}. */
  POWER_ON,
  /** The watchdog expired because the firmware hung ({@link Fault.FirmwareHang}). */
  WATCHDOG,
  /** A supply dip reset the processor at once ({@link Fault.BrownOutReset}). */
  BROWN_OUT
}
