// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

/** A catheter model's consistency rule and its length range, each end exactly. */
class CatheterModelTest {
  private static final Volume PER_CM = Volume.ofNanolitres(2_200);

  @Test
  void aModelNeedsAPositiveVolumeAndAnOrderedLengthRangeFromOneCentimetre() {
    CatheterModel single = new CatheterModel("one", Volume.ofNanolitres(1), 1, 1);
    assertThat(single.volume(1)).isEqualTo(Volume.ofNanolitres(1));
    for (CatheterModelArgs bad : new CatheterModelArgs[] {
        new CatheterModelArgs(Volume.ZERO, 5, 150, "0.000 mL/cm, 5-150 cm"),
        new CatheterModelArgs(PER_CM, 0, 150, "0.002 mL/cm, 0-150 cm"),
        new CatheterModelArgs(PER_CM, 151, 150, "0.002 mL/cm, 151-150 cm")}) {
      assertThatThrownBy(() -> new CatheterModel("c", bad.perCm(), bad.min(), bad.max())).isInstanceOfSatisfying(InvalidValueException.class, e -> {
        assertThat(e.field()).isEqualTo("catheterModel c");
        assertThat(e.value()).isEqualTo(bad.shown());
        assertThat(e.allowed()).isEqualTo("volume > 0 and 1 <= min <= max cm");
      });
    }
    assertThat(new CatheterModel("c", PER_CM, 150, 150).volume(150)).isEqualTo(Volume.ofNanolitres(330_000));
  }

  private record CatheterModelArgs(Volume perCm, int min, int max, String shown) {}

  @Test
  void theVolumeIsPerCentimetreWithinTheLengthsTheModelComesIn() {
    CatheterModel c = CatheterModel.GENERIC;
    assertThat(c.volume(5)).isEqualTo(Volume.ofNanolitres(11_000));
    assertThat(c.volume(150)).isEqualTo(Volume.ofNanolitres(330_000));
    for (int bad : new int[] {4, 151}) {
      assertThatThrownBy(() -> c.volume(bad)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
        assertThat(e.field()).isEqualTo("catheterLengthCm");
        assertThat(e.value()).isEqualTo(String.valueOf(bad));
        assertThat(e.allowed()).isEqualTo("5-150 cm");
      });
    }
  }
}
