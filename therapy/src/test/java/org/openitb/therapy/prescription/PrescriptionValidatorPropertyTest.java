// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.units.DoseRate;
import org.quicktheories.generators.Generate;

class PrescriptionValidatorPropertyTest {
  private static final PrescriptionValidator VALIDATOR = PrescriptionValidator.standard();

  @Test
  void neverThrowsAndEveryRefusalOrWarningNamesFieldValueAndRange() {
    qt().withFixedSeed(TestGens.SEED).withExamples(1000)
        .forAll(TestGens.prescriptions(), Generate.enumValues(Etiology.class), integers().between(1, 200), Generate.pick(PumpModels.all()))
        .checkAssert((p, etiology, length, pump) -> {
          ValidationReport r = VALIDATOR.validate(p, ValidationContext.of(pump, CatheterModel.GENERIC, length, etiology));
          List<String> order = VALIDATOR.stepNames();
          int last = 0;
          for (Finding f : r.findings()) {
            int at = order.indexOf(f.step());
            assertThat(at).as("findings in chain order").isGreaterThanOrEqualTo(last);
            last = at;
            if (f.severity() != Finding.Severity.INFO) {
              assertThat(f.field()).isNotBlank();
              assertThat(f.value()).isNotBlank();
              assertThat(f.allowed()).matches(".*\\d.*"); // a range or limit, not just words
              assertThat(f.message()).contains(f.field()).contains("'" + f.value() + "'").contains(f.allowed());
            }
          }
          assertThat(r.isRefused()).isEqualTo(r.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.HARD));
          assertThat(r.requiresConfirmation()).isEqualTo(!r.confirmations().isEmpty());
        });
  }

  @Test
  void anyStepAboveTheHardMaximumIsRefusedAsAPossibleUnitError() {
    qt().withFixedSeed(TestGens.SEED + 1).withExamples(1000)
        .forAll(TestGens.prescriptions(), Generate.enumValues(Etiology.class))
        .checkAssert((p, etiology) -> {
          ValidationReport r = VALIDATOR.validate(p, ValidationContext.of(PumpModels.ITB_40, CatheterModel.GENERIC, 50, etiology));
          DoseRate hardMax = p.drug().limits(etiology).hardMax();
          long over = p.basal().asFlexSchedule().steps().stream().filter(s -> s.rate().compareTo(hardMax) > 0).count();
          List<Finding> flagged = r.refusals().stream().filter(f -> f.step().equals("unit-plausibility")).toList();
          assertThat(flagged).hasSize((int) over);
          flagged.forEach(f -> assertThat(f.reason()).contains("per-hour entry in a per-day field"));
        });
  }
}
