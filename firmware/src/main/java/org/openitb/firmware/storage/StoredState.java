// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.storage;

import java.util.List;
import org.openitb.firmware.Mode;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.OneOffBolus;
import org.openitb.firmware.engine.RecentBolus;
import org.openitb.firmware.engine.StallTracker;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;

/**
 * Everything the pump keeps across a reset: settings, beliefs, latched alarms, counters and the
 * delivery checkpoint. Nullable fields mean "none". The checkpoint ({@code checkpointAt}, the
 * engine's owed units, the monitor's budget and the rotation count it expected) lets a reset
 * reconstruct delivery exactly from the motor's rotation counter, however long ago it was saved.
 * {@code stall} is the stall episode in progress (null when the rotor is not stalled; a version 2
 * copy, written before the episode was stored, always reads as not stalled).
 */
public record StoredState(
    Mode mode,
    AlarmKind safeReason,
    long clockOffsetMillis,
    Etiology etiology,
    long lowAlarmNl,
    Drug drug,
    Concentration reservoirConcentration,
    Concentration tubingConcentration,
    boolean bridgePending,
    long beliefNl,
    Prescription running,
    Prescription afterBridge,
    long bridgeStrokesRemaining,
    long stopExpiresAt,
    List<OneOffBolus> boluses,
    List<Long> patientBolusStarts,
    List<RecentBolus> recentOneOffs,
    long latchedAlarms,
    boolean interrogationRequired,
    long eriAt,
    long eosAt,
    long strokesDelivered,
    long strokesWrittenOff,
    long failedAttempts,
    long checkpointAt,
    long engineOwed,
    long monitorBudget,
    long expectedRotations,
    long lastLogNumber,
    List<Long> bootTimes,
    int utcOffsetMinutes,
    StallTracker.Episode stall) {

  public StoredState {
    boluses = List.copyOf(boluses);
    patientBolusStarts = List.copyOf(patientBolusStarts);
    recentOneOffs = List.copyOf(recentOneOffs);
    bootTimes = List.copyOf(bootTimes);
  }

  /** A state without a stall episode (what a version 2 copy holds). */
  public StoredState(Mode mode, AlarmKind safeReason, long clockOffsetMillis, Etiology etiology, long lowAlarmNl, Drug drug,
      Concentration reservoirConcentration, Concentration tubingConcentration, boolean bridgePending, long beliefNl,
      Prescription running, Prescription afterBridge, long bridgeStrokesRemaining, long stopExpiresAt, List<OneOffBolus> boluses,
      List<Long> patientBolusStarts, List<RecentBolus> recentOneOffs, long latchedAlarms, boolean interrogationRequired, long eriAt,
      long eosAt, long strokesDelivered, long strokesWrittenOff, long failedAttempts, long checkpointAt, long engineOwed,
      long monitorBudget, long expectedRotations, long lastLogNumber, List<Long> bootTimes, int utcOffsetMinutes) {
    this(mode, safeReason, clockOffsetMillis, etiology, lowAlarmNl, drug, reservoirConcentration, tubingConcentration, bridgePending,
        beliefNl, running, afterBridge, bridgeStrokesRemaining, stopExpiresAt, boluses, patientBolusStarts, recentOneOffs, latchedAlarms,
        interrogationRequired, eriAt, eosAt, strokesDelivered, strokesWrittenOff, failedAttempts, checkpointAt, engineOwed, monitorBudget,
        expectedRotations, lastLogNumber, bootTimes, utcOffsetMinutes, null);
  }

  /** A state with UTC offset 0 and no stall episode. */
  public StoredState(Mode mode, AlarmKind safeReason, long clockOffsetMillis, Etiology etiology, long lowAlarmNl, Drug drug,
      Concentration reservoirConcentration, Concentration tubingConcentration, boolean bridgePending, long beliefNl,
      Prescription running, Prescription afterBridge, long bridgeStrokesRemaining, long stopExpiresAt, List<OneOffBolus> boluses,
      List<Long> patientBolusStarts, List<RecentBolus> recentOneOffs, long latchedAlarms, boolean interrogationRequired, long eriAt,
      long eosAt, long strokesDelivered, long strokesWrittenOff, long failedAttempts, long checkpointAt, long engineOwed,
      long monitorBudget, long expectedRotations, long lastLogNumber, List<Long> bootTimes) {
    this(mode, safeReason, clockOffsetMillis, etiology, lowAlarmNl, drug, reservoirConcentration, tubingConcentration, bridgePending,
        beliefNl, running, afterBridge, bridgeStrokesRemaining, stopExpiresAt, boluses, patientBolusStarts, recentOneOffs, latchedAlarms,
        interrogationRequired, eriAt, eosAt, strokesDelivered, strokesWrittenOff, failedAttempts, checkpointAt, engineOwed, monitorBudget,
        expectedRotations, lastLogNumber, bootTimes, 0);
  }
}
