// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

/**
 * One entry of the pump's event log: its number (monotonic from 1, never reused), the RTC time
 * (milliseconds since manufacture) at which it was appended, and the event.
 */
public record LogEntry(long number, long rtcMillis, PumpEvent event) {}
