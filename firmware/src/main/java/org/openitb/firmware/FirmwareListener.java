// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

/**
 * Receives every entry the firmware appends to its event log, in order, as it is appended (the same
 * entries {@link Firmware#eventsSince(long)} returns later). Strokes arrive in batches ({@link
 * PumpEvent.StrokesDelivered}), never one call per stroke. Listeners run inside the firmware's
 * interrupt and must not call back into it.
 */
@FunctionalInterface
public interface FirmwareListener {
  void onEvent(LogEntry entry);
}
