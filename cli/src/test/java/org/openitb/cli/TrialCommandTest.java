// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialCommandTest {
  @Test
  void runsTheExampleTrialAndWritesCsvAndCharts(@TempDir Path out) throws Exception {
    CalcCommandTest.Run r = CalcCommandTest.itb("trial", "../examples/trials/refill-policy.yaml", "--patients", "3", "--threads", "2",
        "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("14 d buffer, bridge").contains("withdrawalDays").contains("95 % CI");
    assertThat(r.err()).as("no progress bar without a terminal").doesNotContain("[#");
    List<String> outcomes = Files.readAllLines(out.resolve("outcomes.csv"));
    assertThat(outcomes).hasSize(1 + 3 * 4);
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(summary.get(0)).isEqualTo("arm,patients,measure,mean,ci95Low,ci95High");
    assertThat(summary).anyMatch(l -> l.startsWith("\"7 d buffer, no bridge\",3,withdrawalDays,"));
    for (String chart : TrialCommand.CHARTED) {
      byte[] png = Files.readAllBytes(out.resolve(chart + ".png"));
      assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
  }

  @Test
  void aMissingSpecIsRefusedWithExitCode2(@TempDir Path out) {
    CalcCommandTest.Run missing = CalcCommandTest.itb("trial", "no-such.yaml", "--out", out.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("SPEC").contains("no-such.yaml");
  }
}
