// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.LocalDateTime;
import java.util.List;
import org.openitb.therapy.units.Concentration;

/**
 * A screening-trial plan: test doses in order, each given only when the previous one had no
 * positive response, at least 24 h apart.
 *
 * @param start pump-local time of the first dose
 * @param concentration the screening solution the volumes are computed at
 * @param doses the test doses, first to last
 */
public record TrialPlan(LocalDateTime start, Concentration concentration, List<TestDose> doses) {
  public TrialPlan {
    doses = List.copyOf(doses);
  }
}
