// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.util.Objects;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.Volume;

/**
 * The reservoir volume a prescription uses per day, as the pump delivers it.
 *
 * <p>Guarantees: {@code basalNanolitres} is exact: each basal step's volume rate is its dose rate
 * at the concentration rounded DOWN (as the pump runs it), weighted by the minutes the step is in
 * force; it is a fraction because a step's share of a day need not be a whole nanolitre. {@code
 * scheduledBoluses} is the sum of each bolus's volume rounded down; {@code patientBolusMaximum}
 * is maxPerDay times one patient bolus's volume rounded down (zero without an allowance). The
 * {@link Volume} views round the exact total UP to the whole nanolitre, the safe side for supply.
 *
 * @param basalNanolitres exact basal volume per day, in nL
 * @param scheduledBoluses volume of all scheduled boluses per day
 * @param patientBolusMaximum volume of every allowed patient bolus in one day
 */
public record DailyVolume(Fraction basalNanolitres, Volume scheduledBoluses, Volume patientBolusMaximum) {
  public DailyVolume {
    Objects.requireNonNull(basalNanolitres, "basalNanolitres");
    Objects.requireNonNull(scheduledBoluses, "scheduledBoluses");
    Objects.requireNonNull(patientBolusMaximum, "patientBolusMaximum");
  }

  /** The daily volume of {@code prescription}; refuses only results too large to represent. */
  public static DailyVolume of(Prescription prescription) {
    return of(ConsumptionProfile.of(prescription), prescription);
  }

  static DailyVolume of(ConsumptionProfile profile, Prescription p) {
    String given = p.basal() + " at " + p.concentration();
    DailyVolume d = new DailyVolume(profile.basalPerDay(),
        Exact.volume(profile.scheduledPerDay(), "scheduled boluses", given),
        Exact.volume(profile.patientPerDay(), "patient bolus", given));
    Exact.volume(d.totalWithPatientBolusesNanolitres().ceil(), "dose", given); // refuses an unrepresentable total now, not later
    return d;
  }

  /** Basal volume per day, rounded up to the whole nL. */
  public Volume basal() {
    return Volume.ofNanolitres(basalNanolitres.ceil().longValueExact());
  }

  /** Exact basal + scheduled boluses per day, in nL. */
  public Fraction totalNanolitres() {
    return basalNanolitres.plus(Fraction.of(scheduledBoluses.nanolitres()));
  }

  /** Exact basal + scheduled boluses + every allowed patient bolus per day, in nL. */
  public Fraction totalWithPatientBolusesNanolitres() {
    return totalNanolitres().plus(Fraction.of(patientBolusMaximum.nanolitres()));
  }

  /** Basal + scheduled boluses per day, rounded up to the whole nL. */
  public Volume total() {
    return Volume.ofNanolitres(totalNanolitres().ceil().longValueExact());
  }

  /** Basal + scheduled + every allowed patient bolus per day, rounded up to the whole nL. */
  public Volume totalWithPatientBoluses() {
    return Volume.ofNanolitres(totalWithPatientBolusesNanolitres().ceil().longValueExact());
  }
}
