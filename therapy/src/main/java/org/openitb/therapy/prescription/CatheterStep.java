// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.units.Volume;

/**
 * The implanted catheter length must be one the catheter model comes in, since the dead volume
 * (pump tubing + catheter) that bridge and priming boluses clear depends on it; the dead volume
 * is reported.
 */
final class CatheterStep implements ValidationStep {
  static final String NAME = "catheter";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(Prescription p, ValidationContext ctx, Findings out) {
    CatheterModel cat = ctx.catheter();
    int length = ctx.catheterLengthCm();
    String allowed = cat.minLengthCm() + "-" + cat.maxLengthCm() + " cm (" + cat.name() + ")";
    if (length < cat.minLengthCm() || length > cat.maxLengthCm()) {
      out.hard("catheter length", length + " cm", allowed, "not a length this catheter model comes in; check the implant record");
      return;
    }
    Volume dead = ctx.pump().pumpTubing().plus(cat.volume(length));
    out.info("dead volume", dead.toString(), "pump tubing " + ctx.pump().pumpTubing() + " + catheter " + cat.volume(length),
        "volume a bridge bolus must clear after a concentration change");
  }
}
