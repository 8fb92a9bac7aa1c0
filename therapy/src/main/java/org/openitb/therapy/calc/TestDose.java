// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.LocalDateTime;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * One screening test dose.
 *
 * @param number 1 for the first dose
 * @param dose intrathecal bolus dose
 * @param volume the dose's volume at the screening concentration
 * @param earliestAt the earliest time it may be given: the plan start, or 24 h after the previous
 *     dose if that one was given at its own earliest time (otherwise 24 h after it was given)
 * @param observeFrom start of the observation window (4 h after dosing, around the peak effect)
 * @param observeUntil end of the observation window (8 h after dosing)
 * @param condition when this dose is given
 */
public record TestDose(
    int number, Mass dose, Volume volume, LocalDateTime earliestAt, LocalDateTime observeFrom, LocalDateTime observeUntil,
    String condition) {}
