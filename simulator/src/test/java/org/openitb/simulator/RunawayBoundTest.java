// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * The single-fault over-delivery bound with the real firmware on the simulated hardware: a motor
 * that starts turning by itself at 3 600 rotations an hour is cut after at most one uncommanded
 * rotation, with a critical alarm.
 */
class RunawayBoundTest {
  @Test
  void aFastRunawayMotorIsCutAfterOneUncommandedRotation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
    String yaml = """
        name: runaway
        seed: 3
        start: 2026-01-01T08:00
        pump: {model: ITB-20}
        fill: {concentration: 500 mcg/mL, volume: 20 mL}
        prescription: {dose: 300 mcg/day}
        events:
          - at: 2026-01-01T12:00
            fault: {type: motor-runaway, rotationsPerHour: 3600}
        """;
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).parse(yaml);
    SimulationResult r = new Simulation(s, DrugLibrary.standard(), Optional.of(out), t -> { }).run(java.time.Duration.ofDays(1));
    assertThat(r.alarms()).extracting(a -> a.get("tone")).contains("CRITICAL_TWO_TONE");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<com.fasterxml.jackson.databind.JsonNode> detections = new java.util.ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(out.resolve("events.jsonl"))) {
      com.fasterxml.jackson.databind.JsonNode e = json.readTree(line);
      if (e.get("event").asText().equals("RunawayDetected")) {
        detections.add(e);
      }
    }
    // At one rotation a second, waiting for the next stroke's wake (every 36 s here) would let ~36 through.
    assertThat(detections).hasSize(1);
    assertThat(detections.get(0).get("uncommandedRotations").asLong()).isBetween(1L, 1L);
  }
}
