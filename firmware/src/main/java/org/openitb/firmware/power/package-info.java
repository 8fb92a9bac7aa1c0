// SPDX-License-Identifier: Apache-2.0
/**
 * The battery and service life: elective replacement indicator (ERI), end of service and the
 * hard life limit, from the battery gauge's samples and the RTC. Public only for the firmware's
 * core; it keeps no stored form of its own (the core persists its two instants).
 */
package org.openitb.firmware.power;
