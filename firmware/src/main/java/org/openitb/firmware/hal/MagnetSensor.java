// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/** Senses a strong static magnetic field (an MRI scanner); changes also arrive as {@link Interrupts#onMagnetChange(boolean)}. */
public interface MagnetSensor {
  boolean fieldPresent();
}
