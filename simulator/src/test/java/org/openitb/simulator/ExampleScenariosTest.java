// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import org.assertj.core.api.InstanceOfAssertFactories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openitb.therapy.drug.DrugLibrary;

/** Runs every example scenario shipped under examples/ and checks the clinical story each one tells. */
class ExampleScenariosTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  static SimulationResult run(String file, Optional<Path> out) {
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).load(EXAMPLES.resolve(file));
    return new Simulation(s, DrugLibrary.standard(), out, t -> { }).run(s.until().orElseThrow());
  }

  static BigDecimal dec(SimulationResult r, String key) {
    return new BigDecimal(String.valueOf(r.summary().get(key)));
  }

  static List<String> alarmNames(SimulationResult r) {
    return r.alarms().stream().map(a -> (String) a.get("alarm")).toList();
  }

  @Test
  void theStablePatientGetsEveryRefillWithoutAlarmOrFlagAndTrueDeliveryStaysWithinTheAccuracyModel() {
    SimulationResult r = run("stable-sci.yaml", Optional.empty());
    assertThat(r.alarms()).isEmpty();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refills = (List<Map<String, Object>>) r.summary().get("refills");
    assertThat(refills).hasSize(10).allSatisfy(f -> {
      assertThat(f.get("accepted")).isEqualTo(true);
      assertThat(f.get("discrepancyFlagged")).isEqualTo(false);
    });
    BigDecimal truth = dec(r, "trueDeliveredMl");
    BigDecimal belief = dec(r, "believedDeliveredMl");
    // 2 years at 0.2 mL/day plus boluses is about 146 mL; the typical accuracy model stays within a few percent.
    assertThat(belief).isBetween(new BigDecimal("146"), new BigDecimal("148"));
    assertThat(truth.subtract(belief).abs()).isLessThan(belief.multiply(new BigDecimal("0.05")));
    assertThat(r.summary().get("patientBolusesGranted")).isEqualTo(r.summary().get("patientBolusRequests"));
    assertThat(r.summary().get("refusedCommands")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
  }

  @Test
  void theStableExampleRefillsBeforeItsOwnCalculatorsRefillByDate() {
    Scenario s = new ScenarioLoader(DrugLibrary.standard()).load(EXAMPLES.resolve("stable-sci.yaml"));
    LocalDateTime previous = s.start();
    org.openitb.therapy.units.Volume fill = s.initialFill();
    for (ScenarioEvent e : s.events()) {
      if (e instanceof ScenarioEvent.Refill r) {
        LocalDateTime refillBy = org.openitb.therapy.calc.RefillCalculator.plan(s.pumpModel(), fill, previous, s.prescription(),
            s.lowReservoirAlarm(), org.openitb.therapy.calc.RefillCalculator.DEFAULT_BUFFER_DAYS).refillBy();
        assertThat(r.at()).as("refill after the fill of %s", previous).isBeforeOrEqualTo(refillBy);
        previous = r.at();
        fill = r.volume();
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    assertThat(run("mri-scan.yaml", Optional.empty()).summary()).isEqualTo(run("mri-scan.yaml", Optional.empty()).summary());
  }

  @Test
  void skippingTheBridgeBolusUnderdosesByTheDeadVolumesShortfall() {
    SimulationResult bridged = run("concentration-change.yaml", Optional.empty());
    SimulationResult skipped = run("concentration-change-no-bridge.yaml", Optional.empty());
    // calc: 0.25 mL dead volume at 2000 instead of 500 mcg/mL for 40 h = 75 instead of 300 mcg/day
    // for 1 2/3 days: 375 mcg missing. Both runs share a seed, so the pump's bias is the same.
    BigDecimal shortfallMg = dec(bridged, "trueDeliveredMg").subtract(dec(skipped, "trueDeliveredMg"));
    assertThat(shortfallMg).isBetween(new BigDecimal("0.300"), new BigDecimal("0.450"));
    assertThat(bridged.alarms()).isEmpty();
  }

  @Test
  void noHourOfTheBridgeDeliversMoreThanThePrescribedDoseAtTheTip(@TempDir Path out) throws IOException {
    // Issue 11.7: with a bridge of exactly the dead volume, this pump (+1 % bias) pushed 2000 mcg/mL at the old
    // 0.6 mL/day for the last minutes of the bridge: the hour it ended delivered 20.2 mcg at the tip instead of 12.5.
    // The bridge now stops 3 % short (the model's margin): that hour is a short under-dose instead.
    run("concentration-change.yaml", Optional.of(out));
    List<String> rows = Files.readAllLines(out.resolve("timeline.csv"));
    List<String> header = List.of(rows.get(0).split(","));
    int at = header.indexOf("at");
    int delivered = header.indexOf("trueDeliveredMcg");
    BigDecimal previous = null;
    BigDecimal most = BigDecimal.ZERO;
    int hours = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      BigDecimal total = new BigDecimal(f[delivered]);
      // from the refill (10:00) through the 10-hour bridge and the day after it
      if (previous != null && f[at].compareTo("2026-02-27T11:00") >= 0 && f[at].compareTo("2026-02-28T12:00") <= 0) {
        most = most.max(total.subtract(previous));
        hours++;
      }
      previous = total;
    }
    assertThat(hours).isEqualTo(26);
    // 300 mcg/day = 12.5 mcg an hour; the pump's own accuracy (bias + stroke noise, within its 3 % margin) and one
    // 0.5 mcg stroke of 2000 mcg/mL on top
    assertThat(most).isLessThanOrEqualTo(new BigDecimal("13.4"));
  }

  @Test
  void anMriScanStallsTheRotorLogsStallAndRecoveryAndTheCheckClearsTheFlag(@TempDir Path out) throws IOException {
    SimulationResult r = run("mri-scan.yaml", Optional.of(out));
    assertThat(alarmNames(r)).containsExactly("MOTOR_STALL");
    List<String> kinds = eventKinds(out);
    int fieldOn = kinds.indexOf("MagnetField");
    int stall = kinds.indexOf("StallStarted");
    int recovered = kinds.indexOf("StallRecovered");
    int interrogated = kinds.indexOf("Interrogated");
    assertThat(fieldOn).isNotNegative();
    assertThat(stall).isGreaterThan(fieldOn);
    assertThat(recovered).isGreaterThan(stall);
    assertThat(interrogated).isGreaterThan(recovered);
    assertThat(r.summary().get("finalMode")).isEqualTo("RUNNING");
    assertThat(r.summary().get("finalAlarms")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    // No catch-up bolus: 3 days at 0.25 mL/day minus the 45 min stall is below 0.75 mL.
    assertThat(dec(r, "believedDeliveredMl")).isLessThan(new BigDecimal("0.750"));
  }

  @Test
  void aMissedRefillRaisesLowReservoirThenStopsBeforeRunningDryWithACriticalAlarm() {
    SimulationResult r = run("missed-refill.yaml", Optional.empty());
    assertThat(alarmNames(r)).containsExactly("LOW_RESERVOIR", "RESERVOIR_EMPTY");
    assertThat(r.alarms().get(0).get("tone")).isEqualTo("NON_CRITICAL_SINGLE_TONE");
    assertThat(r.alarms().get(1).get("tone")).isEqualTo("CRITICAL_TWO_TONE");
    LocalDateTime low = LocalDateTime.parse((String) r.alarms().get(0).get("at"));
    // 18 mL above the 2 mL alarm at 0.6 mL/day: 30 days after the fill (2026-05-04T09:00), give or take the pump's accuracy.
    assertThat(low).isBetween(LocalDateTime.parse("2026-06-02T09:00"), LocalDateTime.parse("2026-06-04T09:00"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refills = (List<Map<String, Object>>) r.summary().get("refills");
    assertThat(new BigDecimal(String.valueOf(refills.get(0).get("withdrawnMl")))).isPositive();
    assertThat(r.summary().get("finalMode")).isEqualTo("RUNNING");
  }

  @Test
  void theBatteryEndsWithEriThenEndOfServiceNinetyDaysLater() {
    SimulationResult r = run("end-of-battery.yaml", Optional.empty());
    assertThat(alarmNames(r)).containsExactly("REPLACEMENT_INDICATOR", "END_OF_SERVICE");
    LocalDateTime eri = LocalDateTime.parse((String) r.summary().get("eriAt"));
    LocalDateTime eos = LocalDateTime.parse((String) r.summary().get("endOfServiceAt"));
    assertThat(Duration.between(eri, eos)).isEqualTo(Duration.ofDays(90));
    // Exact, from the battery (HardwareParameters.Battery.TYPICAL) and PowerMonitor: 1000 mcg/day at 500 mcg/mL =
    // 2 mL/day = 8000 strokes of 0.25 uL at 24 nAh = 192 000 nAh/day, + idle 8000 nAh/h x 24 = 192 000 nAh/day:
    // 384 000 nAh/day, constant (the firmware counts strokes by its own belief, so the seeded accuracy bias does not
    // change them). ERI (projected life) is due when the remaining charge lasts 180 days at the last 7 days'
    // consumption: remaining <= 180 x 384 000 = 69 120 000 nAh, i.e. after 650 000 000 - 69 120 000 = 580 880 000 nAh
    // = 1512 days 17 h (580 880 000 / 384 000 = 1512 17/24) from 2026-01-12T09:00: 2030-03-05T02:00 (refill
    // telemetry and tones are too small to move it by a minute).
    assertThat(eri).isEqualTo(LocalDateTime.parse("2030-03-05T02:00"));
    assertThat(r.summary().get("finalMode")).isEqualTo("END_OF_SERVICE");
  }

  @Test
  void aTimelyReplacementAvoidsEndOfService() {
    SimulationResult r = run("end-of-battery-replaced.yaml", Optional.empty());
    assertThat(alarmNames(r)).containsExactly("REPLACEMENT_INDICATOR");
    assertThat(r.summary().get("pumps")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
    assertThat(r.summary().get("finalMode")).isEqualTo("RUNNING");
  }

  @Test
  void outputsAreStreamedAndConsistent(@TempDir Path out) throws IOException {
    SimulationResult r = run("missed-refill.yaml", Optional.of(out));
    List<String> timeline = Files.readAllLines(out.resolve("timeline.csv"));
    assertThat(timeline.get(0)).startsWith("at,trueReservoirMl,believedReservoirMl");
    assertThat(timeline).hasSize(1 + 40 * 24 + 1);
    ObjectMapper json = new ObjectMapper();
    long previous = 0;
    for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
      long n = json.readTree(line).get("n").asLong();
      assertThat(n).isGreaterThan(previous);
      previous = n;
    }
    assertThat(previous).isEqualTo(((Number) r.summary().get("logEntries")).longValue());
    JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("alarmCount").asInt()).isEqualTo(2);
  }

  static List<String> eventKinds(Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> kinds = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
      kinds.add(json.readTree(line).get("event").asText());
    }
    return kinds;
  }
}
