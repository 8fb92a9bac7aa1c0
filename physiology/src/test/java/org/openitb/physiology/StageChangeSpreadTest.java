// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Patient#stageChangeSpreadMillis} bounds how far an input whose running total differs by at
 * most m moves a stage change: checked against the patient itself, given m more at once or the
 * same mass an hour later, for the withdrawal of a stop and the overdose of a large bolus.
 */
class StageChangeSpreadTest {
  static final long H = 3_600_000L;
  static final double M = 2; // µg: two strokes of 1 µg

  record Change(long at, WithdrawalStage w, OverdoseStage o, double withdrawalSpread, double overdoseSpread) {}

  private static List<Change> live(Consumer<Patient> inputs, double perDay) {
    PatientParameters pp = Population.of(Etiology.SPINAL, AgeGroup.ADULT).typical();
    List<Change> changes = new ArrayList<>();
    Patient[] self = new Patient[1];
    self[0] = Patient.adaptedTo(pp, 0, perDay, 1).listener((at, w, o) -> changes.add(
        new Change(at, w, o, self[0].stageChangeSpreadMillis(M, true), self[0].stageChangeSpreadMillis(M, false))));
    inputs.accept(self[0]);
    self[0].advanceTo(20 * 24 * H);
    return changes;
  }

  private static void assertWithinSpread(List<Change> base, List<Change> perturbed) {
    assertThat(perturbed).extracting(Change::w).isEqualTo(base.stream().map(Change::w).toList());
    assertThat(perturbed).extracting(Change::o).isEqualTo(base.stream().map(Change::o).toList());
    WithdrawalStage w = WithdrawalStage.NONE;
    for (int i = 0; i < base.size(); i++) {
      Change b = base.get(i);
      double spread = b.w() != w ? b.withdrawalSpread() : b.overdoseSpread();
      w = b.w();
      assertThat((double) Math.abs(perturbed.get(i).at() - b.at())).as("change %d %s", i, b).isLessThanOrEqualTo(spread + 1);
      assertThat(spread).isPositive();
    }
  }

  @Test
  void aStopMovesByNoMoreThanTheSpread() {
    List<Change> base = live(p -> p.setTipFlow(0, 0), 450);
    assertThat(base).extracting(Change::w).contains(WithdrawalStage.MILD, WithdrawalStage.MODERATE);
    assertWithinSpread(base, live(p -> {
      p.setTipFlow(0, 0);
      p.bolus(0, M);
    }, 450));
    assertWithinSpread(base, live(p -> {
      p.setTipFlow(0, 0);
      p.bolus(H, M);
    }, 450));
  }

  @Test
  void aLargeBolusMovesByNoMoreThanTheSpread() {
    List<Change> base = live(p -> p.bolus(0, 3_000), 300);
    assertThat(base).extracting(Change::o).contains(OverdoseStage.SOMNOLENCE);
    assertWithinSpread(base, live(p -> p.bolus(0, 3_000 + M), 300));
    assertWithinSpread(base, live(p -> {
      p.bolus(0, 3_000 - M);
      p.bolus(H, M);
    }, 300));
  }
}
