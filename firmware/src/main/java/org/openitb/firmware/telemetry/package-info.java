// SPDX-License-Identifier: Apache-2.0
/**
 * The firmware's side of the telemetry link: {@link org.openitb.firmware.telemetry.TelemetryHandler}
 * maps authenticated link requests onto the firmware's own commands (firmware/TELEMETRY.md) and
 * reaches the pump only through {@link org.openitb.firmware.telemetry.PumpPort}, which the
 * firmware implements; {@code WireCodes} fixes how firmware values look on the wire.
 * {@link org.openitb.firmware.telemetry.TelemetryProvisioning} is the pump's provisioned identity.
 */
package org.openitb.firmware.telemetry;
