// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itb verify accuracy}: the gravimetric test prints A and the trumpet curve and writes the charts. */
class VerifyAccuracyCommandTest {
  @Test
  void printsTheOverallErrorAndTheTrumpetAndWritesPngCharts(@TempDir Path dir) throws Exception {
    CalcCommandTest.Run r = CalcCommandTest.itb("verify", "accuracy", "--rate", "0.5", "--hours", "24", "--out", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Overall error A:").contains("standard").contains("500 strokes").contains("Stroke period: 43.2 s");
    for (String f : new String[] {"startup.csv", "trumpet.csv", "summary.json"}) {
      assertThat(dir.resolve(f)).isNotEmptyFile();
    }
    for (String png : new String[] {"startup.png", "trumpet.png"}) {
      byte[] b = Files.readAllBytes(dir.resolve(png));
      assertThat(b).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
  }

  @Test
  void refusesADurationOutsideTheStandardRangeInOneLine() {
    CalcCommandTest.Run r = CalcCommandTest.itb("verify", "accuracy", "--hours", "200");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains("--hours");
  }
}
