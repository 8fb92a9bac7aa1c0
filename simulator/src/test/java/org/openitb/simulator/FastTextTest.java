// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** The outputs' fast number text equals the quantity types' own (BigDecimal) text over the whole long range. */
class FastTextTest {
  @Test
  void millilitresAndMicrogramsMatchTheQuantityTypesEverywhere() {
    SplittableRandom r = new SplittableRandom(13);
    long[] edges = {0, 1, -1, 499, 500, 501, -499, -500, -501, 999_999, 1_000_000, 1_000_499, 1_000_500, -1_000_500, 4_999_500,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 500, Long.MIN_VALUE + 500, 1_000, -1_000, 1_500, -1_500, 10};
    for (long v : edges) {
      check(v);
    }
    for (int i = 0; i < 200_000; i++) {
      long v = switch (i % 4) {
        case 0 -> r.nextLong();
        case 1 -> r.nextLong(-10_000_000_000L, 10_000_000_000L);
        case 2 -> r.nextLong(-2_000, 2_000);
        default -> r.nextLong(-1_000_000L, 1_000_000L) * 500; // ties
      };
      check(v);
    }
  }

  private static void check(long v) {
    assertThat(FastText.halfUp(new StringBuilder(), v, 1_000_000L, 3).toString()).as("%d nL", v).isEqualTo(new Volume(v).millilitres());
    assertThat(FastText.halfUp(new StringBuilder(), v, 1_000L, 3).toString()).as("%d ng", v).isEqualTo(new Mass(v).micrograms(3));
    assertThat(FastText.exact(new StringBuilder(), v, 1_000L).toString()).as("%d ng exact", v).isEqualTo(new Mass(v).micrograms());
  }

  /** The check can fail: a half-down rounding differs on a tie. */
  @Test
  void aWrongRoundingIsCaught() {
    assertThat(FastText.halfUp(new StringBuilder(), 1_000_499L, 1_000_000L, 3).toString()).isEqualTo("1.000");
    assertThat(new Volume(1_000_500L).millilitres()).isEqualTo("1.001").isNotEqualTo("1.000");
  }
}
