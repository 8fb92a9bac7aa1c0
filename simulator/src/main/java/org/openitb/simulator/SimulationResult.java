// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import java.util.List;
import java.util.Map;

/**
 * What a simulation run produced, as the summary JSON shows it: truth (what the hardware really did)
 * beside belief (what the firmware thinks), every alarm with its instant, the battery milestones,
 * refills with their reconciliation, and counts.
 *
 * @param summary the summary as an ordered map with camelCase keys, ready to write as JSON
 * @param alarms every alarm raised, in order, as maps with at, alarm, tone
 */
public record SimulationResult(Map<String, Object> summary, List<Map<String, Object>> alarms) {
  public SimulationResult {
    summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
    alarms = List.copyOf(alarms);
  }
}
