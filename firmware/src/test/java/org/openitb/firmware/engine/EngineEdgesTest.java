// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The engine's value types at their edges: a bolus shape's rate millisecond by millisecond, and what a stall episode may hold. */
class EngineEdgesTest {
  @Test
  void aBolusShapeRunsItsBaseRateThenOneUnitMoreForTheRemainderAndNothingOutsideIt() {
    BolusShape shape = new BolusShape(10, 4); // 10 units over 4 ms: 2, 2, 3, 3
    assertThat(shape.rateAt(-1)).isZero();
    assertThat(shape.rateAt(0)).isEqualTo(2);
    assertThat(shape.rateAt(1)).isEqualTo(2);
    assertThat(shape.rateAt(2)).isEqualTo(3);
    assertThat(shape.rateAt(3)).isEqualTo(3);
    assertThat(shape.rateAt(4)).isZero();
    assertThat(shape.peakRate()).isEqualTo(3);
    assertThat(new BolusShape(1, 1).rateAt(0)).isEqualTo(1);
    assertThatThrownBy(() -> new BolusShape(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BolusShape(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStallEpisodeHasAtLeastOneFailedAttemptAndRetriesNoEarlierThanItStarted() {
    assertThat(new StallTracker.Episode(5, 1, 5, 0).failedAttempts()).isEqualTo(1);
    assertThatThrownBy(() -> new StallTracker.Episode(5, 0, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StallTracker.Episode(5, 1, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StallTracker.Episode(5, 1, 5, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
