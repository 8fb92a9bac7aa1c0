// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.FlexStep;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Which therapy changes a pump model commits only with a second clinician's co-signature, which
 * the pump verifies itself (DESIGN.md invariant 11: where the rule matters for safety, the pump
 * checks it too). A parameter of the device model, never a constant in code. The programmer's
 * safety chain marks at least these changes as needing a second person, so it obtains the
 * co-signature before it commits.
 *
 * @param maxIncreasePercent a daily total above {@code (100 + this) %} of the running daily total
 *     needs a second person
 * @param maxStepRatePercent a basal step rate above {@code (100 + this) %} of the running daily
 *     total needs one (per-hour-like flex steps: a one-hour step of 1 900 mcg/day on 300 mcg/day
 *     adds only 22 % to the daily total)
 * @param stop a Stopped basal program needs one
 * @param concentrationChange a change of drug or concentration needs one
 */
public record SecondPersonRule(int maxIncreasePercent, int maxStepRatePercent, boolean stop, boolean concentrationChange) {
  /** No change needs a co-signature (a pump model without the feature). */
  public static final SecondPersonRule NONE = new SecondPersonRule(Integer.MAX_VALUE, Integer.MAX_VALUE, false, false);

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);
  private static final BigInteger MINUTES_PER_DAY = BigInteger.valueOf(1_440);

  public SecondPersonRule {
    if (maxIncreasePercent < 0 || maxStepRatePercent < 0) {
      throw new InvalidValueException("secondPersonRule", maxIncreasePercent + " %, " + maxStepRatePercent + " %", ">= 0",
          "second-person thresholds must not be negative");
    }
  }

  /**
   * Why changing from {@code running} (empty for a pump never programmed: the first programming
   * at implant needs no co-signature) to {@code proposed} needs a second person; empty when it
   * does not.
   */
  public List<String> reasons(Optional<Prescription> running, Prescription proposed) {
    List<String> out = new ArrayList<>();
    if (running.isEmpty()) {
      return out;
    }
    Prescription old = running.get();
    if (stop && proposed.basal() instanceof Stopped && !(old.basal() instanceof Stopped)) {
      out.add("basal program: Stopped; a stop needs a second clinician's co-signature");
    }
    if (concentrationChange && (!proposed.drug().name().equalsIgnoreCase(old.drug().name())
        || !proposed.concentration().equals(old.concentration()))) {
      out.add("drug or concentration: " + old.drug().name() + " " + old.concentration() + " -> " + proposed.drug().name() + " "
          + proposed.concentration() + "; needs a second clinician's co-signature");
    }
    BigInteger oldTotal = dailyTotalCeil(old);
    if (oldTotal.signum() > 0) {
      BigInteger newTotal = dailyTotalCeil(proposed);
      if (above(newTotal, oldTotal, maxIncreasePercent)) {
        out.add("daily dose: " + oldTotal + " -> " + newTotal + " ng/day, more than +" + maxIncreasePercent
            + " %; needs a second clinician's co-signature");
      }
    }
    stepRateReason(running, proposed).ifPresent(out::add);
    return out;
  }

  /** The per-hour-like step part of {@link #reasons}: a basal step rate far above the running daily dose. */
  public Optional<String> stepRateReason(Optional<Prescription> running, Prescription proposed) {
    if (running.isEmpty()) {
      return Optional.empty();
    }
    BigInteger oldTotal = dailyTotalCeil(running.get());
    if (oldTotal.signum() <= 0) {
      return Optional.empty();
    }
    for (FlexStep step : proposed.basal().asFlexSchedule().steps()) {
      BigInteger rate = BigInteger.valueOf(step.rate().nanogramsPerDay());
      if (above(rate, oldTotal, maxStepRatePercent)) {
        return Optional.of("basal step at " + step.start() + ": " + rate + " ng/day, more than +" + maxStepRatePercent
            + " % over the running daily dose of " + oldTotal + " ng/day; needs a second clinician's co-signature");
      }
    }
    return Optional.empty();
  }

  /** True when {@code value > reference * (100 + percent) / 100}, exactly. */
  private static boolean above(BigInteger value, BigInteger reference, int percent) {
    if (percent == Integer.MAX_VALUE) {
      return false;
    }
    return value.multiply(HUNDRED).compareTo(reference.multiply(HUNDRED.add(BigInteger.valueOf(percent)))) > 0;
  }

  /** Time-weighted basal plus scheduled boluses, ng per day, rounded up. */
  static BigInteger dailyTotalCeil(Prescription p) {
    FlexSchedule schedule = p.basal().asFlexSchedule();
    List<Integer> minutes = schedule.stepMinutes();
    BigInteger weighted = BigInteger.ZERO;
    for (int i = 0; i < minutes.size(); i++) {
      weighted = weighted.add(BigInteger.valueOf(schedule.steps().get(i).rate().nanogramsPerDay()).multiply(BigInteger.valueOf(minutes.get(i))));
    }
    BigInteger[] qr = weighted.divideAndRemainder(MINUTES_PER_DAY);
    BigInteger total = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    for (ScheduledBolus b : p.scheduledBoluses()) {
      total = total.add(BigInteger.valueOf(b.dose().nanograms()));
    }
    return total;
  }
}
