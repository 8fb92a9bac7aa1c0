// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stage changes are reported at the first millisecond at which the new stage holds: one
 * millisecond earlier the old stage still held. {@link Patient#nextStageChangeMillis()} predicts
 * the same instant, and advancing in one call or in many small calls reports the same changes.
 */
class StageCrossingTest {
  static final long H = 3_600_000L;

  record Change(long at, WithdrawalStage w, OverdoseStage o) {}

  @Test
  void stopAfterChronicDoseReportsExactInstants() {
    PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical();
    List<Change> changes = new ArrayList<>();
    Patient patient = Patient.adaptedTo(pp, 0, 450, 1).listener((at, w, o) -> changes.add(new Change(at, w, o)));
    patient.setTipFlow(0, 0);
    long predicted = patient.nextStageChangeMillis();
    patient.advanceTo(30 * 24 * H);
    assertThat(changes).isNotEmpty();
    assertThat(changes.get(0).at()).isEqualTo(predicted);
    assertThat(changes.get(0).w()).isEqualTo(WithdrawalStage.MILD);
    for (Change c : changes) {
      Patient before = Patient.adaptedTo(pp, 0, 450, 1);
      before.setTipFlow(0, 0);
      before.advanceTo(c.at() - 1);
      Patient at = Patient.adaptedTo(pp, 0, 450, 1);
      at.setTipFlow(0, 0);
      at.advanceTo(c.at());
      assertThat(at.withdrawalStage()).isEqualTo(c.w());
      assertThat(at.overdoseStage()).isEqualTo(c.o());
      assertThat(before.withdrawalStage() != c.w() || before.overdoseStage() != c.o()).as("changed at %d", c.at()).isTrue();
    }
    List<Change> stepped = new ArrayList<>();
    Patient small = Patient.adaptedTo(pp, 0, 450, 1).listener((at, w, o) -> stepped.add(new Change(at, w, o)));
    small.setTipFlow(0, 0);
    for (long t = 0; t <= 30 * 24 * H; t += 7 * 60_000L) {
      small.advanceTo(t);
    }
    assertThat(stepped).isEqualTo(changes);
  }

  @Test
  void overdoseFromAHugeBolusRisesAndResolves() {
    PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical();
    List<Change> changes = new ArrayList<>();
    Patient patient = Patient.adaptedTo(pp, 0, 300, 1).listener((at, w, o) -> changes.add(new Change(at, w, o)));
    patient.bolus(0, 10_000);
    patient.advanceTo(10 * 24 * H);
    assertThat(changes).extracting(Change::o).contains(OverdoseStage.COMA);
    assertThat(changes.get(changes.size() - 1).o()).isEqualTo(OverdoseStage.NONE);
  }

  @Test
  void atSteadyStateNothingIsDue() {
    Patient patient = Patient.adaptedTo(Population.of(Etiology.CEREBRAL, AgeGroup.ADULT).typical(), 0, 300, 2);
    assertThat(patient.nextStageChangeMillis()).isEqualTo(Long.MAX_VALUE);
    assertThat(patient.withdrawalStage()).isEqualTo(WithdrawalStage.NONE);
    assertThat(patient.overdoseStage()).isEqualTo(OverdoseStage.NONE);
  }
}
