// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.hal;

/** Everything the hardware hands the firmware at boot. */
public record Hal(
    Rtc rtc,
    Motor motor,
    BatteryGauge battery,
    NvMemory memory,
    Radio radio,
    Buzzer buzzer,
    MagnetSensor magnet,
    Watchdog watchdog) {}
