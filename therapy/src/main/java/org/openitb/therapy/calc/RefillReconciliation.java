// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.util.Objects;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

/**
 * Expected against withdrawn reservoir volume at a refill. The pump's accounting (expected) and
 * the syringe (withdrawn) drift apart when delivery was not what was programmed or when drug went
 * elsewhere, so a difference strictly beyond the model's limit (1 mL for a 20 mL pump, 2 mL for a
 * 40 mL pump) is flagged. Guarantees: {@code discrepancy = withdrawn - expected} exactly; {@code
 * flagged} exactly when |discrepancy| > limit.
 *
 * @param interpretation what the direction of a flagged discrepancy may mean and what to do; empty when not flagged
 */
public record RefillReconciliation(
    Volume expected, Volume withdrawn, Volume discrepancy, Volume limit, boolean flagged, String interpretation) {

  /** Reconciles; refuses negative volumes (InvalidValueException). */
  public static RefillReconciliation of(PumpModel pump, Volume expected, Volume withdrawn) {
    Objects.requireNonNull(pump, "pump");
    requireNonNegative("expected volume", expected);
    requireNonNegative("withdrawn volume", withdrawn);
    Volume discrepancy = withdrawn.minus(expected); // both >= 0, so this cannot overflow
    Volume limit = pump.refillDiscrepancyLimit();
    boolean flagged = discrepancy.abs().compareTo(limit) > 0;
    String interpretation = "";
    if (flagged && discrepancy.isPositive()) {
      interpretation = "more withdrawn than expected by " + discrepancy + ": the pump may have delivered less than programmed"
          + " (motor stall, catheter occlusion), or fluid was drawn from outside the reservoir; interrogate the pump and watch for withdrawal signs";
    } else if (flagged) {
      interpretation = "less withdrawn than expected by " + discrepancy.abs() + ": drug may have left the reservoir other than as programmed"
          + " (a pocket fill at the last refill, over-delivery, a leak); check for overdose signs and confirm the needle position";
    }
    return new RefillReconciliation(expected, withdrawn, discrepancy, limit, flagged, interpretation);
  }

  private static void requireNonNegative(String field, Volume v) {
    Objects.requireNonNull(v, field);
    if (v.isNegative()) {
      throw new InvalidValueException(field, v.toString(), ">= 0 mL", "a volume cannot be negative");
    }
  }
}
