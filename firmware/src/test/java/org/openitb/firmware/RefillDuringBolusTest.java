// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.CLINIC;
import static org.openitb.firmware.TestPump.HOUR;
import static org.openitb.firmware.TestPump.MINUTE;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.BolusEnded;
import org.openitb.firmware.PumpEvent.BolusStarted;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.engine.BolusKind;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Issue 11.7: a one-off bolus running when the reservoir is refilled ends with the refill. Its
 * remaining dose was planned against the reservoir that was just emptied and, after a concentration
 * change, against the old concentration: carried on in mass it pushes the old fluid still in tubing
 * and catheter at the new volume per microgram (2000 -> 500 mcg/mL: four times the remaining dose at
 * the tip). The clinician gives it again if it is still wanted, with the new concentration in mind.
 */
class RefillDuringBolusTest {
  private static final Concentration C2000 = Concentration.ofMicrogramsPerMillilitre(2000);

  @Test
  void aRefillAtTheSameConcentrationEndsTheRunningClinicianBolusAndSaysSo() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // 1 mL/day at 500 mcg/mL
    pump.runUntil(HOUR);
    long n = pump.lastEvent();
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(50), Duration.ofHours(1))); // 0.1 mL = 400 strokes
    pump.runUntil(HOUR + 30 * MINUTE);
    Volume before = pump.status().reservoirBelief();

    CommandResult r = pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    long atRefill = pump.strokes();
    pump.runUntil(2 * HOUR + 30 * MINUTE);

    assertThat(((CommandResult.Accepted) r).details()).contains("clinician bolus ended by the refill");
    assertThat(pump.eventsAfter(n)).containsExactly(
        new BolusStarted(CLINIC, BolusKind.CLINICIAN, Mass.ofMicrograms(50), Volume.ofMicrolitres(100), Duration.ofHours(1)),
        new Refilled(CLINIC, before, Optional.empty(), Volume.ofMillilitres(20), TestPump.C500, false),
        new BolusEnded(BolusKind.CLINICIAN, false));
    // the hour after the refill is basal only: 1 mL/day = 4 000 strokes a day, 166.67 an hour (the bolus would add 200)
    assertThat(pump.strokes() - atRefill).isBetween(166L, 167L);
    assertThat(pump.status().activeBoluses()).isEmpty();
  }

  @Test
  void aRefillThatDilutesTheDrugDoesNotCarryTheBolusOnAtTheNewVolumePerMicrogram() {
    TestPump pump = new TestPump().running(TestPump.simple(500)); // at 500 mcg/mL
    pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, C2000, Optional.empty()));
    pump.runUntil(HOUR);
    long n = pump.lastEvent();
    pump.accept(new Command.ClinicianBolus(Mass.ofMicrograms(100), Duration.ofHours(1)));
    pump.runUntil(HOUR + 30 * MINUTE);

    CommandResult r = pump.accept(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    long atRefill = pump.strokes();
    pump.runUntil(2 * HOUR + 30 * MINUTE);

    assertThat(((CommandResult.Accepted) r).details()).contains("clinician bolus ended by the refill");
    assertThat(pump.eventsAfter(n)).last().isEqualTo(new BolusEnded(BolusKind.CLINICIAN, false));
    // 500 mcg/day at 500 mcg/mL: 166.67 strokes an hour; the remaining 50 mcg at 500 mcg/mL would add 400
    assertThat(pump.strokes() - atRefill).isBetween(166L, 167L);
  }
}
