// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

class RefillCalculatorTest {

  @Test
  void boundByTheConservativeAlarmMinusTheBuffer() {
    // Conservative alarm 2026-03-17T09:30 (see ReservoirForecastTest) minus 7 days.
    Prescription p = simple(350, 500).withPatientBolus(patient(50, 4));
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), p);
    assertThat(plan.refillBy()).isEqualTo(t("2026-03-10T09:30"));
    assertThat(plan.boundBy()).isEqualTo(RefillPlan.Bound.LOW_RESERVOIR_ALARM);
    assertThat(plan.alarmAt()).contains(t("2026-03-27T02:38"));
    assertThat(plan.conservativeAlarmAt()).contains(t("2026-03-17T09:30"));
    assertThat(plan.alarmVolume()).isEqualTo(ml("2"));
    assertThat(plan.dailyVolume().total().millilitres()).isEqualTo("0.700");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void boundByDrugStabilityAcrossALeapYear() {
    // 100 mcg/day at 2000 mcg/mL = 0.05 mL/day: 360 days to the alarm, so the 180-day limit binds.
    // 2024-01-01 + 180 days = 2024-06-29 (Feb has 29 days).
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2024-01-01T10:00"), simple(100, 2000));
    assertThat(plan.stabilityLimit()).isEqualTo(t("2024-06-29T10:00"));
    assertThat(plan.refillBy()).isEqualTo(t("2024-06-29T10:00"));
    assertThat(plan.boundBy()).isEqualTo(RefillPlan.Bound.DRUG_STABILITY);
  }

  @Test
  void aDoseChangeBetweenRefillsPlansFromTheVolumeLeftButKeepsTheFillsStabilityLimit() {
    // Filled 20 mL on 1 Oct at 0.6 mL/day; on 11 Oct 14 mL are left and the dose doubles to 1.2 mL/day:
    // alarm at 2 mL after 12 / 1.2 = 10 days (21 Oct), refill by 7 days earlier; delivery stops at 0.5 mL after 11.25 days.
    RefillPlan plan = RefillCalculator.planAfterChange(PumpModels.ITB_20, t("2026-10-01T10:00"), ml("14"), t("2026-10-11T10:00"),
        simple(600, 500), ml("2"), RefillCalculator.DEFAULT_BUFFER_DAYS);
    assertThat(plan.at()).isEqualTo(t("2026-10-11T10:00"));
    assertThat(plan.alarmAt()).contains(t("2026-10-21T10:00"));
    assertThat(plan.refillBy()).isEqualTo(t("2026-10-14T10:00"));
    assertThat(plan.deliveryStopsAt()).contains(t("2026-10-22T16:00"));
    assertThat(plan.stabilityLimit()).isEqualTo(t("2026-10-01T10:00").plusDays(180));
    // A low dose: stability binds, counted from the fill, not from the change (which would be 10 days later).
    RefillPlan slow = RefillCalculator.planAfterChange(PumpModels.ITB_20, t("2026-10-01T10:00"), ml("19"), t("2026-10-11T10:00"),
        simple(50, 2000), ml("2"), RefillCalculator.DEFAULT_BUFFER_DAYS);
    assertThat(slow.boundBy()).isEqualTo(RefillPlan.Bound.DRUG_STABILITY);
    assertThat(slow.refillBy()).isEqualTo(t("2027-03-30T10:00"));
    // A change after the stability limit has passed: refill now, saying why.
    RefillPlan late = RefillCalculator.planAfterChange(PumpModels.ITB_20, t("2026-01-01T10:00"), ml("10"), t("2026-10-11T10:00"),
        simple(50, 2000), ml("2"), RefillCalculator.DEFAULT_BUFFER_DAYS);
    assertThat(late.refillBy()).isEqualTo(t("2026-10-11T10:00"));
    assertThat(late.warnings()).singleElement().asString().contains("stability limit").contains("has passed");
    assertThatThrownBy(() -> RefillCalculator.planAfterChange(PumpModels.ITB_20, t("2026-10-11T10:00"), ml("14"), t("2026-10-01T10:00"),
        simple(600, 500), ml("2"), 7)).isInstanceOf(InvalidValueException.class).hasMessageStartingWith("change at:");
  }

  @Test
  void customAlarmAndBuffer() {
    // 0.7 mL/day, alarm 3 mL: 17 mL / 0.7 = 24 d 6:51:25 -> 03-25 16:21; minus 3 days.
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("3"), 3);
    assertThat(plan.conservativeAlarmAt()).contains(t("2026-03-25T16:21"));
    assertThat(plan.refillBy()).isEqualTo(t("2026-03-22T16:21"));
  }

  @Test
  void alarmWithinTheBufferMeansRefillNowWithAWarning() {
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_20, ml("4"), t("2026-03-01T09:30"), simple(700, 500));
    // 2 mL at 1.4 mL/day: alarm in 1.43 days, well inside 7 days.
    assertThat(plan.refillBy()).isEqualTo(t("2026-03-01T09:30"));
    assertThat(plan.warnings()).singleElement().asString().contains("within the 7-day buffer");
  }

  @Test
  void stoppedPumpIsBoundByStability() {
    Prescription stopped = new Prescription(BACLOFEN, mcgPerMl(500), new org.openitb.therapy.prescription.Stopped(),
        java.util.List.of(), java.util.Optional.empty());
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_40, ml("40"), t("2026-03-01T09:30"), stopped);
    assertThat(plan.refillBy()).isEqualTo(t("2026-08-28T09:30"));
    assertThat(plan.boundBy()).isEqualTo(RefillPlan.Bound.DRUG_STABILITY);
  }

  @Test
  void refusalsNameFieldValueAndRange() {
    assertThatThrownBy(() -> RefillCalculator.plan(PumpModels.ITB_20, ml("20.5"), t("2026-03-01T09:30"), simple(350, 500)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("fill volume").hasMessageContaining("20.500 mL").hasMessageContaining("0.000-20.000 mL");
    assertThatThrownBy(() -> RefillCalculator.plan(PumpModels.ITB_20, ml("-1"), t("2026-03-01T09:30"), simple(350, 500)))
        .hasMessageContaining("fill volume").hasMessageContaining("-1.000 mL");
    assertThatThrownBy(() -> RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("0.5"), 7))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("alarm volume").hasMessageContaining("0.500 mL").hasMessageContaining("1.000-5.000 mL");
    assertThatThrownBy(() -> RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("2"), 61))
        .hasMessageContaining("buffer days").hasMessageContaining("'61'").hasMessageContaining("0-60 days");
  }

  @Test
  void refillByIsNeverAbsurd() {
    qt().withFixedSeed(TestGens.SEED).withExamples(300)
        .forAll(TestGens.prescriptions(), longs().between(0, 40_000_000), TestGens.times(), integers().between(0, 60))
        .checkAssert((p, fillNl, at, buffer) -> {
          RefillPlan plan;
          try {
            plan = RefillCalculator.plan(PumpModels.ITB_40, Volume.ofNanolitres(fillNl), at, p, ml("2"), buffer);
          } catch (InvalidValueException e) {
            assertThat(e.getMessage()).contains(e.field()).contains(e.allowed());
            return;
          }
          LocalDateTime start = at.truncatedTo(ChronoUnit.MINUTES);
          assertThat(plan.refillBy()).isBetween(start, start.plusDays(p.drug().maxDaysInPump()));
          plan.conservativeAlarmAt().ifPresent(a -> assertThat(plan.refillBy()).isBeforeOrEqualTo(a));
        });
  }
}
