// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class PrimingTest {

  @Test
  void pumpTubingPlusCatheter() {
    Priming p = Priming.of(PumpModels.ITB_20, CatheterModel.GENERIC, 50, Priming.Scope.PUMP_AND_CATHETER);
    assertThat(p.pumpTubing()).isEqualTo(ml("0.14"));
    assertThat(p.catheter()).isEqualTo(ml("0.11")); // 50 cm x 2.2 uL
    assertThat(p.volume()).isEqualTo(ml("0.25"));
    assertThat(p.drugAt(mcgPerMl(500))).isEqualTo(Mass.ofMicrograms(125));
  }

  @Test
  void catheterOnlyAfterThePumpWasPurged() {
    Priming p = Priming.of(PumpModels.ITB_40, CatheterModel.GENERIC, 50, Priming.Scope.CATHETER_ONLY);
    assertThat(p.pumpTubing()).isEqualTo(Volume.ZERO);
    assertThat(p.volume()).isEqualTo(ml("0.11"));
  }

  @Test
  void refusesALengthTheCatheterDoesNotComeIn() {
    assertThatThrownBy(() -> Priming.of(PumpModels.ITB_20, CatheterModel.GENERIC, 2, Priming.Scope.CATHETER_ONLY))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("catheterLengthCm").hasMessageContaining("'2'").hasMessageContaining("5-150 cm");
  }
}
