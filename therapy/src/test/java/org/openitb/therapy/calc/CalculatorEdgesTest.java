// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openitb.therapy.calc.Fixtures.*;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/** The calculators' limits at their last accepted and first refused value, and deliveryStopsAt, with exact dates. */
class CalculatorEdgesTest {
  private static Consumer<InvalidValueException> refusal(String field, String allowed) {
    return e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.allowed()).isEqualTo(allowed);
    };
  }

  @Test
  void deliveryStopsWhenTheStopVolumeIsReachedPlainAndConservative() {
    // 250 mcg/day at 500 mcg/mL = 0.5 mL/day; 20 mL - 0.5 mL stop volume = 19.5 mL = 39 days.
    // With 4 x 50 mcg (0.4 mL) at each window's start: 0.9 mL/day; 21 days use 18.9 mL, then 0.4 at once,
    // then 0.2 mL at 0.5 mL/day = 9 h 36 min.
    Prescription p = simple(250, 500).withPatientBolus(patient(50, 4));
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), p, ml("2"), ml("0.5"));
    assertThat(f.stopVolume()).isEqualTo(ml("0.5"));
    assertThat(f.deliveryStopsAt()).contains(t("2026-04-09T09:30"));
    assertThat(f.conservativeDeliveryStopsAt()).contains(t("2026-03-22T19:06"));
    assertThat(f.emptyAt()).contains(t("2026-04-10T09:30"));
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), p);
    assertThat(plan.deliveryStopsAt()).contains(t("2026-04-09T09:30"));
    assertThat(plan.conservativeDeliveryStopsAt()).contains(t("2026-03-22T19:06"));
  }

  @Test
  void aReservoirAtTheStopOrAlarmVolumeGivesTheReadingTimeItself() {
    ReservoirForecast atStop = ReservoirForecast.of(ml("0.5"), t("2026-03-01T09:30:45"), simple(250, 500), ml("2"), ml("0.5"));
    assertThat(atStop.deliveryStopsAt()).contains(t("2026-03-01T09:30"));
    assertThat(atStop.conservativeDeliveryStopsAt()).contains(t("2026-03-01T09:30"));
    assertThat(atStop.emptyAt()).contains(t("2026-03-02T09:30"));
    ReservoirForecast atAlarm = ReservoirForecast.of(ml("2"), t("2026-03-01T09:30"), simple(250, 500), ml("2"), ml("0.5"));
    assertThat(atAlarm.alarmAt()).contains(t("2026-03-01T09:30"));
    assertThat(atAlarm.deliveryStopsAt()).contains(t("2026-03-04T09:30"));
    assertThat(atAlarm.notes()).containsExactly(
        "the reservoir (2.000 mL) is already at or below the alarm volume (2.000 mL)",
        "no patient bolus allowance: the conservative dates equal the plain ones");
    ReservoirForecast above = ReservoirForecast.of(ml("2.000001"), t("2026-03-01T09:30"), simple(250, 500), ml("2"), ml("0.5"));
    assertThat(above.notes()).containsExactly("no patient bolus allowance: the conservative dates equal the plain ones");
    assertThatThrownBy(() -> ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), simple(250, 500), ml("2"), Volume.ofNanolitres(-1)))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("stop volume", ">= 0 mL"));
  }

  @Test
  void theBufferMayBeNoneOrSixtyDaysAndNothingOutside() {
    RefillPlan none = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("2"), 0);
    assertThat(none.refillBy()).isEqualTo(t("2026-03-27T02:38"));
    assertThat(none.boundBy()).isEqualTo(RefillPlan.Bound.LOW_RESERVOIR_ALARM);
    RefillPlan sixty = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("2"), 60);
    assertThat(sixty.refillBy()).isEqualTo(t("2026-03-01T09:30"));
    assertThat(sixty.bufferDays()).isEqualTo(60);
    assertThatThrownBy(() -> RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(350, 500), ml("2"), -1))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("buffer days", "0-60 days"));
  }

  @Test
  void theLargestDeadVolumeAndMarginAreAcceptedAndOneMoreIsRefused() {
    BridgeBolus b = BridgeBolus.of(mcgPerDay(400), mcgPerMl(500), mcgPerMl(2000), ml("10"), 200_000);
    // 10 mL less 20 % = 8 mL, at the old 0.8 mL/day: 10 days
    assertThat(b.bridgeVolume()).isEqualTo(ml("8"));
    assertThat(b.bridgeDuration()).isEqualTo(Duration.ofDays(10));
    assertThatThrownBy(() -> BridgeBolus.of(mcgPerDay(400), mcgPerMl(500), mcgPerMl(2000), Volume.ofNanolitres(10_000_001), 0))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("dead volume", "0.001-10.000 mL"));
    assertThatThrownBy(() -> BridgeBolus.of(mcgPerDay(400), mcgPerMl(500), mcgPerMl(2000), ml("0.25"), 200_001))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("bridge margin", "0-200000 ppm"));
    assertThatThrownBy(() -> BridgeBolus.of(mcgPerDay(400), mcgPerMl(500), mcgPerMl(2000), ml("0.25"), -1))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("bridge margin", "0-200000 ppm"));
  }

  @Test
  void trialDosesAreNumberedFromOneAndAZeroBolusIsNoScreeningDose() {
    TrialPlan plan = ScreeningTrial.plan(t("2026-03-01T09:30"), true);
    assertThat(plan.doses()).extracting(TestDose::number).containsExactly(1, 2, 3, 4);
    assertThat(plan.doses()).extracting(TestDose::dose)
        .containsExactly(Mass.ofMicrograms(25), Mass.ofMicrograms(50), Mass.ofMicrograms(75), Mass.ofMicrograms(100));
    assertThat(plan.doses().get(3).earliestAt()).isEqualTo(t("2026-03-04T09:30"));
    assertThatThrownBy(() -> ScreeningTrial.startingDose(Mass.ZERO, Duration.ofHours(6)))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("effective bolus", "> 0 and <= 100 mcg"));
    assertThat(ScreeningTrial.startingDose(new Mass(1), Duration.ofHours(6)).dailyDose()).contains(new DoseRate(2));
  }

  @Test
  void aDateExactlyAtTheTenYearHorizonIsGivenOneNanolitreLaterIsNot() {
    // 24 mcg/day at 500 mcg/mL = 48 000 nL/day; 2026-03-01 to 2036-03-01 is 3653 days
    Volume tenYears = Volume.ofNanolitres(48_000L * 3_653);
    ReservoirForecast at = ReservoirForecast.of(tenYears, t("2026-03-01T00:00"), simple(24, 500), Volume.ZERO);
    assertThat(at.alarmAt()).contains(t("2036-03-01T00:00"));
    assertThat(at.horizonEnd()).isEqualTo(t("2036-03-01T00:00"));
    ReservoirForecast beyond = ReservoirForecast.of(tenYears.plus(Volume.ofNanolitres(1)), t("2026-03-01T00:00"), simple(24, 500), Volume.ZERO);
    assertThat(beyond.alarmAt()).isEmpty();
    assertThat(beyond.notes()).startsWith("alarmAt: not within the 10-year forecast horizon (until 2036-03-01T00:00)");
  }

  @Test
  void aStoppedPumpNeverReachesTheAlarmAndSaysWhy() {
    Prescription stopped = new Prescription(BACLOFEN, mcgPerMl(500), new Stopped(), List.of(), Optional.empty());
    ReservoirForecast f = ReservoirForecast.of(ml("20"), t("2026-03-01T09:30"), stopped, ml("2"), ml("0.5"));
    assertThat(f.alarmAt()).isEmpty();
    assertThat(f.deliveryStopsAt()).isEmpty();
    assertThat(f.notes()).contains(
        "alarmAt: never reached, the prescription consume nothing (stopped, or rates that round to 0 nL/day)",
        "conservativeAlarmAt: never reached, the prescription and patient allowance consume nothing (stopped, or rates that round to 0 nL/day)");
  }

  @Test
  void aFillAtTheAlarmVolumeWarnsAndThePlanShowsTheForecastDates() {
    RefillPlan atAlarm = RefillCalculator.plan(PumpModels.ITB_20, ml("2"), t("2026-03-01T09:30"), simple(250, 500), ml("2"), 7);
    assertThat(atAlarm.warnings()).startsWith("the fill (2.000 mL) is at or below the alarm volume (2.000 mL): the pump alarms at once");
    RefillPlan above = RefillCalculator.plan(PumpModels.ITB_20, ml("2.001"), t("2026-03-01T09:30"), simple(250, 500), ml("2"), 0);
    assertThat(above.warnings()).isEmpty();
    RefillPlan plan = RefillCalculator.plan(PumpModels.ITB_20, ml("20"), t("2026-03-01T09:30"), simple(250, 500));
    assertThat(plan.emptyAt()).contains(t("2026-04-10T09:30"));
    assertThat(plan.alarmAt()).contains(t("2026-04-06T09:30"));
    assertThat(plan.deliveryStopsAt()).contains(t("2026-04-09T09:30"));
    assertThat(plan.conservativeDeliveryStopsAt()).contains(t("2026-04-09T09:30"));
  }

  @Test
  void negativeDosesAndVolumesAreRefusedByEveryConversion() {
    assertThatThrownBy(() -> Rates.volume(new Mass(-1), mcgPerMl(500)))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("dose", ">= 0"));
    assertThatThrownBy(() -> Rates.volumeToHold(new Mass(-1), mcgPerMl(500)))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("dose", ">= 0"));
    assertThatThrownBy(() -> Rates.mass(Volume.ofNanolitres(-1), mcgPerMl(500)))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("volume", ">= 0"));
    assertThat(Rates.volume(Mass.ZERO, mcgPerMl(500))).isEqualTo(Volume.ZERO);
    // 1 ng at 3 ng/mL: 333 333.3 nL, drawn up as 333 334
    assertThat(Rates.volumeToHold(new Mass(1), new Concentration(3))).isEqualTo(Volume.ofNanolitres(333_334));
    assertThat(Rates.volume(new Mass(1), new Concentration(3))).isEqualTo(Volume.ofNanolitres(333_333));
  }

  @Test
  void theLargestLongIsRepresentableOneMoreIsRefused() {
    assertThat(Exact.toLong(BigInteger.valueOf(Long.MAX_VALUE), "f", "g")).isEqualTo(Long.MAX_VALUE);
    assertThat(Exact.toLong(BigInteger.valueOf(Long.MIN_VALUE), "f", "g")).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> Exact.toLong(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), "f", "g"))
        .isInstanceOfSatisfying(InvalidValueException.class, refusal("f", "values whose result fits the exact integer units"));
  }

  @Test
  void aScheduledBolusCountsFromItsStartToItsEndOnly() {
    // 250 mcg/day at 500 mcg/mL = 0.5 mL/day; a 50 mcg (0.1 mL) bolus 08:00-09:00. From 06:00 to 12:00:
    // 0.125 mL basal + 0.1 mL bolus = 0.225 mL, so 2.225 mL reaches the 2 mL alarm at 12:00 exactly.
    Prescription p = simple(250, 500).withScheduledBoluses(List.of(new ScheduledBolus(hm("08:00"), Mass.ofMicrograms(50), Duration.ofHours(1))));
    ReservoirForecast f = ReservoirForecast.of(ml("2.225"), t("2026-03-01T06:00"), p, ml("2"));
    assertThat(f.alarmAt()).contains(t("2026-03-01T12:00"));
    // 0.01 mL into the bolus hour: 0.5 mL/day + 0.1 mL/h = 2.9 mL/day -> 0.01 / 2.9 days = 4 min 57.9 s -> 08:04
    ReservoirForecast during = ReservoirForecast.of(ml("2.01"), t("2026-03-01T08:00"), p, ml("2"));
    assertThat(during.alarmAt()).contains(t("2026-03-01T08:04"));
  }

  @Test
  void continuousAndStoppedProgramsRunOneRateAllDay() {
    assertThat(new SimpleContinuous(mcgPerDay(350)).rateAt(hm("00:00"))).isEqualTo(mcgPerDay(350));
    assertThat(new SimpleContinuous(mcgPerDay(350)).rateAt(hm("23:59"))).isEqualTo(mcgPerDay(350));
    assertThat(new Stopped().rateAt(hm("12:00"))).isEqualTo(DoseRate.ZERO);
  }
}
