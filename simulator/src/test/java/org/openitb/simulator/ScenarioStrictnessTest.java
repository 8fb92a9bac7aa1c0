// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.InvalidValueException;

/**
 * Issue 11 defect 4 and issue 14 item 7: every broken scenario the check found is refused, naming
 * the path of the key, the value and what is allowed, before anything runs.
 */
class ScenarioStrictnessTest {
  static final String BASE = """
      name: t
      start: 2026-01-01T08:00
      pump: {model: ITB-20}
      fill: {concentration: 500 mcg/mL, volume: 20 mL}
      prescription: {dose: 300 mcg/day}
      """;
  final ScenarioLoader loader = new ScenarioLoader(DrugLibrary.standard());

  static String event(String e) {
    return BASE + "events:\n  - at: 2026-01-02T00:00\n    " + e + "\n";
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        // path, value or allowed text the message must carry
        Arguments.of(BASE.replace("pump: {model: ITB-20}", "pump: ITB-40"), "pump", "a mapping"),
        Arguments.of(BASE + "seed: abc\n", "seed", "'abc'"),
        Arguments.of(BASE + "seed: 99999999999999999999999\n", "seed", "out of range"),
        Arguments.of(BASE + "untill: 2y\n", "untill", "did you mean 'until'"),
        Arguments.of(BASE + "catheter: {lenghtCm: 50}\n", "catheter.lenghtCm", "did you mean 'lengthCm'"),
        Arguments.of(BASE + "catheter: {lengthCm: fifty}\n", "catheter.lengthCm", "'fifty'"),
        Arguments.of(BASE + "catheter: {lengthCm: 500}\n", "catheter.lengthCm", "from 5 to 150"),
        Arguments.of(BASE + "catheter: {ulPerCm: 100}\n", "catheter.ulPerCm", "at most 10"),
        Arguments.of(BASE + "name: twice\n", "name", "duplicate key"),
        Arguments.of(BASE.replace("{dose: 300 mcg/day}", "{dose: 300 mcg/day, flex: \"06:00=400 mcg/day\"}"), "prescription", "exactly one of dose, flex, stopped"),
        Arguments.of(BASE.replace("{dose: 300 mcg/day}", "{}"), "prescription", "no basal program"),
        Arguments.of(event("refill: {volume: 20 mL}\n    mri: {duration: 30m}"), "events[0]", "more than one event in one entry"),
        Arguments.of(event("refill: {volume: 20 mL, withdrawn: 35 mL}"), "events[0].refill.withdrawn", "0 mL to 20.000 mL"),
        Arguments.of(event("refill: {volume: 25 mL}"), "events[0].refill.volume", "more than the reservoir holds"),
        Arguments.of(BASE.replace("volume: 20 mL}", "volume: 40 mL}"), "fill.volume", "ITB-20 reservoir"),
        Arguments.of(BASE.replace("volume: 20 mL}", "volume: -5 mL}"), "fill.volume", "'-5 mL'"),
        Arguments.of(event("refill: {volume: -1 mL}"), "events[0].refill.volume", "'-1 mL'"),
        Arguments.of(BASE + "until: 99999999999y\n", "until", "at most 6 digits"),
        Arguments.of(BASE + "until: 51y\n", "until", "1s to 50y"),
        Arguments.of(BASE + "events: {at: 2026-01-02T00:00}\n", "events", "a list"),
        Arguments.of(event("fault: {type: rtc-drift, ppm: 500000}"), "events[0].fault.ppm", "-470000"),
        Arguments.of(event("fault: {type: rtc-drift, ppm: 5000}"), "events[0].fault.ppm", "-1000 to 1000"),
        Arguments.of(event("fault: {type: motor-stall, duration: 2h, ppm: 3}"), "events[0].fault.ppm", "not a parameter of motor-stall"),
        Arguments.of(event("mri: {duration: 30m, field: 30 T}"), "events[0].mri.field", "at most 10 T"),
        Arguments.of(event("replacePump: {fill: 30 mL}"), "events[0].replacePump.fill", "more than the reservoir holds"),
        Arguments.of(BASE.replace("{dose: 300 mcg/day}", "{dose: 300 mcg/day, lowReservoirAlarm: 8 mL}"), "prescription.lowReservoirAlarm", "not settable"),
        Arguments.of(event("refill: {volume: 20 mL}\n    repeat: {every: 1d, until: 2025-01-01T00:00}"), "events[0].repeat.until", "repeat ends before it starts"),
        Arguments.of(BASE.replace("start: 2026-01-01T08:00\n", ""), "start", "required key missing"),
        Arguments.of(BASE + "expect: {pumpNotDelivring: true}\n", "expect.pumpNotDelivring", "did you mean 'pumpNotDelivering'"));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void isRefusedNamingThePathTheValueAndWhatIsAllowed(String yaml, String path, String detail) {
    assertThatThrownBy(() -> loader.parse(yaml))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(path))
        .hasMessageContaining(detail)
        .hasMessageContaining("allowed: ");
  }

  @Test
  void theBaseScenarioAndItsExpectationLoad() {
    assertThat(loader.parse(BASE).expect().pumpNotDelivering()).isFalse();
    assertThat(loader.parse(BASE + "expect: {pumpNotDelivering: true}\n").expect().pumpNotDelivering()).isTrue();
  }

  @Test
  void thePublishedSchemaIsTheOneTheLoaderUses() throws Exception {
    java.nio.file.Path published = java.nio.file.Path.of("..", "schemas", "scenario.schema.json");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(published.toFile())).isEqualTo(ScenarioSchema.json());
  }
}
