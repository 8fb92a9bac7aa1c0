// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.link.transport.TcpPumpServer;
import org.openitb.simulator.VirtualPump;

/** The patient device commands against a real virtual pump served on loopback TCP (manual virtual clock). */
class PtmCommandTest {
  @Test
  void showsTheAllowanceGrantsABolusAndRefusesTheNextOneWithTheReason(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("pump.json");
    try (VirtualPump pump = VirtualPump.builder(5).manualClock().build()) {
      TcpPumpServer server = pump.serveTcp(0);
      pump.credentials().withPort(server.port()).write(credentials);
      ObjectMapper json = new ObjectMapper();

      CalcCommandTest.Run status = CalcCommandTest.itb("ptm", "status", "--credentials", credentials.toString(), "--json");
      assertThat(status.exit()).as(status.err()).isZero();
      JsonNode s = json.readTree(status.out());
      assertThat(s.get("bolusPrescribed").asBoolean()).isTrue();
      assertThat(s.get("dosesLeftToday").asInt()).isEqualTo(4);

      CalcCommandTest.Run first = CalcCommandTest.itb("ptm", "bolus", "--credentials", credentials.toString(), "--json");
      assertThat(json.readTree(first.out()).get("granted").asBoolean()).as(first.out() + first.err()).isTrue();
      assertThat(json.readTree(first.out()).get("dosesLeftToday").asInt()).isEqualTo(3);

      pump.advance(Duration.ofMinutes(30));
      CalcCommandTest.Run second = CalcCommandTest.itb("ptm", "bolus", "--credentials", credentials.toString());
      assertThat(second.exit()).isZero();
      assertThat(second.out()).contains("Bolus refused (LOCKOUT)").contains("too soon");
      assertThat(pump.status().activeBoluses()).isEmpty();
    }
  }

  @Test
  void withoutAServedPumpTheErrorSaysWhatToDo(@TempDir Path dir) {
    CalcCommandTest.Run r = CalcCommandTest.itb("ptm", "status", "--credentials", dir.resolve("none.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--credentials").contains("itb pump serve");
  }
}
