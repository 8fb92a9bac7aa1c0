// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.programmer.fake.Rig;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.Finding.Severity;

class SafetyChainTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 10, 30);
  private final SafetyChain chain = SafetyChain.standard(Rig.LIBRARY);

  @Test
  void stepsRunInTheDocumentedOrder() {
    assertThat(chain.stepNames()).containsExactly("drug-library-limits", "device-limits", "titration-guardrail", "unit-plausibility", "second-person");
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(300)), Rig.simple(330), Rig.PATIENT, NOW);
    assertThat(r.checks()).extracting(Finding::step)
        .containsExactly("drug-library-limits", "device-limits", "titration-guardrail", "unit-plausibility", "second-person");
    assertThat(r.refused()).isFalse();
    assertThat(r.secondPersonRequired()).isFalse();
  }

  @Test
  void aDailyDoseAboveTheHardMaximumIsRefusedNamingValueAndLimit() {
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(1900)), Rig.simple(2100), Rig.PATIENT, NOW);
    assertThat(r.refused()).isTrue();
    assertThat(r.refusals()).anySatisfy(c -> {
      assertThat(c.step()).isEqualTo("drug-library-limits");
      assertThat(c.message()).contains("2100 mcg/day").contains("2000 mcg/day");
    });
  }

  @Test
  void aPerHourLookingFlexStepIsRefusedThoughTheDailyTotalLooksHarmless() {
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(300)), Rig.perHourMorningStep(), Rig.PATIENT, NOW);
    assertThat(r.of(Severity.HARD)).singleElement().satisfies(c -> {
      assertThat(c.step()).isEqualTo("unit-plausibility");
      assertThat(c.field()).isEqualTo("flex step 06:00 rate");
      assertThat(c.value()).isEqualTo("1440 mcg/day");
      assertThat(c.allowed()).startsWith("<= 900 mcg/day");
      assertThat(c.message()).isEqualTo("flex step 06:00 rate: looks like a per-hour figure in a per-day field (1440 mcg/day is 60 mcg every"
          + " hour); enter the 24 h total in mcg/day, and raise doses in guardrail-sized steps (got '1440 mcg/day'; allowed: <= 900 mcg/day"
          + " (3 x the highest rate now running, 300 mcg/day))");
      assertThat(SafetyReport.line(c)).startsWith("REFUSE [unit-plausibility] flex step 06:00 rate: ");
    });
    // the daily total (347.5 mcg/day, +15.8 %) alone passes the titration guardrail: the per-step check is what catches it
    assertThat(r.checks()).filteredOn(c -> c.step().equals("titration-guardrail")).extracting(Finding::severity).containsExactly(Severity.INFO);
  }

  @Test
  void aSteepIncreaseNeedsASecondPerson() {
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(300)), Rig.simple(450), Rig.PATIENT, NOW);
    assertThat(r.refused()).isFalse();
    assertThat(r.secondPersonReasons()).singleElement().satisfies(c -> {
      assertThat(c.step()).isEqualTo("titration-guardrail");
      assertThat(c.field()).isEqualTo("daily dose");
      assertThat(c.value()).isEqualTo("450 mcg/day");
      assertThat(c.message()).contains("+50.0 %");
    });
  }

  @Test
  void anIncreaseTooSoonAfterTheLastNeedsASecondPerson() {
    PatientContext recent = new PatientContext(Rig.PATIENT.pump(), Rig.PATIENT.catheter(), 50, Rig.PATIENT.etiology(), Optional.of(NOW.minusHours(2)));
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(300)), Rig.simple(330), recent, NOW);
    assertThat(r.secondPersonReasons()).extracting(Finding::step).containsExactly("titration-guardrail");
  }

  @Test
  void aConcentrationChangeNeedsASecondPerson() {
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(300)), Rig.simple(300, 1000), Rig.PATIENT, NOW);
    assertThat(r.secondPersonReasons()).extracting(Finding::step).containsExactly("second-person");
    assertThat(r.secondPersonReasons().get(0).message()).contains("500 mcg/mL").contains("1000 mcg/mL");
    assertThat(r.secondPersonReasons().get(0).field()).isEqualTo("concentration");
  }

  @Test
  void aRateThePumpCannotRunIsRefusedByTheDeviceStep() {
    // 10 mcg/day at 2000 mcg/mL is 5 uL/day, below the 48 uL/day minimum
    SafetyReport r = chain.evaluate(Optional.empty(), Rig.simple(10, 2000), Rig.PATIENT, NOW);
    assertThat(r.refusals()).extracting(Finding::step).contains("device-limits");
  }

  @Test
  void aSoftFindingNeedsASecondPerson() {
    // 900 mcg/day is above the usual spinal range (300-800): soft
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(850)), Rig.simple(900), Rig.PATIENT, NOW);
    assertThat(r.refused()).isFalse();
    assertThat(r.secondPersonReasons()).extracting(Finding::step).containsExactly("drug-library-limits");
  }

  @Test
  void everyStepReportsEvenAfterARefusal() {
    SafetyReport r = chain.evaluate(Optional.of(Rig.simple(300)), Rig.simple(2100, 500), Rig.PATIENT, NOW);
    assertThat(r.checks().stream().map(Finding::step).distinct().toList())
        .containsExactlyElementsOf(List.of("drug-library-limits", "device-limits", "titration-guardrail", "unit-plausibility", "second-person"));
  }
}
