// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.units.Volume;

/** The session record's JSON form is stable: a refill with a concentration change must produce exactly the golden file. */
class SessionRecordGoldenTest {
  static final String GOLDEN = "/golden/refill-session.json";

  static SessionRecord refillRecord() {
    Rig rig = new Rig();
    rig.pump.alarm(Rig.ALARM_LOW_RESERVOIR);
    try (PumpSession s = rig.session()) {
      RefillWorkflow.run(s, WorkflowTest.refillTo1000(Volume.ofMillilitres(12), Optional.of(rig.nurseBSigned())));
      s.clearAlarms(java.util.List.of(Rig.ALARM_LOW_RESERVOIR));
      EndOfSessionCheck.run(s, Optional.empty());
      return s.record();
    }
  }

  @Test
  void aRefillSessionRecordMatchesTheGoldenJson() throws IOException {
    String json = SessionRecords.toJson(refillRecord());
    if (Boolean.getBoolean("golden.print")) {
      System.out.print(json);
    }
    assertThat(json).isEqualTo(golden());
  }

  @Test
  void theJsonReadsBackToTheSameRecord() throws IOException {
    SessionRecord r = refillRecord();
    assertThat(SessionRecords.fromJson(golden())).isEqualTo(r);
    assertThat(r.schemaVersion()).isEqualTo(1);
  }

  @Test
  void aNewerSchemaVersionIsRefusedNamingBothVersions() throws IOException {
    String newer = golden().replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
    assertThatThrownBy(() -> SessionRecords.fromJson(newer)).hasMessageContaining("schemaVersion").hasMessageContaining("1..1").hasMessageContaining("'2'");
  }

  private static String golden() throws IOException {
    try (InputStream in = SessionRecordGoldenTest.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as("golden file " + GOLDEN).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
