// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.simulator.VirtualPump;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;

/** The clinician programmer commands against a real virtual pump on loopback TCP (manual virtual clock). */
class ProgrammerCommandTest {
  @Test
  void interrogateProgramAndRefillWithAConcentrationChange(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("pump.json");
    try (VirtualPump pump = VirtualPump.builder(9).manualClock().build()) {
      pump.credentials().withPort(pump.serveTcp(0).port()).write(credentials);
      String c = credentials.toString();
      ObjectMapper json = new ObjectMapper();

      CalcCommandTest.Run i = CalcCommandTest.itb("programmer", "interrogate", "--credentials", c, "--json");
      assertThat(i.exit()).as(i.err()).isZero();
      JsonNode status = json.readTree(i.out());
      assertThat(status.get("delivery").asText()).isEqualTo("DELIVERING");
      assertThat(status.get("therapy").get("concentration").asText()).isEqualTo("500 mcg/mL");

      CalcCommandTest.Run steep = CalcCommandTest.itb("programmer", "program", "--credentials", c, "--dose", "500");
      assertThat(steep.exit()).isEqualTo(3);
      assertThat(steep.out()).contains("second-person confirmation required").contains("NOT applied");
      assertThat(pump.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(DoseRate.ofMicrogramsPerDay(300));

      CalcCommandTest.Run ok = CalcCommandTest.itb("programmer", "program", "--credentials", c, "--dose", "330");
      assertThat(ok.exit()).as(ok.out()).isZero();
      assertThat(pump.status().prescription().orElseThrow().basal().rateAt(LocalTime.NOON)).isEqualTo(DoseRate.ofMicrogramsPerDay(330));

      Path record = dir.resolve("refill.json");
      CalcCommandTest.Run noSecond = CalcCommandTest.itb("programmer", "refill", "--credentials", c, "--withdrawn-ml", "19.9",
          "--volume-ml", "20", "--concentration", "2000");
      assertThat(noSecond.exit()).isEqualTo(3);
      assertThat(pump.status().concentration()).contains(Concentration.ofMicrogramsPerMillilitre(500));

      CalcCommandTest.Run refill = CalcCommandTest.itb("programmer", "refill", "--credentials", c, "--withdrawn-ml", "19.9",
          "--volume-ml", "20", "--concentration", "2000", "--confirmed-by", "nurse.b", "--record", record.toString(), "--json");
      assertThat(refill.exit()).as(refill.out() + refill.err()).isZero();
      JsonNode r = json.readTree(refill.out());
      assertThat(r.get("bridgeBolusMl").decimalValue()).isEqualByComparingTo("0.250");
      assertThat(r.get("refillBy").asText()).isNotEmpty();
      assertThat(pump.status().concentration()).contains(Concentration.ofMicrogramsPerMillilitre(2000));
      assertThat(json.readTree(Files.readString(record)).get("schemaVersion").asInt()).isEqualTo(1);
    }
  }
}
