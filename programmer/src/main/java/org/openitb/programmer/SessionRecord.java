// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one programmer session read, changed and decided, for the clinic server to store: every
 * interrogation, every change with its old and new therapy, the safety chain's checks, who
 * confirmed, the outcome, resolutions of uncertain outcomes, provisional doses and their
 * reconciliation with the pump's log, and the workflow's own section (refill, post-MRI check,
 * end of session). Quantities are strings in clinical units with their unit ("300 mcg/day",
 * "12.000 mL") so the record reads the same in any system; times are pump milliseconds since the
 * epoch and pump-local ISO date-times.
 *
 * <p>Stability: the JSON form is versioned by {@link #schemaVersion()} ({@value #SCHEMA_VERSION}).
 * Fields are only ever added in a new version, never renamed or re-typed; absent sections are
 * {@code null}, never omitted. {@link SessionRecords} writes and reads it.
 */
@JsonPropertyOrder({"schemaVersion", "workflow", "pumpSerial", "programmerId", "operator", "interrogations", "changes",
    "resolutions", "doses", "refill", "postMri", "end"})
public record SessionRecord(
    int schemaVersion,
    String workflow,
    String pumpSerial,
    String programmerId,
    Person operator,
    List<InterrogationEntry> interrogations,
    List<ChangeEntry> changes,
    List<ResolutionEntry> resolutions,
    List<DoseEntry> doses,
    RefillEntry refill,
    MriEntry postMri,
    EndEntry end) {
  public static final int SCHEMA_VERSION = 1;

  public SessionRecord {
    interrogations = List.copyOf(interrogations);
    changes = List.copyOf(changes);
    resolutions = List.copyOf(resolutions);
    doses = List.copyOf(doses);
  }

  /** A user and their clinical role. */
  public record Person(String id, String role) {}

  /** One log event as the pump reported it. */
  public record EventEntry(long sequence, long timeMillis, int code, long value, String source) {}

  /** One interrogation. */
  @JsonPropertyOrder({"pumpTimeMillis", "pumpLocalTime", "reservoir", "delivery", "stopExpiresAtMillis", "currentRate", "battery",
      "batteryPercent", "interrogationRequired", "bolusActive", "activeAlarms", "lastEventSequence", "therapyChecksum", "therapy", "newEvents"})
  public record InterrogationEntry(
      long pumpTimeMillis, String pumpLocalTime, String reservoir, String delivery, long stopExpiresAtMillis, String currentRate,
      String battery, int batteryPercent, boolean interrogationRequired, boolean bolusActive, List<Integer> activeAlarms,
      long lastEventSequence, String therapyChecksum, TherapyView therapy, List<EventEntry> newEvents) {}

  /** One safety-chain check. */
  public record CheckEntry(String step, String verdict, String reason) {}

  /**
   * One attempted change. {@code outcome} is CONFIRMED, REFUSED or UNCERTAIN; {@code sent} says
   * whether anything reached the pump; {@code old}/{@code new} are set for therapy changes.
   */
  @JsonPropertyOrder({"action", "outcome", "sent", "detail", "eventSequence", "old", "new", "safety", "confirmedBy"})
  public record ChangeEntry(
      String action, String outcome, boolean sent, String detail, long eventSequence, TherapyView old,
      @JsonProperty("new") TherapyView neu, List<CheckEntry> safety, Person confirmedBy) {}

  /** How an uncertain change was resolved. */
  public record ResolutionEntry(String action, String state, String detail) {}

  /** A delivered dose and whether the pump's log confirmed it. */
  public record DoseEntry(String action, long eventSequence, String status) {}

  /** The bridge bolus after a concentration change. */
  public record BridgeEntry(String deadVolume, String volume, long durationMinutes, String oldConcentration, String newConcentration,
      String effectWithoutBridge) {}

  /** The refill: reconciliation, new drug, bridge and the dates from the new fill. */
  @JsonPropertyOrder({"expected", "withdrawn", "discrepancy", "limit", "flagged", "interpretation", "drug", "concentration", "fillVolume",
      "bridge", "lowReservoirAlarm", "alarmAt", "conservativeAlarmAt", "refillBy", "refillByBound", "warnings"})
  public record RefillEntry(
      String expected, String withdrawn, String discrepancy, String limit, boolean flagged, String interpretation, String drug,
      String concentration, String fillVolume, BridgeEntry bridge, String lowReservoirAlarm, String alarmAt, String conservativeAlarmAt,
      String refillBy, String refillByBound, List<String> warnings) {}

  /** The post-MRI check. */
  public record MriEntry(List<EventEntry> stalls, List<EventEntry> recoveries, boolean deliveryConfirmed, boolean flagWasSet,
      boolean flagCleared, List<String> findings) {}

  /** A decision to leave the pump stopped. */
  public record StopDecisionEntry(String by, String why, long expiryMinutes) {}

  /** The end-of-session check. */
  public record EndEntry(String delivery, boolean stoppedAtEnd, boolean mayEnd, String reason, StopDecisionEntry decision) {}
}
