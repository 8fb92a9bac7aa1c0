// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;
import org.openitb.therapy.units.VolumeRate;

/** Every consistency rule of a pump model at its last accepted and first refused value, and the two range checks. */
class PumpModelTest {
  private static final Volume RESERVOIR = Volume.ofMillilitres(20);
  private static final Volume TUBING = Volume.ofMicrolitres(140);
  private static final VolumeRate MIN_RATE = VolumeRate.ofMicrolitresPerDay(48);
  private static final VolumeRate MAX_RATE = VolumeRate.ofMicrolitresPerDay(24_000);
  private static final Volume STROKE = Volume.ofNanolitres(250);
  private static final Volume ALARM_DEFAULT = Volume.ofMillilitres(2);
  private static final Volume ALARM_MIN = Volume.ofMillilitres(1);
  private static final Volume ALARM_MAX = Volume.ofMillilitres(5);
  private static final Volume STOP = Volume.ofMicrolitres(500);

  /** The ITB-20 parameters with the given values replaced. */
  private record P(Volume reservoir, Volume tubing, VolumeRate minRate, VolumeRate maxRate, Volume stroke, Volume alarmDefault,
      Volume alarmMin, Volume alarmMax, int flexSteps, Volume stop, long mri, long margin) {
    static P itb20() {
      return new P(RESERVOIR, TUBING, MIN_RATE, MAX_RATE, STROKE, ALARM_DEFAULT, ALARM_MIN, ALARM_MAX, 10, STOP, 1_500,
          PumpModels.BRIDGE_MARGIN_PPM);
    }

    PumpModel build() {
      return new PumpModel("T", reservoir, tubing, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, Volume.ofMillilitres(1),
          flexSteps, Duration.ofDays(90), Period.ofYears(7), Duration.ofHours(1), Duration.ofMinutes(10), stop, mri,
          new SecondPersonRule(30, 100, true, true, 720), margin);
    }

    P reservoir(Volume v) {
      return new P(v, tubing, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, flexSteps, stop, mri, margin);
    }

    P tubing(Volume v) {
      return new P(reservoir, v, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, flexSteps, stop, mri, margin);
    }

    P stroke(Volume v) {
      return new P(reservoir, tubing, minRate, maxRate, v, alarmDefault, alarmMin, alarmMax, flexSteps, stop, mri, margin);
    }

    P rates(VolumeRate min, VolumeRate max) {
      return new P(reservoir, tubing, min, max, stroke, alarmDefault, alarmMin, alarmMax, flexSteps, stop, mri, margin);
    }

    P alarms(Volume min, Volume dflt, Volume max) {
      return new P(reservoir, tubing, minRate, maxRate, stroke, dflt, min, max, flexSteps, stop, mri, margin);
    }

    P stop(Volume v) {
      return new P(reservoir, tubing, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, flexSteps, v, mri, margin);
    }

    P mri(long v) {
      return new P(reservoir, tubing, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, flexSteps, stop, v, margin);
    }

    P margin(long v) {
      return new P(reservoir, tubing, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, flexSteps, stop, mri, v);
    }

    P flexSteps(int v) {
      return new P(reservoir, tubing, minRate, maxRate, stroke, alarmDefault, alarmMin, alarmMax, v, stop, mri, margin);
    }
  }

  private static Volume nl(long v) {
    return Volume.ofNanolitres(v);
  }

  private static void refused(ThrowingCallable c, String value, String allowed) {
    assertThatThrownBy(c).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("pumpModel T");
      assertThat(e.value()).isEqualTo(value);
      assertThat(e.allowed()).isEqualTo(allowed);
    });
  }

  @Test
  void theDefaultParametersMakeAModelWithExactlyThoseValues() {
    PumpModel m = P.itb20().build();
    assertThat(m.reservoir()).isEqualTo(nl(20_000_000));
    assertThat(m.pumpTubing()).isEqualTo(nl(140_000));
    assertThat(m.minRate()).isEqualTo(new VolumeRate(48_000));
    assertThat(m.maxRate()).isEqualTo(new VolumeRate(24_000_000));
    assertThat(m.deliveryStopVolume()).isEqualTo(nl(500_000));
    assertThat(PumpModels.ITB_20.minRate()).isEqualTo(new VolumeRate(48_000));
    assertThat(PumpModels.ITB_40.reservoir()).isEqualTo(nl(40_000_000));
    assertThat(PumpModels.ITB_40.refillDiscrepancyLimit()).isEqualTo(nl(2_000_000));
  }

  @Test
  void everyVolumeMustBePositive() {
    String allowed = "> 0";
    refused(() -> P.itb20().reservoir(Volume.ZERO).build(), "0.000 mL, stroke 0.00025 mL, tubing 0.140 mL", allowed);
    refused(() -> P.itb20().stroke(Volume.ZERO).build(), "20.000 mL, stroke 0.000 mL, tubing 0.140 mL", allowed);
    refused(() -> P.itb20().tubing(Volume.ZERO).build(), "20.000 mL, stroke 0.00025 mL, tubing 0.000 mL", allowed);
    assertThat(P.itb20().stroke(nl(1)).tubing(nl(1)).build().strokeVolume()).isEqualTo(nl(1));
  }

  @Test
  void theRateRangeIsNonZeroAndOrderedAndMayBeASingleRate() {
    String allowed = "0 < minRate <= maxRate";
    assertThat(P.itb20().rates(MAX_RATE, MAX_RATE).build().minRate()).isEqualTo(MAX_RATE);
    refused(() -> P.itb20().rates(new VolumeRate(24_000_001), MAX_RATE).build(), "24.000 mL/day..24.000 mL/day", allowed);
    refused(() -> P.itb20().rates(VolumeRate.ZERO, MAX_RATE).build(), "0.000 mL/day..24.000 mL/day", allowed);
    assertThat(P.itb20().rates(new VolumeRate(1), MAX_RATE).build().minRate()).isEqualTo(new VolumeRate(1));
  }

  @Test
  void theAlarmRangeIsOrderedAndBelowTheReservoir() {
    String allowed = "min <= default <= max < reservoir";
    Volume twenty = RESERVOIR;
    Volume justBelow = nl(19_999_999);
    // last accepted: min = default = max = reservoir - 1 nL
    PumpModel tight = P.itb20().alarms(justBelow, justBelow, justBelow).stop(STOP).build();
    assertThat(tight.maxLowReservoirAlarm()).isEqualTo(justBelow);
    refused(() -> P.itb20().alarms(ALARM_MIN, ALARM_DEFAULT, twenty).build(), "1.000 mL <= 2.000 mL <= 20.000 mL", allowed);
    refused(() -> P.itb20().alarms(nl(2_000_001), ALARM_DEFAULT, ALARM_MAX).build(), "2.000 mL <= 2.000 mL <= 5.000 mL", allowed);
    refused(() -> P.itb20().alarms(ALARM_MIN, ALARM_DEFAULT, nl(1_999_999)).build(), "1.000 mL <= 2.000 mL <= 2.000 mL", allowed);
    assertThat(P.itb20().alarms(ALARM_DEFAULT, ALARM_DEFAULT, ALARM_DEFAULT).build().defaultLowReservoirAlarm()).isEqualTo(ALARM_DEFAULT);
  }

  @Test
  void theDeliveryStopVolumeLiesBelowTheLowestAlarm() {
    assertThat(P.itb20().stop(Volume.ZERO).build().deliveryStopVolume()).isEqualTo(Volume.ZERO);
    assertThat(P.itb20().stop(nl(999_999)).build().deliveryStopVolume()).isEqualTo(nl(999_999));
    refused(() -> P.itb20().stop(ALARM_MIN).build(), "1.000 mL", "0 mL <= stop volume < 1.000 mL");
    refused(() -> P.itb20().stop(nl(-1_000)).build(), "-0.001 mL", "0 mL <= stop volume < 1.000 mL");
  }

  @Test
  void theMriLimitTheMarginAndTheFlexStepsAreInRange() {
    refused(() -> P.itb20().mri(0).build(), "0 mT", "> 0 mT");
    assertThat(P.itb20().mri(1).build().maxMriFieldMilliTesla()).isEqualTo(1);
    refused(() -> P.itb20().margin(-1).build(), "-1 ppm", "0-200000 ppm");
    refused(() -> P.itb20().margin(200_001).build(), "200001 ppm", "0-200000 ppm");
    assertThat(P.itb20().margin(0).build().bridgeMarginPpm()).isZero();
    assertThat(P.itb20().margin(200_000).build().bridgeMarginPpm()).isEqualTo(200_000);
    refused(() -> P.itb20().flexSteps(0).build(), "0", ">= 1");
    assertThat(P.itb20().flexSteps(1).build().maxFlexSteps()).isEqualTo(1);
  }

  @Test
  void settableAlarmsAndProgrammableRatesIncludeBothEnds() {
    PumpModel m = PumpModels.ITB_20;
    assertThat(m.isSettableLowReservoirAlarm(nl(999_999))).isFalse();
    assertThat(m.isSettableLowReservoirAlarm(nl(1_000_000))).isTrue();
    assertThat(m.isSettableLowReservoirAlarm(nl(5_000_000))).isTrue();
    assertThat(m.isSettableLowReservoirAlarm(nl(5_000_001))).isFalse();
    assertThat(m.isProgrammableRate(VolumeRate.ZERO)).isTrue();
    assertThat(m.isProgrammableRate(new VolumeRate(47_999))).isFalse();
    assertThat(m.isProgrammableRate(new VolumeRate(48_000))).isTrue();
    assertThat(m.isProgrammableRate(new VolumeRate(24_000_000))).isTrue();
    assertThat(m.isProgrammableRate(new VolumeRate(24_000_001))).isFalse();
  }

  @Test
  void modelsAreFoundBySizeAndNameOrRefusedWithTheChoices() {
    assertThat(PumpModels.byReservoirMillilitres(40)).isSameAs(PumpModels.ITB_40);
    assertThat(PumpModels.byName(" itb-20 ")).isSameAs(PumpModels.ITB_20);
    assertThatThrownBy(() -> PumpModels.byReservoirMillilitres(30)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("reservoir");
      assertThat(e.allowed()).isEqualTo("20 or 40 mL");
    });
    assertThatThrownBy(() -> PumpModels.byName("ITB-30")).isInstanceOfSatisfying(InvalidValueException.class, e -> {
      assertThat(e.field()).isEqualTo("pumpModel");
      assertThat(e.allowed()).isEqualTo("ITB-20, ITB-40");
    });
  }
}
