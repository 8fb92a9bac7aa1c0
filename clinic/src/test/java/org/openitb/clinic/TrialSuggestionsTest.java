// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every stored trial shows a suggestion, or says why there is none, instead of an empty cell. */
class TrialSuggestionsTest {
  static final Map<String, Object> ADULT_SPINAL = Map.of("etiology", "SPINAL", "age_group", "ADULT");

  private static Map<String, Object> trial(long doseNg) {
    return Map.of("at", "2026-11-20T10:00", "dose_ng", doseNg, "ashworth_before", "3", "ashworth_after", "1", "penn_before", 3L,
        "penn_after", 1L, "effect_hours", 6L, "side_effects", false);
  }

  @Test
  void aScreeningDoseGetsTheCalculatorsSuggestion() {
    Map<String, Object> s = suggestion(Records.withSuggestions(ADULT_SPINAL, List.of(trial(50_000))).get(0));
    assertThat(s.get("outcome")).isEqualTo(TrialSuggestion.Outcome.TWICE_EFFECTIVE_BOLUS.name());
    assertThat(s.get("starting_dose")).isEqualTo("100 mcg/day");
  }

  @Test
  void aLegacyDoseOutsideTheScreeningDosesSaysWhyThereIsNoSuggestion() {
    Map<String, Object> s = suggestion(Records.withSuggestions(ADULT_SPINAL, List.of(trial(150_000))).get(0));
    assertThat(s.get("outcome")).isEqualTo(TrialSuggestion.NO_SUGGESTION);
    assertThat((String) s.get("reason")).contains("no starting dose", "150 mcg", "<= 100 mcg");
    assertThat(s).doesNotContainKey("starting_dose");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> suggestion(Map<String, Object> trial) {
    return (Map<String, Object>) trial.get("suggestion");
  }
}
