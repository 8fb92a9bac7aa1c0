// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import org.openitb.firmware.hal.MagnetSensor;

/**
 * The static magnetic field at the implant (the sum of the fields present, e.g. one MRI scan) and
 * the magnet sensor that senses it. The sensor reports a field strictly above its threshold.
 */
final class MagneticEnvironment implements MagnetSensor {
  private final long sensorThresholdMilliTesla;
  private long fieldMilliTesla;

  MagneticEnvironment(long sensorThresholdMilliTesla) {
    this.sensorThresholdMilliTesla = sensorThresholdMilliTesla;
  }

  /** Adds (or with a negative value removes) a field; true when the sensor's state changed. */
  boolean change(long deltaMilliTesla) {
    boolean before = fieldPresent();
    fieldMilliTesla = Math.addExact(fieldMilliTesla, deltaMilliTesla);
    return fieldPresent() != before;
  }

  long fieldMilliTesla() {
    return fieldMilliTesla;
  }

  @Override
  public boolean fieldPresent() {
    return fieldMilliTesla > sensorThresholdMilliTesla;
  }
}
