// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  /**
   * pocket-fill.yaml: the 40 mg refill goes into the pocket of a 25 kg child. Somnolence from the
   * blood within hours (and nothing worse), the pump believes itself full and raises nothing,
   * the empty reservoir leaves only the catheter's dead volume for the spinal fluid, and withdrawal
   * follows; the refill through the port 3 days later ends it. The event-level fidelity refuses the
   * scenario (fault injection is per-stroke only), so it is compared with nothing.
   */
  @Test
  void aPocketFillSedatesThroughTheBloodThenTheEmptyReservoirBringsWithdrawal() {
    SimulationResult r = run("pocket-fill.yaml");
    assertThat(patient(r).get("pocketFillMg").toString()).isEqualTo("40.000");
    assertThat(r.summary().get("truePocketMg").toString()).isEqualTo("40.000000");
    assertThat(changes(r)).map(c -> c.get("at") + " " + c.get("withdrawal") + " " + c.get("overdose")).containsExactly(EXPECTED_POCKET_FILL);
    assertThat(r.alarms()).isEmpty(); // the pump believes itself full: nothing tells the patient or the clinic
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).load(ExampleScenariosTest.EXAMPLES.resolve("pocket-fill.yaml"));
    assertThatThrownBy(() -> new org.openitb.simulator.fast.FastSimulation(s, DrugLibrary.standard()).run(Duration.ofDays(56)))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("pocket-fill");
  }

  /** Somnolence 57 min to 6.8 h after the fill, mild withdrawal 14 h after it until 3.3 h after the refill through the port. */
  static final String[] EXPECTED_POCKET_FILL = {
      "2026-03-23T10:56:34.330 NONE SOMNOLENCE",
      "2026-03-23T16:44:32.939 NONE NONE",
      "2026-03-24T00:14:11.055 MILD NONE",
      "2026-03-26T13:19:50.891 NONE NONE"};
}
