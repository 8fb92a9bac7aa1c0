// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/**
 * A read-only snapshot of what the pump believes, for the simulator and for interrogation. All
 * instants are RTC milliseconds since manufacture; {@code localTime} is the pump-local wall clock.
 *
 * @param reservoirBelief the pump's belief of the reservoir volume (its own accounting, not the truth)
 * @param prescription the prescription running (during a bridge: the old dose at the old concentration)
 * @param strokesDelivered strokes whose rotor turned, since manufacture
 * @param strokesWrittenOff strokes that fell due during stalls or while the pump was not awake, never caught up
 * @param failedStrokeAttempts stroke commands that sensed no rotation
 * @param prescriptionChecksum CRC-32 of the running prescription's stored form (0 when none), for read-back
 */
public record FirmwareStatus(
    String serial,
    String pumpModel,
    long rtcMillis,
    LocalDateTime localTime,
    Mode mode,
    Set<AlarmKind> alarms,
    boolean interrogationRequired,
    boolean stalled,
    Optional<String> drug,
    Optional<Concentration> concentration,
    Volume reservoirBelief,
    Volume lowReservoirAlarm,
    Optional<Prescription> prescription,
    Optional<Etiology> etiology,
    int prescriptionChecksum,
    boolean bridgePending,
    List<BolusKind> activeBoluses,
    long strokesDelivered,
    Volume volumeDelivered,
    long strokesWrittenOff,
    long failedStrokeAttempts,
    long batteryRemainingMicroampHours,
    long batteryCapacityMicroampHours,
    OptionalLong replacementIndicatorAtRtc,
    OptionalLong endOfServiceAtRtc,
    long serviceLifeEndsAtRtc,
    OptionalLong stopExpiresAtRtc,
    long lastEventNumber) {

  public FirmwareStatus {
    alarms = Set.copyOf(alarms);
    activeBoluses = List.copyOf(activeBoluses);
  }
}
