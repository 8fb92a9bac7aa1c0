// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/** The battery fuel gauge: remaining charge in whole microampere-hours, and the cell voltage. */
public interface BatteryGauge {
  long remainingMicroampHours();

  long capacityMicroampHours();

  int voltageMillivolts();
}
