// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.drug.TitrationLimits;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Checks a proposed daily dose against the titration guardrail of the drug library (clinical.md
 * 3.2: spinal +10-30 %, cerebral and paediatric +5-15 %, at most once per 24 h). These are soft
 * limits: the verdict informs and the programmer asks for confirmation; hard limits are the
 * validator's.
 *
 * <p>Guarantees: the verdict comes from exact integer comparisons (never from the rounded display
 * percentage); an increase within [allowedMin, allowedMax] inclusive is WITHIN_GUARDRAIL; an
 * increase sooner than the minimum interval after the last one is TOO_SOON_AFTER_LAST_INCREASE
 * whatever its size; decreases and unchanged doses are reported as such, never refused.
 */
public final class TitrationGuardrail {
  private static final long HUNDRED = 100;

  private TitrationGuardrail() {}

  /**
   * Uses {@code drug}'s titration limits for {@code etiology} and its hard daily maximum: the
   * allowed range never reaches above the hard maximum, and a proposal above it is
   * ABOVE_HARD_MAXIMUM (refused) whatever the step.
   */
  public static TitrationCheck check(
      Drug drug, Etiology etiology, DoseRate current, DoseRate proposed, Optional<LocalDateTime> lastIncrease, LocalDateTime at) {
    Objects.requireNonNull(drug, "drug");
    Objects.requireNonNull(etiology, "etiology");
    TitrationCheck c = check(drug.titration(etiology), current, proposed, lastIncrease, at);
    DoseRate hardMax = drug.limits(etiology).hardMax();
    DoseRate max = c.allowedMax().compareTo(hardMax) > 0 ? hardMax : c.allowedMax();
    DoseRate min = c.allowedMin().compareTo(max) > 0 ? max : c.allowedMin();
    if (proposed.compareTo(hardMax) > 0) {
      return new TitrationCheck(c.current(), c.proposed(), c.changePercent(), min, max, TitrationCheck.Verdict.ABOVE_HARD_MAXIMUM,
          proposed + " is above the hard daily maximum of " + hardMax + " for " + etiology.name().toLowerCase(java.util.Locale.ROOT)
              + " " + drug.name() + " (drug library): refused", c.nextIncreaseAllowedAt());
    }
    if (max.equals(c.allowedMax()) && min.equals(c.allowedMin())) {
      return c;
    }
    // the hard maximum cut the range: re-judge the step against the cut range
    TitrationCheck.Verdict v = c.verdict();
    String reason = c.reason();
    if ((v == TitrationCheck.Verdict.BELOW_MINIMUM_STEP || v == TitrationCheck.Verdict.ABOVE_MAXIMUM_STEP || v == TitrationCheck.Verdict.WITHIN_GUARDRAIL)
        && proposed.compareTo(min) >= 0 && proposed.compareTo(max) <= 0) {
      v = TitrationCheck.Verdict.WITHIN_GUARDRAIL;
      reason = proposed + " is within the guardrail, which the hard maximum of " + hardMax + " cuts to "
          + min.microgramsPerDay() + "-" + max.microgramsPerDay() + " mcg/day";
    }
    return new TitrationCheck(c.current(), c.proposed(), c.changePercent(), min, max, v, reason, c.nextIncreaseAllowedAt());
  }

  /**
   * Refuses (InvalidValueException) a current dose of zero (a start from zero is a starting
   * dose, see {@link ScreeningTrial}) and a last increase after {@code at}.
   */
  public static TitrationCheck check(
      TitrationLimits limits, DoseRate current, DoseRate proposed, Optional<LocalDateTime> lastIncrease, LocalDateTime at) {
    Objects.requireNonNull(limits, "titration limits");
    Objects.requireNonNull(current, "current dose");
    Objects.requireNonNull(proposed, "proposed dose");
    Objects.requireNonNull(lastIncrease, "last increase (use Optional.empty())");
    PumpTime.check("at", at);
    if (current.isZero()) {
      throw new InvalidValueException("current dose", current.toString(), "> 0 mcg/day",
          "a titration step needs a current dose; a start from zero is a starting dose (screening trial)");
    }
    if (lastIncrease.isPresent() && PumpTime.check("last increase", lastIncrease.get()).isAfter(at)) {
      throw new InvalidValueException("last increase", lastIncrease.get().toString(), "not after " + at,
          "the last increase cannot be in the future; check the pump clock and the record");
    }
    long cur = current.nanogramsPerDay();
    Fraction minExact = Fraction.of(cur).times(HUNDRED + limits.minIncreasePercent()).dividedBy(HUNDRED);
    Fraction maxExact = Fraction.of(cur).times(HUNDRED + limits.maxIncreasePercent()).dividedBy(HUNDRED);
    DoseRate allowedMin = new DoseRate(Exact.toLong(minExact.ceil(), "current dose", current.toString()));
    DoseRate allowedMax = new DoseRate(Exact.toLong(maxExact.floor(), "current dose", current.toString()));
    Fraction change = Fraction.of(BigInteger.valueOf(proposed.nanogramsPerDay()).subtract(BigInteger.valueOf(cur)).multiply(BigInteger.valueOf(HUNDRED)),
        BigInteger.valueOf(cur));
    Optional<LocalDateTime> next = lastIncrease.map(t -> t.plus(limits.minInterval()));
    String range = "+" + limits.minIncreasePercent() + " to +" + limits.maxIncreasePercent() + " % = "
        + allowedMin.microgramsPerDay() + "-" + allowedMax.microgramsPerDay() + " mcg/day";
    TitrationCheck.Verdict verdict;
    String reason;
    int cmp = proposed.compareTo(current);
    if (cmp == 0) {
      verdict = TitrationCheck.Verdict.NO_CHANGE;
      reason = "the proposed dose equals the current one";
    } else if (cmp < 0) {
      verdict = TitrationCheck.Verdict.DECREASE;
      reason = "a decrease (" + current + " to " + proposed + "); the increase guardrail does not apply";
    } else if (next.isPresent() && at.isBefore(next.get())) {
      verdict = TitrationCheck.Verdict.TOO_SOON_AFTER_LAST_INCREASE;
      reason = "the last increase was at " + lastIncrease.get() + "; the next is allowed from " + next.get()
          + " (at most one increase per " + limits.minInterval().toHours() + " h)";
    } else if (proposed.compareTo(allowedMin) < 0) {
      verdict = TitrationCheck.Verdict.BELOW_MINIMUM_STEP;
      reason = proposed + " is a smaller step than the guardrail's " + range + "; confirm a smaller step is intended";
    } else if (proposed.compareTo(allowedMax) > 0) {
      verdict = TitrationCheck.Verdict.ABOVE_MAXIMUM_STEP;
      reason = proposed + " is a larger step than the guardrail's " + range + "; confirm or choose a smaller increase";
    } else {
      verdict = TitrationCheck.Verdict.WITHIN_GUARDRAIL;
      reason = proposed + " is within the guardrail's " + range;
    }
    return new TitrationCheck(current, proposed, change, allowedMin, allowedMax, verdict, reason, next);
  }
}
