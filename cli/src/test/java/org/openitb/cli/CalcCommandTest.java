// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CalcCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run itb(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Itb.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void refillJsonHasTheDocumentedKeysAndHandCheckedDates() throws Exception {
    // 300 mcg/day at 500 mcg/mL = 0.6 mL/day; 18 mL to the 2 mL alarm = 30 days; 20 mL = 33 1/3 days.
    Run r = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--at", "2026-03-01T09:30", "--json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("dailyVolumeMl").decimalValue()).isEqualByComparingTo("0.600");
    assertThat(j.get("alarmAt").asText()).isEqualTo("2026-03-31T09:30");
    assertThat(j.get("emptyAt").asText()).isEqualTo("2026-04-03T17:30");
    assertThat(j.get("conservativeAlarmAt").asText()).isEqualTo("2026-03-31T09:30");
    assertThat(j.get("refillBy").asText()).isEqualTo("2026-03-24T09:30");
    assertThat(j.has("discrepancyMl")).isFalse();
  }

  @Test
  void refillWithBolusesAndReconciliationAddsTheConservativeDateAndTheFlag() throws Exception {
    // Basal 300 mcg/day at 500 mcg/mL = 600 000 nL/day; patient boluses 3 x 25 mcg = 3 x 50 000 nL = 150 000 nL/day,
    // all of each day's allowance taken at the start of its 24 h window (from 09:30): 750 000 nL/day conservatively.
    // Conservative alarm, 20 - 2 = 18 mL = 18 000 000 nL: 24 whole days of 750 000 nL, but the 24th day's allowance
    // comes first, so it is reached when the basal finishes day 24: 23 d x 750 000 = 17 250 000, + 150 000
    // (bolus at 2026-03-24T09:30) = 17 400 000, + 600 000 basal over that whole day = 18 000 000 at 2026-03-25T09:30.
    // Conservative empty, 20 000 000 nL: 26 d x 750 000 = 19 500 000, + 150 000 = 19 650 000, 350 000 nL of basal
    // left = 350/600 of a day = 14 h: 2026-03-27T09:30 + 14 h = 2026-03-27T23:30.
    // Delivery stops at the model's 0.5 mL, 19 500 000 nL: plain 19.5 / 0.6 = 32.5 days = 2026-04-02T21:30;
    // conservative exactly 26 days of 750 000 (the 26th day's basal ends it) = 2026-03-27T09:30.
    // Refill by: the conservative alarm minus the 7-day buffer = 2026-03-18T09:30.
    Run r = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--at", "2026-03-01T09:30", "--bolus-mcg", "25", "--bolus-max-per-day", "3",
        "--expected-ml", "3.0", "--withdrawn-ml", "1.5", "--json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("dailyVolumeMl").decimalValue()).isEqualByComparingTo("0.600");
    assertThat(j.get("dailyVolumeWithBolusesMl").decimalValue()).isEqualByComparingTo("0.750");
    assertThat(j.get("alarmAt").asText()).isEqualTo("2026-03-31T09:30");
    assertThat(j.get("conservativeAlarmAt").asText()).isEqualTo("2026-03-25T09:30");
    assertThat(j.get("emptyAt").asText()).isEqualTo("2026-04-03T17:30");
    assertThat(j.get("conservativeEmptyAt").asText()).isEqualTo("2026-03-27T23:30");
    assertThat(j.get("deliveryStopsAt").asText()).isEqualTo("2026-04-02T21:30");
    assertThat(j.get("conservativeDeliveryStopsAt").asText()).isEqualTo("2026-03-27T09:30");
    assertThat(j.get("refillBy").asText()).isEqualTo("2026-03-18T09:30");
    assertThat(j.get("refillByBound").asText()).isEqualTo("LOW_RESERVOIR_ALARM");
    assertThat(j.get("discrepancyMl").decimalValue()).isEqualByComparingTo("-1.500");
    assertThat(j.get("discrepancyFlagged").asBoolean()).isTrue();
  }

  @Test
  void aDiscrepancyOfExactlyTheLimitIsNotFlagged() throws Exception {
    Run r = itb("calc", "refill", "--reservoir-ml", "40", "--volume-ml", "40", "--concentration", "2000",
        "--dose", "1.5 mg/day", "--at", "2026-03-01T09:30", "--expected-ml", "5", "--withdrawn-ml", "3", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("discrepancyFlagged").asBoolean()).isFalse();
    assertThat(r.json().get("dailyVolumeMl").decimalValue()).isEqualByComparingTo("0.750");
  }

  @Test
  void aLongFillIsBoundByTheDrugStabilityLimit() throws Exception {
    Run r = itb("calc", "refill", "--reservoir-ml", "40", "--volume-ml", "40", "--concentration", "2000",
        "--dose", "100", "--at", "2026-01-01T08:00", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("refillBy").asText()).isEqualTo("2026-06-30T08:00");
    assertThat(r.json().get("refillByBound").asText()).isEqualTo("DRUG_STABILITY");
  }

  @Test
  void aPerHourLookingFlexStepIsRefusedNamingTheOptionAndTheLimit() {
    Run r = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--flex", "06:00=2500,22:00=300", "--at", "2026-03-01T09:30");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--flex").contains("2500").contains("per-hour").contains("<= 2000 mcg/day");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aPerHourEntryIsEchoedAsItsDailyTotal() {
    Run r = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--flex", "06:00=20 mcg/h,22:00=300", "--at", "2026-03-01T09:30");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("entered per hour (20 mcg/h): that is 480 mcg/day in 24 h");
  }

  @Test
  void wrongUnitsAndRangesAreRefusedWithExitCode2() {
    Run unit = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300 mcg/mL", "--at", "2026-03-01T09:30");
    assertThat(unit.exit()).isEqualTo(2);
    assertThat(unit.err()).contains("--dose").contains("mcg/mL").contains("mcg/day");
    Run reservoir = itb("calc", "refill", "--reservoir-ml", "30", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--at", "2026-03-01T09:30");
    assertThat(reservoir.exit()).isEqualTo(2);
    assertThat(reservoir.err()).contains("--reservoir-ml").contains("20 or 40");
    Run overfill = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "21", "--concentration", "500",
        "--dose", "300", "--at", "2026-03-01T09:30");
    assertThat(overfill.exit()).isEqualTo(2);
    assertThat(overfill.err()).contains("20.000 mL");
    Run date = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--at", "01/03/2026");
    assertThat(date.exit()).isEqualTo(2);
    assertThat(date.err()).contains("--at").contains("2026-03-01T09:30");
    Run both = itb("calc", "refill", "--reservoir-ml", "20", "--volume-ml", "20", "--concentration", "500",
        "--dose", "300", "--flex", "06:00=300", "--at", "2026-03-01T09:30");
    assertThat(both.exit()).isEqualTo(2);
  }

  @Test
  void bridgeBolusMatchesTheReferenceWorkedExample() throws Exception {
    // clinical.md 3.6: 0.25 mL dead volume, 300 mcg/day, 500 -> 2000 mcg/mL: 25 % for ~40 h, bridge 10 h
    // over the whole dead volume; the pump is given 3 % less (its accuracy margin, to the microlitre): 0.242 mL, 9.68 h.
    Run r = itb("calc", "bridge-bolus", "--dose", "300", "--old-concentration", "500", "--new-concentration", "2000",
        "--catheter-length-cm", "50", "--json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("deadVolumeMl").decimalValue()).isEqualByComparingTo("0.250");
    assertThat(j.get("bridgeRateMlPerDay").decimalValue()).isEqualByComparingTo("0.600");
    assertThat(j.get("bridgeVolumeMl").decimalValue()).isEqualByComparingTo("0.242");
    assertThat(j.get("bridgeHours").decimalValue()).isEqualByComparingTo("9.68");
    assertThat(j.get("newRateMlPerDay").decimalValue()).isEqualByComparingTo("0.150");
    assertThat(j.get("doseWithoutBridgePercent").decimalValue()).isEqualByComparingTo("25");
    assertThat(j.get("hoursAffectedWithoutBridge").decimalValue()).isEqualByComparingTo("40");
  }

  @Test
  void bridgeBolusRefusesACatheterLengthOutOfRange() {
    Run r = itb("calc", "bridge-bolus", "--dose", "300", "--old-concentration", "500", "--new-concentration", "2000",
        "--catheter-length-cm", "400");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--catheter-length-cm").contains("5-150");
  }

  @Test
  void trialPlansThreeDosesADayApartAndTheStartingDose() throws Exception {
    Run r = itb("calc", "trial", "--start", "2026-03-02T09:00", "--effective-dose-mcg", "75", "--effect-hours", "10", "--json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("doses")).hasSize(3);
    assertThat(j.get("doses").get(2).get("earliestAt").asText()).isEqualTo("2026-03-04T09:00");
    assertThat(j.get("startingDoseMcgPerDay").decimalValue()).isEqualByComparingTo("75");
    Run twice = itb("calc", "trial", "--start", "2026-03-02T09:00", "--effective-dose-mcg", "50", "--effect-hours", "6", "--json");
    assertThat(twice.json().get("startingDoseMcgPerDay").decimalValue()).isEqualByComparingTo("100");
  }

  @Test
  void titrateReportsTheGuardrailRangeAndVerdict() throws Exception {
    Run r = itb("calc", "titrate", "--etiology", "cerebral", "--current-dose", "200", "--proposed-dose", "220",
        "--at", "2026-03-02T09:00", "--json");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("allowedMinMcgPerDay").decimalValue()).isEqualByComparingTo("210");
    assertThat(j.get("allowedMaxMcgPerDay").decimalValue()).isEqualByComparingTo("230");
    assertThat(j.get("verdict").asText()).isEqualTo("WITHIN_GUARDRAIL");
    Run soon = itb("calc", "titrate", "--etiology", "spinal", "--current-dose", "300", "--proposed-dose", "330",
        "--last-increase", "2026-03-01T20:00", "--at", "2026-03-02T09:00", "--json");
    assertThat(soon.json().get("verdict").asText()).isEqualTo("TOO_SOON_AFTER_LAST_INCREASE");
    assertThat(soon.json().get("nextIncreaseAllowedAt").asText()).isEqualTo("2026-03-02T20:00");
    Run bad = itb("calc", "titrate", "--etiology", "lumbar", "--current-dose", "300", "--proposed-dose", "330", "--at", "2026-03-02T09:00");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--etiology").contains("spinal, cerebral, paediatric");
  }

  @Test
  void titrateRefusalsNameTheOptionThePersonTyped() {
    Run zero = itb("calc", "titrate", "--etiology", "spinal", "--current-dose", "0", "--proposed-dose", "50", "--at", "2026-03-02T09:00");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err().strip()).isEqualTo("itb calc titrate: --current-dose: a titration step needs a current dose; a start from zero is a "
        + "starting dose (screening trial) (got '0 mcg/day'; allowed: > 0 mcg/day)");
    Run future = itb("calc", "titrate", "--etiology", "spinal", "--current-dose", "300", "--proposed-dose", "330",
        "--last-increase", "2026-03-03T09:00", "--at", "2026-03-02T09:00");
    assertThat(future.exit()).isEqualTo(2);
    assertThat(future.err()).startsWith("itb calc titrate: --last-increase: the last increase cannot be in the future")
        .contains("allowed: not after 2026-03-02T09:00");
  }

  @Test
  void everyCommandExplainsItselfWithUnits() {
    for (String cmd : new String[] {"refill", "bridge-bolus", "trial", "titrate"}) {
      Run r = itb("calc", cmd, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).containsAnyOf("mcg/day", "mcg", "mL");
    }
  }
}
