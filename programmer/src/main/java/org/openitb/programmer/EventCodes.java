// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/**
 * The firmware event codes the programmer interprets (the link carries them without meaning).
 * {@link #DEFAULT} follows the firmware's event log type codes (org.openitb.firmware.storage.EventCodec);
 * a different firmware passes its own table. Codes the programmer does not know are kept and
 * shown by number, never dropped.
 */
public record EventCodes(
    int alarmRaised,
    int alarmCleared,
    int alarmTested,
    int therapyProgrammed,
    int refilled,
    int bolusStarted,
    int bolusEnded,
    int stallStarted,
    int stallRecovered,
    int clockSet,
    int therapyStopped,
    int therapyResumed,
    int magnetField,
    int interrogated) {
  public static final EventCodes DEFAULT = new EventCodes(3, 4, 5, 6, 7, 8, 9, 11, 12, 16, 17, 18, 20, 21);
}
