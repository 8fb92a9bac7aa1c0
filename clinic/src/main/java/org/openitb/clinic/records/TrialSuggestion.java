// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openitb.therapy.calc.ScreeningTrial;
import org.openitb.therapy.calc.StartingDose;
import org.openitb.therapy.drug.DoseLimits;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.clinic.json.Responses;

/**
 * What a recorded screening dose leads to, computed by the therapy calculator ({@link ScreeningTrial}),
 * never by the web page: the starting daily dose after a positive response, the next test dose
 * after no response below the highest one, or "not a candidate" after no response at the highest.
 * The suggestion carries the rule applied and the drug library's limits for the patient, so the
 * clinician sees why and against what.
 */
final class TrialSuggestion {
  /**
   * A positive response is a drop of at least one step on the Modified Ashworth scale or one point
   * on the Penn spasm score (clinical.md 3.1); below that the dose did not work.
   */
  static final int RESPONSE_STEPS = 1;
  static final String RESPONSE_RULE = "positive response: Modified Ashworth down by >= " + RESPONSE_STEPS
      + " step or Penn spasm score down by >= " + RESPONSE_STEPS + " point";
  /** The drug of the screening protocol (clinical.md 3.1): intrathecal baclofen test boluses. */
  static final String TRIAL_DRUG = "baclofen";
  /** The highest screening dose: no response there means no implant. */
  static final Mass HIGHEST = ScreeningTrial.TEST_DOSES.get(ScreeningTrial.TEST_DOSES.size() - 1);

  /** The outcome shown for a stored trial whose dose the calculator refuses (recorded before the dose check existed). */
  static final String NO_SUGGESTION = "NONE";

  /** Which rule gave the suggestion. */

  enum Outcome {
    TWICE_EFFECTIVE_BOLUS,
    EQUAL_TO_EFFECTIVE_BOLUS,
    NEXT_TEST_DOSE,
    NOT_A_CANDIDATE
  }

  private TrialSuggestion() {}

  /** Refuses a screening dose the calculator cannot use, naming the request field and the allowed range. */
  static Mass checkDose(Mass dose, String text) {
    if (dose.nanograms() <= 0 || dose.compareTo(HIGHEST) > 0) {
      throw new InvalidValueException("dose", text, "> 0 mcg and <= " + HIGHEST + " (screening doses " + ScreeningTrial.TEST_DOSES
          + ", or " + ScreeningTrial.SMALL_PATIENT_FIRST_DOSE + " first for small patients)", "not a screening dose");
    }
    return dose;
  }

  static boolean responded(String ashworthBefore, String ashworthAfter, long pennBefore, long pennAfter) {
    int masDrop = Records.ASHWORTH.indexOf(ashworthBefore) - Records.ASHWORTH.indexOf(ashworthAfter);
    return masDrop >= RESPONSE_STEPS || pennBefore - pennAfter >= RESPONSE_STEPS;
  }

  /** The suggestion as JSON-ready fields; {@code at} is when the test dose was given. */
  static Responses.Suggestion suggest(Mass dose, boolean responded, long effectHours, boolean sideEffects, LocalDateTime at, Drug drug,
      Etiology etiology) {
    DoseLimits limits = drug.limits(etiology);
    Map<String, Object> out = new LinkedHashMap<>();
    Optional<DoseRate> daily = Optional.empty();
    if (responded) {
      StartingDose sd = ScreeningTrial.startingDose(dose, Duration.ofHours(effectHours), sideEffects);
      daily = sd.dailyDose();
      // Through our enum so a new calculator outcome fails loudly here instead of reaching the page unexplained.
      out.put("outcome", Outcome.valueOf(sd.outcome().name()).name());
      out.put("reason", sd.reason());
    } else if (dose.compareTo(HIGHEST) < 0) {
      Mass next = nextTestDose(dose);
      out.put("outcome", Outcome.NEXT_TEST_DOSE.name());
      out.put("nextTestDose", next.toString());
      out.put("nextTestNotBefore", at.plus(ScreeningTrial.MIN_INTERVAL).toString());
      out.put("reason", "no positive response at " + dose + ": give the next test dose, " + next + ", at least "
          + ScreeningTrial.MIN_INTERVAL.toHours() + " h later, and observe " + ScreeningTrial.OBSERVE_FROM.toHours() + "-"
          + ScreeningTrial.OBSERVE_UNTIL.toHours() + " h");
    } else {
      StartingDose sd = ScreeningTrial.nonResponder();
      out.put("outcome", Outcome.NOT_A_CANDIDATE.name());
      out.put("reason", sd.reason());
    }
    String usualRange = limits.softMin() + " - " + limits.softMax() + " (" + drug.name() + ", " + label(etiology) + ")";
    List<String> limitsText = daily.map(d -> limits.withinSoft(d)
        ? List.of("within the usual daily range " + usualRange)
        : List.of("outside the usual daily range " + usualRange + ": the daily-dose check will ask to confirm it is intended"))
        .orElse(List.of());
    return new Responses.Suggestion((String) out.get("outcome"), responded, RESPONSE_RULE, (String) out.get("reason"),
        daily.map(DoseRate::toString).orElse(null), daily.map(DoseRate::nanogramsPerDay).orElse(null), (String) out.get("nextTestDose"),
        (String) out.get("nextTestNotBefore"), usualRange, limits.hardMax() + " (" + drug.name() + ", " + label(etiology) + ")",
        daily.map(limits::withinSoft).orElse(null), limitsText);
  }

  /** The smallest standard test dose above {@code dose}. */
  static Mass nextTestDose(Mass dose) {
    return ScreeningTrial.TEST_DOSES.stream().filter(d -> d.compareTo(dose) > 0).findFirst().orElse(HIGHEST);
  }

  private static String label(Etiology e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }
}
