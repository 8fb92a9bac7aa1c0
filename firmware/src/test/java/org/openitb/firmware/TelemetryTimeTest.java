// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.CommandResult.Refused;

/** The UTC offset the link needs is a setting: checked, and kept across a reset. */
class TelemetryTimeTest {
  @Test
  void theUtcOffsetIsStoredWithTheSettingsAndSurvivesAReset() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    pump.accept(new Command.SetClock(TestPump.START.plusHours(1), OptionalInt.of(-300)));
    assertThat(pump.fw.runtime().utcOffsetMinutes()).isEqualTo(-300);
    pump.accept(new Command.SetClock(TestPump.START.plusHours(2)));
    assertThat(pump.fw.runtime().utcOffsetMinutes()).as("a local-only setting keeps the offset").isEqualTo(-300);
    pump.replaceFirmwareAndReset();
    assertThat(pump.fw.runtime().utcOffsetMinutes()).isEqualTo(-300);
  }

  @Test
  void anImpossibleOffsetIsRefusedNamingTheField() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    CommandResult r = pump.send(new Command.SetClock(TestPump.START, OptionalInt.of(841)));
    assertThat(r).isInstanceOfSatisfying(Refused.class, f -> {
      assertThat(f.code()).isEqualTo(Code.OUT_OF_RANGE);
      assertThat(f.field()).isEqualTo("utcOffsetMinutes");
    });
    assertThat(pump.fw.runtime().utcOffsetMinutes()).isZero();
  }
}
