// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 defects 3 and 5: calculator input that was accepted but wrong is refused, and every
 * refusal is one line on stderr naming the option (never a picocli usage dump), exit code 2.
 */
class CalcRefusalsTest {
  static final String[] REFILL = {"calc", "refill", "--reservoir-ml", "20", "--concentration", "500", "--at", "2026-03-01T09:30"};

  static String[] refill(String... more) {
    return Stream.concat(Stream.of(REFILL), Stream.of(more)).toArray(String[]::new);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(refill("--volume-ml", "0", "--dose", "300"), "--volume-ml"),
        Arguments.of(refill("--volume-ml", "20 uL", "--dose", "300"), "--volume-ml"),
        Arguments.of(refill("--volume-ml", "25", "--dose", "300"), "--volume-ml"),
        Arguments.of(refill("--volume-ml", "20", "--flex", "22:00=300,06:00=400"), "--flex"),
        Arguments.of(refill("--volume-ml", "20", "--dose", "300", "--expected-ml", "25", "--withdrawn-ml", "3"), "--expected-ml"),
        Arguments.of(refill("--volume-ml", "20", "--dose", "300", "--expected-ml", "3", "--withdrawn-ml", "25"), "--withdrawn-ml"),
        Arguments.of(refill("--volume-ml", "20", "--dose", "300", "--alarm-ml", "9"), "--alarm-ml"),
        Arguments.of(refill("--volume-ml", "20", "--dose", "300", "--buffer-days", "1.5"), "--buffer-days"),
        Arguments.of(refill("--volume-ml", "20", "--dose", "300", "--flex", "06:00=400"), "--dose"),
        Arguments.of(refill("--volume-ml", "20", "--dose", "300", "--frobnicate"), "--frobnicate"),
        Arguments.of(new String[] {"calc", "refill", "--reservoir-ml", "20", "--concentration", "500", "--volume-ml", "20", "--dose", "300"}, "--at"),
        Arguments.of(new String[] {"calc", "bridge-bolus", "--dose", "300", "--old-concentration", "500", "--new-concentration", "1000",
            "--catheter-length-cm", "50", "--catheter-ul-per-cm", "100"}, "--catheter-ul-per-cm"),
        Arguments.of(new String[] {"calc", "bridge-bolus", "--dose", "300", "--old-concentration", "500", "--new-concentration", "1000",
            "--catheter-length-cm", "50", "--tubing-ml", "5"}, "--tubing-ml"),
        Arguments.of(new String[] {"calc", "trial", "--start", "2026-03-02T09:00", "--effective-dose-mcg", "60", "--effect-hours", "6"},
            "--effective-dose-mcg"),
        Arguments.of(new String[] {"calc", "trial", "--start", "2026-03-02T09:00", "--effective-dose-mcg", "25", "--effect-hours", "6"},
            "--effective-dose-mcg"),
        Arguments.of(new String[] {"calc", "trial", "--start", "2026-03-02T09:00", "--effective-dose-mcg", "50"}, "--effect-hours"),
        Arguments.of(new String[] {"calc", "titrate", "--etiology", "spinal", "--current-dose", "0", "--proposed-dose", "50",
            "--at", "2026-03-02T09:00"}, "--current-dose"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void isRefusedInOneLineNamingTheOption(String[] args, String option) {
    CalcCommandTest.Run r = CalcCommandTest.itb(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(option).doesNotContain("Usage:").doesNotContain("fill volume").doesNotContain("nonResponder()")
        .doesNotContain("'null'");
  }

  @Test
  void aTwentyFiveMicrogramTrialDoseIsATestDoseForASmallPatient() {
    CalcCommandTest.Run r = CalcCommandTest.itb("calc", "trial", "--start", "2026-03-02T09:00", "--small-patient",
        "--effective-dose-mcg", "25", "--effect-hours", "6");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void titrationNeverAllowsMoreThanTheHardDailyMaximum() throws Exception {
    CalcCommandTest.Run r = CalcCommandTest.itb("calc", "titrate", "--etiology", "spinal", "--current-dose", "1800",
        "--proposed-dose", "2100", "--at", "2026-03-01T09:30", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("verdict").asText()).isEqualTo("ABOVE_HARD_MAXIMUM");
    assertThat(r.json().get("allowedMaxMcgPerDay").decimalValue()).isEqualByComparingTo("2000");
    CalcCommandTest.Run within = CalcCommandTest.itb("calc", "titrate", "--etiology", "spinal", "--current-dose", "1800",
        "--proposed-dose", "2000", "--at", "2026-03-01T09:30", "--json");
    assertThat(within.json().get("verdict").asText()).isEqualTo("WITHIN_GUARDRAIL");
  }

  @Test
  void aPerHourTitrationEntryIsEchoedWithItsDailyTotal() throws Exception {
    CalcCommandTest.Run r = CalcCommandTest.itb("calc", "titrate", "--etiology", "spinal", "--current-dose", "400",
        "--proposed-dose", "20 mcg/h", "--at", "2026-03-01T09:30");
    assertThat(r.out()).contains("--proposed-dose was entered per hour (20 mcg/h): that is 480");
  }

  @Test
  void titrateHelpHasNoPicocliWarning() {
    CalcCommandTest.Run r = CalcCommandTest.itb("calc", "titrate", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out() + r.err()).doesNotContain("WARN").contains("+10 to 30 %");
  }

  @Test
  void commandSummariesAreWholeSentences() {
    for (String[] help : new String[][] {{"--help"}, {"calc", "--help"}}) {
      String out = CalcCommandTest.itb(help).out();
      java.util.List<String> summaries = new java.util.ArrayList<>();
      for (String l : out.lines().dropWhile(l -> !l.startsWith("Commands:")).skip(1).toList()) {
        if (l.matches("^  [a-z][a-z-]+ +\\S.*")) {
          summaries.add(l.trim());
        } else if (l.startsWith("    ") && !summaries.isEmpty()) {
          summaries.set(summaries.size() - 1, summaries.getLast() + " " + l.trim());
        } else {
          break;
        }
      }
      assertThat(summaries).as(out).isNotEmpty().allSatisfy(l -> assertThat(l.trim()).endsWith("."));
    }
  }

  @Test
  void refillShowsWhenDeliveryStopsBeforeTheReservoirIsEmpty() throws Exception {
    // 0.6 mL/day: the 0.5 mL stop volume is reached 20 h before the physical 0 mL
    CalcCommandTest.Run r = CalcCommandTest.itb(refill("--volume-ml", "20", "--dose", "300", "--json"));
    assertThat(r.json().get("emptyAt").asText()).isEqualTo("2026-04-03T17:30");
    assertThat(r.json().get("deliveryStopsAt").asText()).isEqualTo("2026-04-02T21:30");
    assertThat(r.json().get("deliveryStopVolumeMl").decimalValue()).isEqualByComparingTo("0.5");
  }
}
