// SPDX-License-Identifier: Apache-2.0
/**
 * The dose engine: exact delivery accounting in {@link org.openitb.firmware.engine.DeliveryUnits}
 * (the programmed daily profile, one-off boluses, the owed fraction of a stroke), the independent
 * safety monitor, the reservoir ledger (the pump's belief) and stall tracking. Pure integer
 * arithmetic over RTC milliseconds; it knows no HAL, no log and no stored form. Its classes are
 * public only so that the firmware's core in {@code org.openitb.firmware} can run them: they are
 * not an interface for other modules (the firmware's public face is {@link org.openitb.firmware.Firmware}).
 */
package org.openitb.firmware.engine;
