// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.firmware.LogEntry;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * events.jsonl is written straight to text (no map, no reflection per entry, no BigDecimal); every
 * line must be the bytes the map serialised by Jackson gave before ({@link EventJson#mapLine}),
 * for every kind of entry the examples produce.
 */
class EventsOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyLineEqualsTheMapSerialisation(@TempDir Path dir) throws Exception {
    Set<String> kinds = new HashSet<>();
    int compared = 0;
    for (String file : List.of("mri-scan.yaml", "concentration-change.yaml", "missed-refill.yaml", "drug-holiday.yaml",
        "screening-trial.yaml", "first-year-titration.yaml")) {
      Scenario s = new ScenarioLoader(DrugLibrary.standard()).load(ExampleScenariosTest.EXAMPLES.resolve(file));
      List<LogEntry> entries = new ArrayList<>();
      Path out = dir.resolve(file);
      Simulation sim = new Simulation(s, DrugLibrary.standard(), Optional.of(out), t -> { });
      sim.tap = entries::add;
      sim.run(s.until().orElseThrow());
      List<String> lines = Files.readAllLines(out.resolve("events.jsonl"));
      assertThat(lines).hasSize(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        LogEntry e = entries.get(i);
        StringBuilder fast = new StringBuilder();
        EventJson.line(fast, e.number(), "2026-01-01T00:00", e.rtcMillis(), "SIM-\"1\"", (Record) e.event(), JSON);
        assertThat(fast.toString()).isEqualTo(EventJson.mapLine(e.number(), "2026-01-01T00:00", e.rtcMillis(), "SIM-\"1\"",
            (Record) e.event(), JSON));
        // and the file's line is canonical Jackson output of its own content
        String line = lines.get(i);
        assertThat(JSON.writeValueAsString(JSON.readValue(line, LinkedHashMap.class))).isEqualTo(line);
        kinds.add(e.event().getClass().getSimpleName());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(1000);
    assertThat(kinds).contains("StrokesDelivered", "Refilled", "TherapyProgrammed", "AlarmRaised", "StallStarted");
  }
}
