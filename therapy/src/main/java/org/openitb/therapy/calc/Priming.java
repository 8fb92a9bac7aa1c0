// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.util.Objects;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The priming bolus that brings drug from the reservoir to the catheter tip after an implant, a
 * pump replacement or a catheter revision (clinical.md 1.2, 3.6). Its volume is the fluid path not
 * yet filled with drug: the pump tubing plus the implanted catheter, or the catheter only when the
 * pump was already purged (as in the operating room before an implant, after which clinical.md
 * says to prime the catheter only).
 *
 * <p>Guarantees: {@code volume = pumpTubing + catheter} exactly, with {@code pumpTubing} zero for
 * {@link Scope#CATHETER_ONLY}; the catheter length must be one the model comes in
 * (InvalidValueException otherwise). Note the 2013 finding: at priming rates the drug mixes with
 * the fluid ahead of it, so some reaches the CSF early and a low-delivery period follows.
 */
public record Priming(Scope scope, Volume pumpTubing, Volume catheter, Volume volume) {
  /** Which part of the fluid path still lacks drug. */
  public enum Scope {
    /** Pump tubing and catheter: neither holds drug yet. */
    PUMP_AND_CATHETER,
    /** Catheter only: the pump was already purged, its tubing holds drug. */
    CATHETER_ONLY
  }

  public static Priming of(PumpModel pump, CatheterModel catheter, int catheterLengthCm, Scope scope) {
    Objects.requireNonNull(pump, "pump");
    Objects.requireNonNull(catheter, "catheter");
    Objects.requireNonNull(scope, "scope");
    Volume cat = catheter.volume(catheterLengthCm);
    Volume tubing = scope == Scope.PUMP_AND_CATHETER ? pump.pumpTubing() : Volume.ZERO;
    return new Priming(scope, tubing, cat, tubing.plus(cat));
  }

  /** The drug the priming volume holds at {@code concentration}, rounded UP: a bound on what may reach the CSF early. */
  public Mass drugAt(Concentration concentration) {
    return Exact.mass(volume.exactMassAt(concentration).ceil(), "priming volume", volume + " at " + concentration);
  }
}
