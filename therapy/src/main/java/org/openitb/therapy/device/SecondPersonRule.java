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
 * @param stop a Stopped basal program needs one, and so does a deliberate stop (STOP_DELIVERY)
 *     beyond a single clinician's emergency stop
 * @param concentrationChange a change of drug or concentration needs one, in a new therapy and in a
 *     refill that changes the drug or concentration of the programmed therapy
 * @param singleClinicianStopMaxMinutes with {@code stop}: the longest deliberate stop one clinician
 *     may make alone, once per {@link #SINGLE_CLINICIAN_STOP_WINDOW_MINUTES}; a longer stop, or a
 *     second one within that window, needs a second person. Ending an overdose must never wait for
 *     a second clinician, while a stop longer than this window (or renewed) risks withdrawal,
 *     whose onset is 1 to 3 days after an abrupt stop (clinical.md 3.7). 0: every stop needs one
 */
public record SecondPersonRule(int maxIncreasePercent, int maxStepRatePercent, boolean stop, boolean concentrationChange,
    int singleClinicianStopMaxMinutes) {
  /** No change needs a co-signature (a pump model without the feature). */
  public static final SecondPersonRule NONE = new SecondPersonRule(Integer.MAX_VALUE, Integer.MAX_VALUE, false, false, Integer.MAX_VALUE);
  /** One single-clinician stop per this many minutes (a day); a second one in the window needs a second person. */
  public static final int SINGLE_CLINICIAN_STOP_WINDOW_MINUTES = 1_440;

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);
  private static final BigInteger MINUTES_PER_DAY = BigInteger.valueOf(1_440);

  public SecondPersonRule {
    if (maxIncreasePercent < 0 || maxStepRatePercent < 0 || singleClinicianStopMaxMinutes < 0) {
      throw new InvalidValueException("secondPersonRule", maxIncreasePercent + " %, " + maxStepRatePercent + " %, "
          + singleClinicianStopMaxMinutes + " min", ">= 0", "second-person thresholds must not be negative");
    }
  }

  /** A rule in which every deliberate stop (when {@code stop}) needs a second person. */
  public SecondPersonRule(int maxIncreasePercent, int maxStepRatePercent, boolean stop, boolean concentrationChange) {
    this(maxIncreasePercent, maxStepRatePercent, stop, concentrationChange, 0);
  }

  /**
   * Why a deliberate stop of {@code expiryMinutes} needs a second person; empty when one clinician
   * may make it. {@code singleStopInWindow}: a stop without a second person was accepted within the
   * last {@link #SINGLE_CLINICIAN_STOP_WINDOW_MINUTES} (renewing a stop is a decision for two).
   */
  public Optional<String> stopReason(long expiryMinutes, boolean singleStopInWindow) {
    if (!stop) {
      return Optional.empty();
    }
    if (expiryMinutes > singleClinicianStopMaxMinutes) {
      return Optional.of("stop for " + expiryMinutes + " min: one clinician may stop delivery for at most " + singleClinicianStopMaxMinutes
          + " min; a longer stop needs a second clinician's co-signature");
    }
    if (singleStopInWindow) {
      return Optional.of("stop for " + expiryMinutes + " min: a stop without a second person was already made within "
          + SINGLE_CLINICIAN_STOP_WINDOW_MINUTES / 60 + " h; another one needs a second clinician's co-signature");
    }
    return Optional.empty();
  }

  /**
   * Why a refill to {@code drugName} at {@code concentration} needs a second person while
   * {@code running} is programmed; empty when it does not (a pump never programmed: the first fill
   * at implant; the same drug and concentration).
   */
  public Optional<String> refillReason(Optional<Prescription> running, String drugName, org.openitb.therapy.units.Concentration concentration) {
    if (!concentrationChange || running.isEmpty()) {
      return Optional.empty();
    }
    Prescription old = running.get();
    if (old.drug().name().equalsIgnoreCase(drugName) && old.concentration().equals(concentration)) {
      return Optional.empty();
    }
    return Optional.of("refill with " + drugName + " " + concentration + " while " + old.drug().name() + " " + old.concentration()
        + " is programmed: a change of drug or concentration needs a second clinician's co-signature");
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
