// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.drug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/** The drug library's limits records at their boundaries and the lookup by name. */
class DrugLibraryTest {
  private static DoseRate ng(long v) {
    return new DoseRate(v);
  }

  @Test
  void doseLimitsMayCoincideButNotCross() {
    DoseLimits equal = new DoseLimits(ng(5), ng(5), ng(5));
    assertThat(equal.hardMax()).isEqualTo(ng(5));
    assertThatThrownBy(() -> new DoseLimits(ng(6), ng(5), ng(7))).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("doseLimits");
      assertThat(e.allowed()).isEqualTo("softMin <= softMax <= hardMax");
    });
    assertThatThrownBy(() -> new DoseLimits(ng(4), ng(6), ng(5))).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("doseLimits");
      assertThat(e.value()).isEqualTo("0.004 mcg/day..0.006 mcg/day hard 0.005 mcg/day");
    });
  }

  @Test
  void softAndHardRangesIncludeTheirEnds() {
    DoseLimits spinal = DrugLibrary.baclofen().limits(Etiology.SPINAL);
    assertThat(spinal.withinSoft(ng(299_999))).isFalse();
    assertThat(spinal.withinSoft(ng(300_000))).isTrue();
    assertThat(spinal.withinSoft(ng(800_000))).isTrue();
    assertThat(spinal.withinSoft(ng(800_001))).isFalse();
    assertThat(spinal.withinHard(ng(2_000_000))).isTrue();
    assertThat(spinal.withinHard(ng(2_000_001))).isFalse();
  }

  @Test
  void titrationPercentagesRunFromZeroToAHundredInOrder() {
    Duration day = Duration.ofHours(24);
    assertThat(new TitrationLimits(0, 0, day).maxIncreasePercent()).isZero();
    assertThat(new TitrationLimits(100, 100, day).minIncreasePercent()).isEqualTo(100);
    for (int[] bad : new int[][] {{-1, 10}, {11, 10}, {10, 101}}) {
      assertThatThrownBy(() -> new TitrationLimits(bad[0], bad[1], day)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
        assertThat(e.field()).isEqualTo("titrationLimits");
        assertThat(e.value()).isEqualTo(bad[0] + "-" + bad[1] + " %");
        assertThat(e.allowed()).isEqualTo("0 <= min <= max <= 100");
      });
    }
  }

  @Test
  void aDrugIsFoundByItsNameAloneOrRefusedWithTheLibraryList() {
    Drug baclofen = DrugLibrary.baclofen();
    Drug other = new Drug("morphine", List.of(Concentration.ofMicrogramsPerMillilitre(1000)), Concentration.ofMicrogramsPerMillilitre(1000),
        Map.of(Etiology.SPINAL, baclofen.limits(Etiology.SPINAL), Etiology.CEREBRAL, baclofen.limits(Etiology.CEREBRAL),
            Etiology.PAEDIATRIC, baclofen.limits(Etiology.PAEDIATRIC)),
        Map.of(Etiology.SPINAL, baclofen.titration(Etiology.SPINAL), Etiology.CEREBRAL, baclofen.titration(Etiology.CEREBRAL),
            Etiology.PAEDIATRIC, baclofen.titration(Etiology.PAEDIATRIC)),
        30);
    DrugLibrary library = new DrugLibrary(List.of(baclofen, other));
    assertThat(library.drug(" MORPHINE ")).isSameAs(other);
    assertThat(library.drug("baclofen")).isSameAs(baclofen);
    assertThatThrownBy(() -> library.drug("clonidine")).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("drug");
      assertThat(e.value()).isEqualTo("clonidine");
      assertThat(e.allowed()).isEqualTo("baclofen, morphine");
    });
    assertThat(library).hasToString("DrugLibrary[baclofen, morphine]");
    assertThat(DrugLibrary.standard().drug("Baclofen").maxDaysInPump()).isEqualTo(180);
  }
}
