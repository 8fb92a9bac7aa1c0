// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.units.InvalidValueException;

class ScenarioLoaderTest {
  static final String BASE = """
      name: t
      start: 2026-01-01T08:00
      pump: {model: ITB-20}
      fill: {concentration: 500 mcg/mL, volume: 20 mL}
      prescription: {flex: "06:00=400 mcg/day,22:00=300 mcg/day"}
      """;
  final ScenarioLoader loader = new ScenarioLoader(DrugLibrary.standard());

  @Test
  void readsAFlexPrescriptionAndExpandsRepeatedEventsInOrder() {
    Scenario s = loader.parse(BASE + """
        events:
          - at: 2026-01-10T10:00
            refill: {volume: 20 mL}
            repeat: {every: 10d, until: 2026-01-31T00:00}
          - at: 2026-01-05T10:00
            mri: {duration: 30m, field: 3 T}
        """);
    assertThat(s.prescription().basal()).isInstanceOf(FlexSchedule.class);
    assertThat(s.events()).extracting(ScenarioEvent::kind).containsExactly("mri", "refill", "refill", "refill");
    assertThat(((ScenarioEvent.MriScan) s.events().get(0)).fieldMilliTesla()).isEqualTo(3000);
    assertThat(s.lowReservoirAlarm()).isEqualTo(s.pumpModel().defaultLowReservoirAlarm());
  }

  @Test
  void refusalsNameThePathInTheFile() {
    assertThatThrownBy(() -> loader.parse(BASE.replace("volume: 20 mL", "volume: 20")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("fill.volume").hasMessageContaining("20 mL");
    assertThatThrownBy(() -> loader.parse(BASE + "events:\n  - at: 2026-01-02T00:00\n    refill: {volume: 5 cups}\n"))
        .hasMessageContaining("events[0].refill.volume").hasMessageContaining("'5 cups'").hasMessageContaining("a volume with its unit");
    assertThatThrownBy(() -> loader.parse(BASE + "events:\n  - at: 2025-12-31T00:00\n    patientBolus: {}\n"))
        .hasMessageContaining("events[0].at").hasMessageContaining("before the scenario starts");
    assertThatThrownBy(() -> loader.parse(BASE + "events:\n  - at: 2026-01-02T00:00\n    teleport: {}\n"))
        .hasMessageContaining("events[0].teleport").hasMessageContaining("unknown key").hasMessageContaining("refill, prescription");
    assertThatThrownBy(() -> loader.parse(BASE.replace("ITB-20", "ITB-99"))).hasMessageContaining("ITB-20, ITB-40");
    assertThatThrownBy(() -> loader.parse("name: [unclosed")).hasMessageContaining("YAML");
  }

  @Test
  void durationsAndFieldStrengthsParseExactly() {
    assertThat(SimDurations.parse("7y", "x")).isEqualTo(Duration.ofDays(7 * 365));
    assertThat(SimDurations.parse("90m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(ScenarioLoader.milliTesla("1.5 T", "f")).isEqualTo(1500);
    assertThat(ScenarioLoader.milliTesla("300 mT", "f")).isEqualTo(300);
    assertThatThrownBy(() -> SimDurations.parse("7 years", "--until")).hasMessageContaining("--until").hasMessageContaining("7y");
    assertThatThrownBy(() -> ScenarioLoader.milliTesla("strong", "mri.field")).hasMessageContaining("mri.field");
  }

  @Test
  void faultsMapToHardwareFaultsAndUnknownTypesAreRefused() {
    assertThat(FaultMapper.map("motor-stall", java.util.Map.of("duration", "2h"), 1000, "p"))
        .isEqualTo(new org.openitb.hardware.Fault.MotorStall(1000, Duration.ofHours(2).toMillis()));
    assertThatThrownBy(() -> FaultMapper.map("gremlins", java.util.Map.of(), 0, "events[2].fault"))
        .hasMessageContaining("events[2].fault.type").hasMessageContaining("motor-stall");
    assertThatThrownBy(() -> FaultMapper.map("motor-stall", java.util.Map.of(), 0, "events[2].fault"))
        .hasMessageContaining("events[2].fault.duration");
  }
}
