// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import java.io.Serializable;
import java.util.List;

/**
 * What one virtual patient lived through in one arm. Durations are in hours of virtual time;
 * doses in mcg/day as programmed. A plain serialisable record so that a cluster can ship it.
 *
 * @param withdrawalHours hours in a withdrawal stage of at least mild, moderate and severe (index 0, 1, 2)
 * @param overdoseHours hours in an overdose stage of at least somnolence, respiratory depression and coma
 * @param stoppedHours hours the pump delivered nothing (empty reservoir, end of service, a stop)
 * @param alarms alarms the pump raised (re-raises after a clear included)
 * @param criticalAlarms of which two-tone
 * @param visits clinic visits that took place (refills, titrations, alarm visits)
 * @param missedVisits booked visits the patient missed
 * @param doseAtOneYear the programmed daily dose one year after implant, mcg/day
 * @param finalDose the programmed daily dose at the end, mcg/day
 * @param toneAtOneYear the patient's tone one year after implant (Ashworth scale, no rater noise)
 */
public record PatientOutcome(
    String arm,
    long patientId,
    String etiology,
    String age,
    double[] withdrawalHours,
    double[] overdoseHours,
    double stoppedHours,
    long alarms,
    long criticalAlarms,
    long visits,
    long missedVisits,
    long doseAtOneYear,
    long finalDose,
    double toneAtOneYear,
    long strokes) implements Serializable {

  /** The CSV columns, in {@link #csvRow()} order. */
  public static final List<String> COLUMNS = List.of("arm", "patient", "etiology", "age", "withdrawalHours", "moderateWithdrawalHours",
      "severeWithdrawalHours", "overdoseHours", "respiratoryDepressionHours", "comaHours", "stoppedHours", "alarms", "criticalAlarms",
      "visits", "missedVisits", "doseAtOneYearMcgPerDay", "finalDoseMcgPerDay", "toneAtOneYear", "strokes");

  public PatientOutcome {
    withdrawalHours = withdrawalHours.clone();
    overdoseHours = overdoseHours.clone();
  }

  @Override
  public double[] withdrawalHours() {
    return withdrawalHours.clone();
  }

  @Override
  public double[] overdoseHours() {
    return overdoseHours.clone();
  }

  public String csvRow() {
    return String.join(",", csv(arm), Long.toString(patientId), etiology, age, fixed(withdrawalHours[0]), fixed(withdrawalHours[1]),
        fixed(withdrawalHours[2]), fixed(overdoseHours[0]), fixed(overdoseHours[1]), fixed(overdoseHours[2]), fixed(stoppedHours),
        Long.toString(alarms), Long.toString(criticalAlarms), Long.toString(visits), Long.toString(missedVisits),
        Long.toString(doseAtOneYear), Long.toString(finalDose), fixed(toneAtOneYear), Long.toString(strokes));
  }

  static String fixed(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PatientOutcome p && csvRow().equals(p.csvRow());
  }

  @Override
  public int hashCode() {
    return csvRow().hashCode();
  }

  @Override
  public String toString() {
    return csvRow();
  }
}
