// SPDX-License-Identifier: Apache-2.0
/**
 * The hardware abstraction layer: everything the pump firmware may know of its hardware. The
 * firmware never sees the hardware simulation behind these interfaces; a {@link
 * org.openitb.firmware.hal.Hal} is handed to it at boot. Hardware calls the firmware back only
 * through {@link org.openitb.firmware.hal.Interrupts}: the pump sleeps until its real-time clock
 * alarm, a radio frame, a magnet change or a reset wakes it.
 */
package org.openitb.firmware.hal;
