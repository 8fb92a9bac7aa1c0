// SPDX-License-Identifier: Apache-2.0
/**
 * The alarm buzzer's rules: which alarms exist ({@link org.openitb.firmware.alarms.AlarmKind}, part
 * of the firmware's public vocabulary), which are critical, and when each tone repeats while an
 * alarm is latched. {@link org.openitb.firmware.alarms.AlarmManager} is public only for the
 * firmware's core; it depends on nothing in the firmware but the HAL's buzzer.
 */
package org.openitb.firmware.alarms;
