// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import java.util.Objects;
import org.openitb.therapy.units.Volume;

/**
 * Where the fluid of one refill injection really went: into the reservoir, into the tissue pocket
 * around the pump (a pocket fill), or nowhere because the reservoir was full (it stays in the
 * syringe). The three always add up to the volume injected.
 */
public record FillResult(Volume entered, Volume intoPocket, Volume refusedAsOverfill) {
  public FillResult {
    Objects.requireNonNull(entered, "entered");
    Objects.requireNonNull(intoPocket, "intoPocket");
    Objects.requireNonNull(refusedAsOverfill, "refusedAsOverfill");
  }

  /** The volume the syringe pushed in: the sum of the three parts. */
  public Volume injected() {
    return entered.plus(intoPocket).plus(refusedAsOverfill);
  }
}
