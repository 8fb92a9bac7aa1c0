// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.simulator.VirtualPump;

/**
 * The demo's pumps: every seeded patient with an implant has one, none is built before a
 * programmer reaches for it, and each is built once.
 */
class VirtualPumpLinksTest {
  /** The demo's default clinic size. */
  static final int DEMO_PATIENTS = 40;

  @Test
  void everyImplantHasALivePumpBuiltOnFirstConnect() throws Exception {
    try (ClinicServer server = ClinicServer.start(ClinicConfig.embedded(Files.createTempDirectory("openitb-links"), TestDatabases.CLOCK)
        .withDemoPatients(DEMO_PATIENTS));
        VirtualPumpLinks links = VirtualPumpLinks.fromRecords(server.jdbi(), VirtualPumpLinks.ALL, TestDatabases.CLOCK, 0)) {
      List<String> implanted = server.jdbi().withHandle(h -> h.createQuery("SELECT serial FROM implant WHERE explant_date IS NULL "
          + "ORDER BY patient_id").mapTo(String.class).list());
      assertThat(implanted).hasSize(DEMO_PATIENTS);
      assertThat(links.live()).extracting(VirtualPumpLinks.Live::serial).containsExactlyElementsOf(implanted);
      assertThat(links.built()).isZero();

      String first = implanted.get(0);
      try (var c = links.connect(first).orElseThrow()) {
        assertThat(c.library()).isNotNull();
      }
      assertThat(links.built()).isEqualTo(1);
      VirtualPump same = links.pump(first).orElseThrow();
      try (var c = links.connect(first).orElseThrow()) {
        assertThat(c).isNotNull();
        assertThat(links.pump(first)).containsSame(same);
      }
      assertThat(links.built()).isEqualTo(1);
      assertThat(links.connect("NO-SUCH-SERIAL")).isEmpty();

      // every implant's records make a pump the firmware accepts
      implanted.forEach(s -> assertThat(links.pump(s)).as(() -> s + " refused: " + links.refusal(s)).isPresent());
      assertThat(links.built()).isEqualTo(DEMO_PATIENTS);
    }
  }

  @Test
  void aPumpBuiltAgainForgetsTheEventPositionOfTheOldLog() throws Exception {
    try (ClinicServer server = ClinicServer.start(ClinicConfig.embedded(Files.createTempDirectory("openitb-links"), TestDatabases.CLOCK)
        .withDemoPatients(2));
        VirtualPumpLinks links = VirtualPumpLinks.fromRecords(server.jdbi(), VirtualPumpLinks.ALL, TestDatabases.CLOCK, 0)) {
      String serial = links.live().get(0).serial();
      long patient = links.live().get(0).patientId();
      // What a session with the pump of an earlier run left: it had read that log up to event 5000.
      server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO session_record(patient_id, imported_at, schema_version, body, imported_by, "
          + "pump_serial, last_pump_event) VALUES (:p, TIMESTAMP '2026-11-20 10:00:00', 1, '{}', 'demo', :s, 5000)")
          .bind("p", patient).bind("s", serial).execute());
      try (var c = links.connect(serial).orElseThrow()) {
        assertThat(c.library()).isNotNull();
      }
      Long stored = server.jdbi().withHandle(h -> h.createQuery("SELECT MAX(last_pump_event) FROM session_record WHERE pump_serial = :s")
          .bind("s", serial).mapTo(Long.class).one());
      assertThat(stored).as("the new pump's log is read from its first event").isNull();
    }
  }

  @Test
  void aPumpImplantedAfterStartUpIsReachableToo() throws Exception {
    try (ClinicServer server = ClinicServer.start(ClinicConfig.embedded(Files.createTempDirectory("openitb-links"), TestDatabases.CLOCK)
        .withDemoPatients(2));
        VirtualPumpLinks links = VirtualPumpLinks.fromRecords(server.jdbi(), VirtualPumpLinks.ALL, TestDatabases.CLOCK, 0)) {
      VirtualPumpLinks.Live first = links.live().get(0);
      // The first patient's pump is replaced: the old implant is explanted and a new serial implanted, after the links started.
      server.jdbi().useTransaction(h -> {
        h.createUpdate("INSERT INTO implant(patient_id, pump_model, serial, catheter_model, catheter_length_cm, implant_date) "
            + "SELECT patient_id, pump_model, 'REPLACED-1', catheter_model, catheter_length_cm, DATE '2026-11-23' FROM implant "
            + "WHERE serial = :s").bind("s", first.serial()).execute();
        h.createUpdate("UPDATE implant SET explant_date = DATE '2026-11-23' WHERE serial = :s").bind("s", first.serial()).execute();
      });
      assertThat(links.live()).extracting(VirtualPumpLinks.Live::serial).doesNotContain("REPLACED-1");
      try (var c = links.connect("REPLACED-1").orElseThrow()) {
        assertThat(c.library()).isNotNull();
      }
      assertThat(links.pump("REPLACED-1")).as(() -> "refused: " + links.refusal("REPLACED-1")).isPresent();
      assertThat(links.live()).extracting(VirtualPumpLinks.Live::serial).contains("REPLACED-1");
      assertThat(links.connect("NEVER-IMPLANTED")).isEmpty();
    }
  }
}
