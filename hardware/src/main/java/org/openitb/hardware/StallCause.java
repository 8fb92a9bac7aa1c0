// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

/** Why a commanded stroke did not turn the rotor (reported through {@link PhysicalListener#onStall}). */
public enum StallCause {
  /** A static magnetic field above the rotor's threshold holds it (an MRI scanner). */
  MAGNETIC_FIELD,
  /** An injected mechanical jam ({@link Fault.MotorStall}). */
  JAMMED,
  /** Back pressure of an occluded catheter ({@link Fault.CatheterOcclusion} with a stalling rotor). */
  OCCLUSION,
  /** Shaft and gear wear: a seeded chance that rises with the number of rotations. */
  WEAR,
  /** The firmware cut motor power ({@link org.openitb.firmware.hal.Motor#cutPower()}). */
  POWER_CUT,
  /** The battery is exhausted. */
  BATTERY_DEPLETED
}
