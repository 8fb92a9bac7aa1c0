// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/**
 * Screening (trial) doses and the starting dose that follows, per clinical.md 3.1 and 3.2: 50, 75
 * and 100 mcg intrathecal boluses at least 24 h apart, each observed 4-8 h, optionally preceded by
 * 25 mcg for small patients; no response at 100 mcg means no implant. The starting daily dose is
 * twice the effective bolus, or equal to it when the effect lasted over 8 h (or caused side
 * effects).
 *
 * <p>Guarantees: plan times are exact offsets from the start, truncated to the minute; volumes are
 * at the 50 mcg/mL screening solution, rounded down; a starting dose is always an explicit
 * {@link StartingDose}, never null.
 */
public final class ScreeningTrial {
  /** The standard test doses, in order (clinical.md 3.1). */
  public static final List<Mass> TEST_DOSES = List.of(Mass.ofMicrograms(50), Mass.ofMicrograms(75), Mass.ofMicrograms(100));
  /** The optional first dose for small patients (clinical.md 3.1). */
  public static final Mass SMALL_PATIENT_FIRST_DOSE = Mass.ofMicrograms(25);
  /** Least time between two test doses. */
  public static final Duration MIN_INTERVAL = Duration.ofHours(24);
  /** Observation window after each dose: from 4 h ... */
  public static final Duration OBSERVE_FROM = Duration.ofHours(4);
  /** ... to 8 h. */
  public static final Duration OBSERVE_UNTIL = Duration.ofHours(8);
  /** An effect lasting longer than this means the starting dose equals the effective bolus. */
  public static final Duration LONG_EFFECT = Duration.ofHours(8);
  /** The screening solution (50 mcg in 1 mL). */
  public static final Concentration SCREENING_CONCENTRATION = Concentration.ofMicrogramsPerMillilitre(50);

  private ScreeningTrial() {}

  /** The plan from {@code start}, with the 25 mcg first dose when {@code smallPatient}. */
  public static TrialPlan plan(LocalDateTime start, boolean smallPatient) {
    LocalDateTime first = PumpTime.check("trial start", start).truncatedTo(ChronoUnit.MINUTES);
    List<Mass> doses = new ArrayList<>();
    if (smallPatient) {
      doses.add(SMALL_PATIENT_FIRST_DOSE);
    }
    doses.addAll(TEST_DOSES);
    List<TestDose> out = new ArrayList<>();
    for (int i = 0; i < doses.size(); i++) {
      LocalDateTime t = first.plus(MIN_INTERVAL.multipliedBy(i));
      String condition = i == 0 ? "first test dose" : "only if dose " + i + " (" + doses.get(i - 1) + ") gave no positive response";
      out.add(new TestDose(i + 1, doses.get(i), Rates.volume(doses.get(i), SCREENING_CONCENTRATION),
          t, t.plus(OBSERVE_FROM), t.plus(OBSERVE_UNTIL), condition));
    }
    return new TrialPlan(first, SCREENING_CONCENTRATION, out);
  }

  /** The starting dose after a positive response to {@code effectiveBolus} whose effect lasted {@code effectDuration}. */
  public static StartingDose startingDose(Mass effectiveBolus, Duration effectDuration) {
    return startingDose(effectiveBolus, effectDuration, false);
  }

  /**
   * As {@link #startingDose(Mass, Duration)}; with {@code sideEffects} the daily dose equals the
   * bolus whatever the duration. Refuses a bolus outside 1 ng to the highest test dose, and a
   * negative duration.
   */
  public static StartingDose startingDose(Mass effectiveBolus, Duration effectDuration, boolean sideEffects) {
    Objects.requireNonNull(effectiveBolus, "effective bolus");
    Objects.requireNonNull(effectDuration, "effect duration");
    Mass highest = TEST_DOSES.get(TEST_DOSES.size() - 1);
    if (effectiveBolus.nanograms() <= 0 || effectiveBolus.compareTo(highest) > 0) {
      throw new InvalidValueException("effective bolus", effectiveBolus.toString(), "> 0 and <= " + highest,
          "not a screening dose; with no response at " + highest + " the patient is a non-responder");
    }
    if (effectDuration.isNegative()) {
      throw new InvalidValueException("effect duration", effectDuration.toString(), ">= 0 h", "a duration cannot be negative");
    }
    if (sideEffects || effectDuration.compareTo(LONG_EFFECT) > 0) {
      String why = sideEffects ? "the screening dose caused side effects" : "the effect lasted over " + LONG_EFFECT.toHours() + " h";
      return new StartingDose(StartingDose.Outcome.EQUAL_TO_EFFECTIVE_BOLUS,
          Optional.of(new DoseRate(effectiveBolus.nanograms())), Optional.of(effectiveBolus),
          why + ": start at the screening dose per day (" + effectiveBolus.micrograms() + " mcg/day over 24 h)");
    }
    return new StartingDose(StartingDose.Outcome.TWICE_EFFECTIVE_BOLUS,
        Optional.of(new DoseRate(effectiveBolus.times(2).nanograms())), Optional.of(effectiveBolus),
        "start at twice the effective screening dose per day (2 x " + effectiveBolus + ", infused over 24 h)");
  }

  /** The explicit result when no test dose, the highest included, gave a positive response. */
  public static StartingDose nonResponder() {
    return new StartingDose(StartingDose.Outcome.NOT_A_CANDIDATE, Optional.empty(), Optional.empty(),
        "no positive response at " + TEST_DOSES.get(TEST_DOSES.size() - 1) + ": not a candidate for an implanted pump");
  }
}
