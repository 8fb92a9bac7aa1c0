// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.InvalidValueException;

/**
 * The patient lives through the example scenarios driven by the pump's true tip delivery: what each
 * example's README paragraph says the patient goes through.
 */
class PatientScenariosTest {
  static SimulationResult run(String file) {
    return ExampleScenariosTest.run(file, Optional.empty());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> patient(SimulationResult r) {
    return (Map<String, Object>) r.summary().get("patient");
  }

  @SuppressWarnings("unchecked")
  static double hours(SimulationResult r, String table, String stage) {
    return Double.parseDouble(String.valueOf(((Map<String, Object>) patient(r).get(table)).get(stage)));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> changes(SimulationResult r) {
    return (List<Map<String, Object>>) patient(r).get("stageChanges");
  }

  @Test
  void aMissedRefillBringsWithdrawalHoursAfterThePumpStops() {
    SimulationResult r = run("missed-refill.yaml");
    LocalDateTime empty = r.alarms().stream().filter(a -> String.valueOf(a.get("alarm")).contains("EMPTY"))
        .map(a -> LocalDateTime.parse((String) a.get("at"))).findFirst().orElseThrow();
    Map<String, Object> first = changes(r).get(0);
    assertThat(first.get("withdrawal")).isEqualTo("MILD");
    Duration onset = Duration.between(empty, LocalDateTime.parse((String) first.get("at")));
    assertThat(onset).isBetween(Duration.ofHours(4), Duration.ofDays(3));
    assertThat(hours(r, "hoursInWithdrawal", "MILD")).isGreaterThan(0);
    assertThat(patient(r).get("worstOverdose")).isEqualTo("NONE");
  }

  @Test
  void withoutTheBridgeBolusThePatientGoesIntoWithdrawalAndWithItNot() {
    SimulationResult bridged = run("concentration-change.yaml");
    SimulationResult skipped = run("concentration-change-no-bridge.yaml");
    assertThat(patient(bridged).get("worstWithdrawal")).isEqualTo("NONE");
    assertThat(patient(bridged).get("worstOverdose")).isEqualTo("NONE");
    assertThat(patient(skipped).get("worstWithdrawal")).isNotEqualTo("NONE");
  }

  @Test
  void aShortMriStallIsHarmless() {
    SimulationResult r = run("mri-scan.yaml");
    assertThat(patient(r).get("worstWithdrawal")).isEqualTo("NONE");
    assertThat(patient(r).get("worstOverdose")).isEqualTo("NONE");
  }

  @Test
  void restartingAtTheOldRateAfterAHolidayOverdoses() {
    SimulationResult r = run("drug-holiday.yaml");
    assertThat(hours(r, "hoursInWithdrawal", "MILD")).isGreaterThan(0);
    assertThat(patient(r).get("worstOverdose")).isNotEqualTo("NONE");
    Map<String, Object> firstOverdose = changes(r).stream().filter(c -> !"NONE".equals(c.get("overdose"))).findFirst().orElseThrow();
    Duration afterRestart = Duration.between(LocalDateTime.parse("2026-04-22T09:00"), LocalDateTime.parse((String) firstOverdose.get("at")));
    assertThat(afterRestart).isBetween(Duration.ofHours(1), Duration.ofHours(12));
  }

  @Test
  void aDisconnectedCatheterIsInvisibleToThePumpButNotToThePatient() {
    String yaml = """
        name: disconnection
        seed: 3
        start: 2026-01-05T09:00
        pump: {model: ITB-20, serial: SIM-DISC}
        patient: {etiology: spinal, model: typical}
        fill: {drug: baclofen, concentration: 500 mcg/mL, volume: 20 mL}
        prescription: {dose: 300 mcg/day}
        events:
          - at: 2026-01-06T09:00
            fault: {type: catheter-disconnection}
        """;
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).parse(yaml);
    SimulationResult r = new Simulation(s, DrugLibrary.standard(), Optional.empty(), t -> { }).run(Duration.ofDays(5));
    assertThat(r.alarms()).isEmpty();
    assertThat(patient(r).get("worstWithdrawal")).isNotEqualTo("NONE");
    assertThat(Double.parseDouble(String.valueOf(r.summary().get("trueLeakedMg")))).isGreaterThan(1.0);
  }

  @Test
  void aPopulationDrawIsSeededAndTheTimelineCarriesThePatient(@TempDir Path dir) throws Exception {
    String yaml = """
        name: draw
        start: 2026-01-05T09:00
        pump: {model: ITB-20}
        patient: {etiology: cerebral, model: {cohortSeed: 7, id: 12}, age: child, adaptedTo: 250 mcg/day, yearsOnTherapy: 2}
        fill: {drug: baclofen, concentration: 500 mcg/mL, volume: 20 mL}
        prescription: {dose: 250 mcg/day}
        events:
          - at: 2026-01-20T09:00
            assessTone: {}
        """;
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).parse(yaml);
    SimulationResult a = new Simulation(s, DrugLibrary.standard(), Optional.of(dir), t -> { }).run(Duration.ofDays(20));
    SimulationResult b = new Simulation(s, DrugLibrary.standard(), Optional.empty(), t -> { }).run(Duration.ofDays(20));
    assertThat(patient(a)).isEqualTo(patient(b));
    assertThat(patient(a).get("age")).isEqualTo("CHILD");
    assertThat((List<?>) patient(a).get("visits")).hasSize(1);
    List<String> lines = Files.readAllLines(dir.resolve("timeline.csv"));
    assertThat(lines.get(0)).endsWith(",tone,withdrawal,overdose");
    assertThat(lines).hasSize(20 * 24 + 2);
  }

  @Test
  void aBadPatientModelIsRefusedWithItsPath() {
    String yaml = """
        name: bad
        start: 2026-01-05T09:00
        pump: {model: ITB-20}
        patient: {etiology: spinal, model: average}
        fill: {drug: baclofen, concentration: 500 mcg/mL, volume: 20 mL}
        prescription: {dose: 250 mcg/day}
        """;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScenarioLoader(DrugLibrary.standard()).parse(yaml))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("patient.model");
  }
}
