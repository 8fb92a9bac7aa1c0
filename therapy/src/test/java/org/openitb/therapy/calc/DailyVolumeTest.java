// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.therapy.calc.Fixtures.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.Stopped;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class DailyVolumeTest {

  @Test
  void simpleContinuous() {
    // 350 mcg/day / 500 mcg/mL = 0.7 mL/day
    DailyVolume d = DailyVolume.of(simple(350, 500));
    assertThat(d.basalNanolitres()).isEqualTo(Fraction.of(700_000));
    assertThat(d.total()).isEqualTo(ml("0.7"));
    assertThat(d.totalWithPatientBoluses()).isEqualTo(ml("0.7"));
  }

  @Test
  void flexIsTimeWeightedAndExact() {
    // 06:00-22:00 (16 h) at 400 mcg/day = 0.8 mL/day -> 0.5333 mL; 22:00-06:00 (8 h) at 0.4 mL/day -> 0.1333 mL.
    DailyVolume d = DailyVolume.of(flex("06:00=400,22:00=200", 500));
    assertThat(d.basalNanolitres()).isEqualTo(Fraction.of(2_000_000, 3));
    assertThat(d.basal()).isEqualTo(Volume.ofNanolitres(666_667)); // rounded up
    assertThat(d.total().millilitres()).isEqualTo("0.667");
  }

  @Test
  void eachStepRateIsRoundedDownAsThePumpRunsIt() {
    // 1 ng/day at 2000 mcg/mL = 0.5 nL/day exactly -> the pump runs 0 nL/day; 3 ng/day -> 1.5 -> 1 nL/day.
    DailyVolume d = DailyVolume.of(flex("00:00=0.001,12:00=0.003", 2000));
    assertThat(d.basalNanolitres()).isEqualTo(Fraction.of(1, 2)); // 0 for 12 h + 1 nL/day for 12 h
    assertThat(d.basal()).isEqualTo(Volume.ofNanolitres(1));
  }

  @Test
  void scheduledAndPatientBoluses() {
    Prescription p = simple(300, 500)
        .withScheduledBoluses(List.of(new ScheduledBolus(hm("08:00"), Mass.ofMicrograms(50), Duration.ofMinutes(30))))
        .withPatientBolus(patient(25, 4));
    DailyVolume d = DailyVolume.of(p);
    assertThat(d.basal()).isEqualTo(ml("0.6"));
    assertThat(d.scheduledBoluses()).isEqualTo(ml("0.1"));
    assertThat(d.patientBolusMaximum()).isEqualTo(ml("0.2"));
    assertThat(d.total()).isEqualTo(ml("0.7"));
    assertThat(d.totalWithPatientBoluses()).isEqualTo(ml("0.9"));
  }

  @Test
  void stoppedUsesNothing() {
    DailyVolume d = DailyVolume.of(new Prescription(BACLOFEN, mcgPerMl(500), new Stopped(), List.of(), java.util.Optional.empty()));
    assertThat(d.total()).isEqualTo(Volume.ZERO);
  }
}
