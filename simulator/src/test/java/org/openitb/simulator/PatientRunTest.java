// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.openitb.physiology.AgeGroup;
import org.openitb.physiology.Etiology;
import org.openitb.physiology.Patient;
import org.openitb.physiology.Population;

/** The patient sees the true tip flow as stroke-aligned pieces, whatever instants the simulator visits. */
class PatientRunTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;

  private static PatientRun run(Patient p) {
    return new PatientRun(p, 0, t -> LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(t * 1_000_000));
  }

  private static Patient patient() {
    return Patient.adaptedTo(Population.of(Etiology.SPINAL, AgeGroup.ADULT).sample(1, 1), 0, 300, 2);
  }

  /** Strokes every 25 min (1000 ng each): hourly visits that cut the strokes unevenly still see 2.4 µg/h exactly. */
  @Test
  void hourlyVisitsDoNotCutTheStrokesIntoUnevenWindows() {
    Patient p = patient();
    PatientRun r = run(p);
    long cumulative = 0;
    long nextVisit = HOUR;
    for (long t = 25 * MINUTE; t <= 48 * HOUR; t += 25 * MINUTE) {
      while (nextVisit < t) {
        r.flush(nextVisit, cumulative);
        if (nextVisit > 2 * HOUR) {
          assertThat(p.tipFlow()).as("tip rate after the visit at %d ms", nextVisit).isCloseTo(2.4, org.assertj.core.data.Offset.offset(1e-9));
        }
        nextVisit += HOUR;
      }
      cumulative += 1000;
      r.onStroke(t, 1000);
    }
    assertThat(r.pieces()).isZero(); // one constant flow: no piece closed
  }

  /** The reservoir runs dry: the flow ends at the last stroke that carried drug, and every nanogram was given. */
  @Test
  void aDryReservoirEndsTheFlowAtTheLastStrokeWithDrug() {
    Patient p = patient();
    PatientRun r = run(p);
    long cumulative = 0;
    for (long t = 25 * MINUTE; t <= 10 * HOUR; t += 25 * MINUTE) {
      cumulative += 1000;
      r.onStroke(t, 1000);
      if (t % HOUR == 0) {
        r.flush(t, cumulative);
      }
    }
    long lastWithDrug = 10 * HOUR - (10 * HOUR % (25 * MINUTE));
    r.onStroke(lastWithDrug + 25 * MINUTE, 0); // the stroke that finds the reservoir empty
    assertThat(r.pieces()).isEqualTo(1);
    assertThat(p.nowMillis()).isEqualTo(lastWithDrug);
    r.flush(lastWithDrug + 26 * MINUTE, cumulative);
    assertThat(p.tipFlow()).isZero();
  }

  /** Strokes stop without a zero stroke (the pump stopped): the next visit finds a stroke overdue and ends the flow at the last one. */
  @Test
  void strokesThatStopComingEndTheFlow() {
    Patient p = patient();
    PatientRun r = run(p);
    long cumulative = 0;
    for (long t = 25 * MINUTE; t <= 5 * HOUR; t += 25 * MINUTE) {
      cumulative += 1000;
      r.onStroke(t, 1000);
    }
    r.flush(8 * HOUR, cumulative);
    assertThat(r.pieces()).isEqualTo(1);
    assertThat(p.tipFlow()).isZero();
    assertThat(p.state().tipRegion()).isLessThan(patient().state().tipRegion()); // 3 h without drug
    r.onStall(9 * HOUR); // nothing more to close
    assertThat(r.pieces()).isEqualTo(1);
  }

  @Test
  void mulDivIsExactBeyondALong() {
    assertThat(PatientRun.mulDiv(6, 7, 4)).isEqualTo(10);
    assertThat(PatientRun.mulDiv(10_000_000_000L, 100_000_000_000L, 1_000_000_000L)).isEqualTo(1_000_000_000_000L);
  }
}
