// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line, on a fake clock (no waiting, no wall clock). */
class ProgressTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final StringWriter err = new StringWriter();

  private Progress progress(boolean terminal, long total) {
    return new Progress(new PrintWriter(err, true), "seeding demo patients", total, "patients", terminal, nanos::get);
  }

  @Test
  void aShortRunShowsNothing() {
    try (Progress p = progress(true, 3000)) {
      nanos.addAndGet(Progress.QUIET_NANOS - 1);
      p.update(3000);
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aLongRunShowsCountPercentAndTimeThenClearsItsLine() {
    try (Progress p = progress(true, 3000)) {
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(12));
      p.update(1200);
      assertThat(err.toString()).isEqualTo("\rseeding demo patients: 1200 of 3000 patients (40 %), 12 s");
      nanos.addAndGet(Progress.REDRAW_NANOS - 1);
      p.update(1300);
      assertThat(err.toString()).as("redrawn at most every %d ms", TimeUnit.NANOSECONDS.toMillis(Progress.REDRAW_NANOS))
          .doesNotContain("1300");
      nanos.addAndGet(1);
      p.update(1300);
      assertThat(err.toString()).endsWith("\rseeding demo patients: 1300 of 3000 patients (43 %), 12 s");
    }
    String line = "seeding demo patients: 1300 of 3000 patients (43 %), 12 s";
    assertThat(err.toString()).endsWith("\r" + " ".repeat(line.length()) + "\r");
  }

  @Test
  void notOnATerminalItNeverPrints() {
    try (Progress p = progress(false, 10)) {
      nanos.addAndGet(TimeUnit.MINUTES.toNanos(5));
      p.update(5);
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anUnknownTotalShowsTheCountOnly() {
    try (Progress p = new Progress(new PrintWriter(err, true), "running trial", 0, "patients", true, nanos::get)) {
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
      p.update(7);
      assertThat(err.toString()).isEqualTo("\rrunning trial: 7 patients, 3 s");
    }
  }
}
