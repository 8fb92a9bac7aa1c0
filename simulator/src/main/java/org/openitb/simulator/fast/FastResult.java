// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.fast;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.Mode;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.physiology.OverdoseStage;
import org.openitb.physiology.WithdrawalStage;
import org.openitb.therapy.units.Volume;

/**
 * What an event-level run produced. Instants are milliseconds from the scenario's start.
 *
 * @param strokes strokes delivered by every pump implanted
 * @param writtenOff strokes owed but written off (stalls), never caught up
 * @param trueDeliveredNanolitres volume that really left the pumps (with the delivery bias)
 * @param tipNanograms drug mass that left the catheter tip
 * @param eriAt the current pump's replacement indicator
 * @param endOfServiceAt the current pump's end of service
 * @param alarms every alarm raised, in order
 * @param refusals every command the pump refused
 * @param stageChanges the patient's stage changes, in order, when the scenario has a patient
 */
public record FastResult(
    long strokes,
    long writtenOff,
    long trueDeliveredNanolitres,
    long tipNanograms,
    Mode finalMode,
    Set<AlarmKind> finalAlarms,
    Optional<Long> eriAt,
    Optional<Long> endOfServiceAt,
    List<Alarm> alarms,
    List<Refusal> refusals,
    long patientBolusRequests,
    long patientBolusesGranted,
    Volume finalReservoirBelief,
    int pumps,
    List<StageChange> stageChanges) {

  public FastResult {
    finalAlarms = Set.copyOf(finalAlarms);
    alarms = List.copyOf(alarms);
    refusals = List.copyOf(refusals);
    stageChanges = List.copyOf(stageChanges);
  }

  /** The scenario's patient entered these withdrawal and overdose stages at {@code atMillis} (empty without a patient). */
  public record StageChange(long atMillis, WithdrawalStage withdrawal, OverdoseStage overdose) {}

  /** An alarm raised at {@code atMillis} by the {@code pump}-th pump implanted (0 first). */
  public record Alarm(long atMillis, AlarmKind kind, int pump) {}

  /** A command refused at {@code atMillis}. */
  public record Refusal(long atMillis, String command, Code code) {}
}
