// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.hal.Tone.CRITICAL_TWO_TONE;
import static org.openitb.firmware.hal.Tone.NON_CRITICAL_SINGLE_TONE;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.PumpEvent.AlarmRaised;
import org.openitb.firmware.PumpEvent.EndOfService;
import org.openitb.firmware.PumpEvent.EndReason;
import org.openitb.firmware.PumpEvent.EriReason;
import org.openitb.firmware.PumpEvent.ReplacementIndicator;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

class PowerTest {
  private static final long ERI_TO_EOS = 90 * DAY;
  /** 7 years of 365 days. */
  private static final long SERVICE_LIFE = 7 * 365 * DAY;

  /** 100 mcg/day at 2000 mcg/mL: 0.05 mL/day, 200 strokes a day; the fill lasts 390 days. */
  private static TestPump slowPump() {
    Prescription rx = Prescription.simple(TestPump.BACLOFEN, Concentration.ofMicrogramsPerMillilitre(2000), DoseRate.ofMicrogramsPerDay(100));
    return new TestPump().running(rx);
  }

  private static long timeOf(TestPump pump, Class<? extends PumpEvent> type) {
    return pump.events.stream().filter(e -> type.isInstance(e.event())).findFirst().orElseThrow().rtcMillis();
  }

  @Test
  void theReplacementIndicatorComesWhenTheBatteryLastsHalfAYearAndServiceEnds90DaysLater() {
    TestPump pump = slowPump();
    pump.hw.battery.perStroke = 0;
    pump.hw.battery.idlePerDay = FakeHardware.FakeBattery.CAPACITY / 400; // flat for 400 days
    pump.runUntil(200 * DAY);
    assertThat(pump.all(ReplacementIndicator.class)).isEmpty();
    long n = pump.lastEvent();
    pump.runUntil(330 * DAY);

    long eri = timeOf(pump, ReplacementIndicator.class);
    // 180 days of charge left at the measured rate: day 220 of 400, give or take the daily sampling
    assertThat(eri).isBetween(220 * DAY, 221 * DAY);
    assertThat(pump.eventsAfter(n)).containsExactly(
        new ReplacementIndicator(EriReason.PROJECTED_BATTERY_LIFE, eri + ERI_TO_EOS),
        new AlarmRaised(AlarmKind.REPLACEMENT_INDICATOR, NON_CRITICAL_SINGLE_TONE),
        new EndOfService(EndReason.BATTERY),
        new AlarmRaised(AlarmKind.END_OF_SERVICE, CRITICAL_TWO_TONE));
    assertThat(timeOf(pump, EndOfService.class)).isEqualTo(eri + ERI_TO_EOS);
    assertThat(pump.status().mode()).isEqualTo(Mode.END_OF_SERVICE);
    assertThat(pump.status().endOfServiceAtRtc()).hasValue(eri + ERI_TO_EOS);
  }

  @Test
  void deliveryContinuesUnchangedBetweenReplacementIndicatorAndEndOfServiceThenStops() {
    TestPump pump = slowPump();
    pump.hw.battery.perStroke = 0;
    pump.hw.battery.idlePerDay = FakeHardware.FakeBattery.CAPACITY / 400;
    pump.runUntil(222 * DAY);
    long afterEri = pump.strokes();
    pump.runUntil(223 * DAY);
    assertThat(pump.strokes() - afterEri).isEqualTo(200);
    pump.runUntil(312 * DAY);
    long atEos = pump.strokes();
    pump.runUntil(320 * DAY);

    assertThat(pump.strokes()).isEqualTo(atEos);
    pump.refuse(new Command.ProgramTherapy(TestPump.simple(100), Etiology.SPINAL, Volume.ofMillilitres(2)), TestPump.CLINIC, Code.NOT_NOW);
    pump.accept(new Command.ClearAlarms()); // conditions persist: both re-raised
    assertThat(pump.status().alarms()).containsExactlyInAnyOrder(AlarmKind.REPLACEMENT_INDICATOR, AlarmKind.END_OF_SERVICE);
  }

  @Test
  void theServiceLifeEndsAfterSevenYearsWithTheIndicator90DaysAhead() {
    TestPump pump = new TestPump().boot();

    pump.runUntil(SERVICE_LIFE + DAY);

    assertThat(pump.eventsAfter(1)).containsExactly(
        new ReplacementIndicator(EriReason.SERVICE_LIFE, SERVICE_LIFE),
        new AlarmRaised(AlarmKind.REPLACEMENT_INDICATOR, NON_CRITICAL_SINGLE_TONE),
        new EndOfService(EndReason.SERVICE_LIFE),
        new AlarmRaised(AlarmKind.END_OF_SERVICE, CRITICAL_TWO_TONE));
    assertThat(timeOf(pump, ReplacementIndicator.class)).isEqualTo(SERVICE_LIFE - ERI_TO_EOS);
    assertThat(timeOf(pump, EndOfService.class)).isEqualTo(SERVICE_LIFE);
    assertThat(pump.status().serviceLifeEndsAtRtc()).isEqualTo(SERVICE_LIFE);
  }

  @Test
  void anExhaustedBatteryStopsDeliveryAtOnceButNeverSilently() {
    TestPump pump = slowPump();
    pump.runUntil(10 * DAY);
    long n = pump.lastEvent();
    pump.hw.battery.override = FakeHardware.FakeBattery.CAPACITY / 200; // 0.5 %: a failing cell
    pump.runUntil(10 * DAY + HOUR);

    long at = timeOf(pump, ReplacementIndicator.class);
    assertThat(pump.eventsAfter(n)).containsExactly(
        new ReplacementIndicator(EriReason.LOW_CHARGE, at + ERI_TO_EOS),
        new AlarmRaised(AlarmKind.REPLACEMENT_INDICATOR, NON_CRITICAL_SINGLE_TONE),
        new EndOfService(EndReason.BATTERY),
        new AlarmRaised(AlarmKind.END_OF_SERVICE, CRITICAL_TWO_TONE));
    assertThat(pump.status().mode()).isEqualTo(Mode.END_OF_SERVICE);
  }

  @Test
  void aLowChargeRaisesTheIndicatorEvenBeforeConsumptionIsKnown() {
    TestPump pump = slowPump();
    pump.hw.battery.override = FakeHardware.FakeBattery.CAPACITY * 25 / 1000; // 2.5 %
    pump.runUntil(HOUR);

    assertThat(pump.all(ReplacementIndicator.class)).containsExactly(new ReplacementIndicator(EriReason.LOW_CHARGE, HOUR + ERI_TO_EOS));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
  }

  @Test
  void theIndicatorAndEndOfServiceSurviveAReset() {
    TestPump pump = slowPump();
    pump.hw.battery.override = FakeHardware.FakeBattery.CAPACITY * 25 / 1000;
    pump.runUntil(DAY);
    pump.hw.battery.override = FakeHardware.FakeBattery.CAPACITY / 2; // a reading the gauge gets wrong after the reset
    pump.replaceFirmwareAndReset();
    pump.runUntil(HOUR + ERI_TO_EOS + HOUR);

    assertThat(timeOf(pump, EndOfService.class)).isEqualTo(HOUR + ERI_TO_EOS);
    assertThat(pump.all(ReplacementIndicator.class)).hasSize(1);
    assertThat(pump.hw.buzzer.sounds).isNotEmpty();
    assertThat(Optional.of(pump.status().mode())).contains(Mode.END_OF_SERVICE);
  }
}
