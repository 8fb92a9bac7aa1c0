// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  @Test
  void simulatesAnExampleAndWritesTheThreeOutputs(@TempDir Path out) throws Exception {
    CalcCommandTest.Run r = CalcCommandTest.itb("simulate", "../examples/mri-scan.yaml", "--until", "2d", "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    for (String key : new String[] {"trueDeliveredMg", "trueDeliveredMl", "believedDeliveredMl", "alarms", "eriAt", "endOfServiceAt",
        "finalTrueReservoirMl", "finalBelievedReservoirMl", "simulatedEvents"}) {
      assertThat(j.has(key)).as(key).isTrue();
    }
    assertThat(j.get("simulatedDays").decimalValue()).isEqualByComparingTo("2");
    assertThat(Files.readAllLines(out.resolve("timeline.csv"))).hasSize(1 + 48 + 1);
    assertThat(Files.size(out.resolve("events.jsonl"))).isPositive();
    assertThat(Files.exists(out.resolve("summary.json"))).isTrue();
  }

  @Test
  void aMissingFileOrBadSpanIsRefusedWithExitCode2() {
    CalcCommandTest.Run missing = CalcCommandTest.itb("simulate", "no-such.yaml");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("FILE").contains("no-such.yaml");
    CalcCommandTest.Run span = CalcCommandTest.itb("simulate", "../examples/mri-scan.yaml", "--until", "forever");
    assertThat(span.exit()).isEqualTo(2);
    assertThat(span.err()).contains("--until").contains("7y");
  }
}
