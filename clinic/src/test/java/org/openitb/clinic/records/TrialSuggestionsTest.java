// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.json.Responses;

/** Every stored trial shows a suggestion, or says why there is none, instead of an empty cell. */
class TrialSuggestionsTest {
  static final Responses.Patient ADULT_SPINAL = new Responses.Patient(1, "MRN-1", "A Patient", "SPINAL", "ADULT", "70 kg", 70_000, "", null,
      null, null, 1, 1, "2026-11-01T09:00");

  private static Map<String, Object> trial(long doseNg) {
    return Map.ofEntries(Map.entry("id", 1L), Map.entry("patient_id", 1L), Map.entry("at", "2026-11-20T10:00"), Map.entry("dose_ng", doseNg),
        Map.entry("ashworth_before", "3"), Map.entry("ashworth_after", "1"), Map.entry("penn_before", 3L), Map.entry("penn_after", 1L),
        Map.entry("effect_hours", 6L), Map.entry("side_effects", false), Map.entry("recorded_by", "clinician"));
  }

  @Test
  void aScreeningDoseGetsTheCalculatorsSuggestion() {
    Responses.Suggestion s = Records.withSuggestions(ADULT_SPINAL, List.of(trial(50_000))).get(0).suggestion();
    assertThat(s.outcome()).isEqualTo(TrialSuggestion.Outcome.TWICE_EFFECTIVE_BOLUS.name());
    assertThat(s.startingDose()).isEqualTo("100 mcg/day");
  }

  @Test
  void aLegacyDoseOutsideTheScreeningDosesSaysWhyThereIsNoSuggestion() {
    Responses.Suggestion s = Records.withSuggestions(ADULT_SPINAL, List.of(trial(150_000))).get(0).suggestion();
    assertThat(s.outcome()).isEqualTo(TrialSuggestion.NO_SUGGESTION);
    assertThat(s.reason()).contains("no starting dose", "150 mcg", "<= 100 mcg");
    assertThat(s.startingDose()).isNull();
  }
}
