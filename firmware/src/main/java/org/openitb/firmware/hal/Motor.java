// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/**
 * The pump motor. One call to {@link #stroke()} commands one stroke (one stroke volume of the
 * pump model). The rotation sensor reports whether the rotor really turned; a stalled rotor
 * (magnetic field, wear) returns false. The rotation counter counts every sensed rotation,
 * commanded or not, so a runaway motor can be seen and its power cut.
 */
public interface Motor {
  /** Commands one stroke; true when rotation was sensed. */
  boolean stroke();

  /** All rotations sensed since manufacture, commanded or not. */
  long rotationsSensed();

  /** Cuts motor power (independent safety monitor); no stroke happens afterwards until a reset. */
  void cutPower();

  /** True while motor power is cut. */
  boolean powerCut();
}
