// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;

/** Every expected instant here was worked out by hand; the arithmetic is in the comments. */
class ReservoirForecastTest {

  @Test
  void simpleContinuous() {
    // 0.7 mL/day. Alarm: 18 mL / 0.7 = 25 d + 0.714285 d = 25 d 17:08:34 after 03-01 09:30 -> 03-27 02:38:34.
    // Empty: 20 / 0.7 = 28 d + 13:42:51 -> 03-29 23:12:51. Both rounded down to the minute.
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("2"));
    assertThat(f.alarmAt()).contains(t("2026-03-27T02:38"));
    assertThat(f.emptyAt()).contains(t("2026-03-29T23:12"));
    assertThat(f.conservativeAlarmAt()).isEqualTo(f.alarmAt());
    assertThat(f.conservativeEmptyAt()).isEqualTo(f.emptyAt());
    assertThat(f.dailyVolume().total()).isEqualTo(ml("0.7"));
    assertThat(f.notes()).containsExactly("no patient bolus allowance: the conservative dates equal the plain ones");
  }

  @Test
  void conservativeDatesFrontLoadEveryAllowedPatientBolus() {
    // 4 x 50 mcg = 0.4 mL per 24 h window at its start; 1.1 mL per day in all.
    // Alarm: 18 mL = 16 d x 1.1 (17.6) + 0.4 taken at the start of day 16 -> 03-17 09:30.
    // Empty: 20 mL = 18 d x 1.1 (19.8) + 0.2 <= 0.4 -> 03-19 09:30.
    Prescription p = simple(350, 500).withPatientBolus(patient(50, 4));
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), p, ml("2"));
    assertThat(f.conservativeAlarmAt()).contains(t("2026-03-17T09:30"));
    assertThat(f.conservativeEmptyAt()).contains(t("2026-03-19T09:30"));
    assertThat(f.alarmAt()).contains(t("2026-03-27T02:38"));
    assertThat(f.notes()).isEmpty();
  }

  @Test
  void flexFromJustBeforeAStepChange() {
    // 22:00-06:00 at 200 mcg/day (0.4 mL/day), 06:00-22:00 at 400 (0.8 mL/day); 10 uL to go from 05:30.
    // 05:30-06:00 uses 0.4/48 mL = 8.333 uL; the last 1.667 uL at 0.8 mL/day takes exactly 3 min -> 06:03.
    // A constant 0.4 mL/day would have given 06:06: the step change is honoured.
    ReservoirForecast f = ReservoirForecast.of(ml("2.010"), t("2026-03-01T05:30"), flex("06:00=400,22:00=200", 500), ml("2"));
    assertThat(f.alarmAt()).contains(t("2026-03-01T06:03"));
    ReservoirForecast constant = ReservoirForecast.of(ml("2.010"), t("2026-03-01T05:30"), simple(200, 500), ml("2"));
    assertThat(constant.alarmAt()).contains(t("2026-03-01T06:06"));
  }

  @Test
  void refillOneMinuteBeforeAStepChange() {
    // 2/3 mL per day; 18 mL to the alarm = exactly 27 days, 20 mL to empty = exactly 30 days.
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T05:59"), flex("06:00=400,22:00=200", 500), ml("2"));
    assertThat(f.alarmAt()).contains(t("2026-03-28T05:59"));
    assertThat(f.emptyAt()).contains(t("2026-03-31T05:59"));
  }

  @Test
  void leapDayIsADayLikeAnyOther() {
    // 250 mcg/day at 500 mcg/mL = 0.5 mL/day: 36 days to the alarm, 40 to empty.
    ReservoirForecast leap = ReservoirForecast.of(ml("20"), t("2024-02-10T09:30"), simple(250, 500), ml("2"));
    assertThat(leap.alarmAt()).contains(t("2024-03-17T09:30"));
    assertThat(leap.emptyAt()).contains(t("2024-03-21T09:30"));
    ReservoirForecast common = ReservoirForecast.of(ml("20"), t("2023-02-10T09:30"), simple(250, 500), ml("2"));
    assertThat(common.alarmAt()).contains(t("2023-03-18T09:30"));
    // Flex, 27 days across 2024-02-29 from 02-20 12:00 -> 03-18 12:00 (2023: 03-19).
    assertThat(ReservoirForecast.of(ml("20"), t("2024-02-20T12:00"), flex("06:00=400,22:00=200", 500), ml("2")).alarmAt())
        .contains(t("2024-03-18T12:00"));
    assertThat(ReservoirForecast.of(ml("20"), t("2023-02-20T12:00"), flex("06:00=400,22:00=200", 500), ml("2")).alarmAt())
        .contains(t("2023-03-19T12:00"));
  }

  @Test
  void scheduledBolusRunsAtItsTimeAndAcrossMidnight() {
    // 0.6 mL/day basal (25 uL/h) + 100 mcg = 0.2 mL over 23:00-01:00 (100 uL/h), from 22:00.
    // 0.1 mL: 25 uL by 23:00, then 75 uL at 125 uL/h = 36 min -> 23:36.
    // 0.2 mL: 25 uL by 23:00, then 175 uL at 125 uL/h = 84 min -> 00:24 next day.
    Prescription p = simple(300, 500).withScheduledBoluses(
        List.of(new ScheduledBolus(hm("23:00"), Mass.ofMicrograms(100), Duration.ofHours(2))));
    assertThat(ReservoirForecast.of(ml("2.1"), t("2026-03-01T22:00"), p, ml("2")).alarmAt()).contains(t("2026-03-01T23:36"));
    assertThat(ReservoirForecast.of(ml("2.2"), t("2026-03-01T22:00"), p, ml("2")).alarmAt()).contains(t("2026-03-02T00:24"));
  }

  @Test
  void alreadyAtOrBelowTheAlarmIsNowRoundedDown() {
    ReservoirForecast f = ReservoirForecast.of(ml("1.5"), t("2026-03-01T09:30:45.5"), simple(350, 500), ml("2"));
    assertThat(f.alarmAt()).contains(t("2026-03-01T09:30"));
    assertThat(f.at()).isEqualTo(t("2026-03-01T09:30"));
    assertThat(f.notes()).anyMatch(n -> n.contains("already at or below the alarm volume"));
    assertThat(ReservoirForecast.of(ml("0"), t("2026-03-01T09:30"), simple(350, 500), ml("2")).emptyAt())
        .contains(t("2026-03-01T09:30"));
  }

  @Test
  void stoppedGivesNoDateAndSaysWhy() {
    Prescription stopped = new Prescription(BACLOFEN, mcgPerMl(500), new Stopped(), List.of(), Optional.empty());
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), stopped, ml("2"));
    assertThat(f.alarmAt()).isEmpty();
    assertThat(f.emptyAt()).isEmpty();
    assertThat(f.conservativeAlarmAt()).isEmpty();
    assertThat(f.notes()).anyMatch(n -> n.startsWith("alarmAt: never reached"));
  }

  @Test
  void stoppedWithAPatientAllowanceStillHasAConservativeDate() {
    // 0.4 mL per window: 18 mL = 44 windows (17.6) + 0.4 at the start of window 44 -> 44 days after at.
    Prescription p = new Prescription(BACLOFEN, mcgPerMl(500), new Stopped(), List.of(), Optional.of(patient(50, 4)));
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), p, ml("2"));
    assertThat(f.alarmAt()).isEmpty();
    assertThat(f.conservativeAlarmAt()).contains(t("2026-04-14T09:30"));
  }

  @Test
  void beyondTheTenYearHorizonIsNoDate() {
    // 10 mcg/day at 2000 mcg/mL = 5 uL/day: 40 mL lasts 8000 days, more than 10 years.
    ReservoirForecast f = ReservoirForecast.of(ml("40"), t("2026-03-01T09:30"), simple(10, 2000), ml("2"));
    assertThat(f.emptyAt()).isEmpty();
    assertThat(f.alarmAt()).isEmpty();
    assertThat(f.horizonEnd()).isEqualTo(t("2036-03-01T09:30"));
    assertThat(f.notes()).anyMatch(n -> n.equals("emptyAt: not within the 10-year forecast horizon (until 2036-03-01T09:30)"));
    // 24 mcg/day at 2000 mcg/mL = 12 uL/day: 40 mL in 3333.33 days, inside the horizon.
    assertThat(ReservoirForecast.of(ml("40"), t("2026-03-01T09:30"), simple(24, 2000), ml("2")).emptyAt()).isPresent();
  }

  @Test
  void refusesNegativeVolumesAndImplausibleDates() {
    assertThatThrownBy(() -> ReservoirForecast.of(ml("-1"), t("2026-03-01T09:30"), simple(350, 500), ml("2")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("reservoir volume").hasMessageContaining("-1.000 mL").hasMessageContaining(">= 0 mL");
    assertThatThrownBy(() -> ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("-2")))
        .hasMessageContaining("alarm volume").hasMessageContaining(">= 0 mL");
    assertThatThrownBy(() -> ReservoirForecast.of(ml("20"), java.time.LocalDateTime.of(20260, 3, 1, 9, 30), simple(350, 500), ml("2")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at").hasMessageContaining("+20260-03-01T09:30")
        .hasMessageContaining("1970-01-01T00:00 to 2999-12-31T23:59:59");
  }
}
