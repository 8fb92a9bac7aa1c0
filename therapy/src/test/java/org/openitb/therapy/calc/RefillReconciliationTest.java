// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.ml;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.InvalidValueException;

class RefillReconciliationTest {

  @Test
  void flagsStrictlyBeyondOneMillilitreOnA20mlPump() {
    RefillReconciliation exactlyAtLimit = RefillReconciliation.of(PumpModels.ITB_20, ml("5"), ml("6"));
    assertThat(exactlyAtLimit.discrepancy()).isEqualTo(ml("1"));
    assertThat(exactlyAtLimit.flagged()).isFalse();
    assertThat(exactlyAtLimit.interpretation()).isEmpty();
    RefillReconciliation beyond = RefillReconciliation.of(PumpModels.ITB_20, ml("5"), ml("6.001"));
    assertThat(beyond.flagged()).isTrue();
    assertThat(beyond.interpretation()).startsWith("more withdrawn than expected by 1.001 mL");
    RefillReconciliation less = RefillReconciliation.of(PumpModels.ITB_20, ml("5"), ml("3.9"));
    assertThat(less.discrepancy()).isEqualTo(ml("-1.1"));
    assertThat(less.flagged()).isTrue();
    assertThat(less.interpretation()).startsWith("less withdrawn than expected by 1.100 mL").contains("pocket fill");
  }

  @Test
  void twoMillilitresOnA40mlPump() {
    assertThat(RefillReconciliation.of(PumpModels.ITB_40, ml("10"), ml("8")).flagged()).isFalse();
    assertThat(RefillReconciliation.of(PumpModels.ITB_40, ml("10"), ml("7.999")).flagged()).isTrue();
    assertThat(RefillReconciliation.of(PumpModels.ITB_40, ml("10"), ml("8")).limit()).isEqualTo(ml("2"));
  }

  @Test
  void refusesNegativeVolumes() {
    assertThatThrownBy(() -> RefillReconciliation.of(PumpModels.ITB_20, ml("-0.1"), ml("3")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("expected volume").hasMessageContaining("-0.100 mL").hasMessageContaining(">= 0 mL");
    assertThatThrownBy(() -> RefillReconciliation.of(PumpModels.ITB_20, ml("3"), ml("-2")))
        .hasMessageContaining("withdrawn volume");
  }
}
