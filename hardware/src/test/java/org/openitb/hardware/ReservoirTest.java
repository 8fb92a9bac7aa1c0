// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.C500;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class ReservoirTest {
  private static SimulatedPump empty(Recorder recorder) {
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_20, "SN-R", 1)
        .parameters(HardwareParameters.ideal())
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)))
        .listener(recorder)
        .build();
    pump.powerOn();
    return pump;
  }

  @Test
  void anEmptyReservoirPumpsAirTheRotorStillTurnsAndNothingGoesNegative() {
    Recorder recorder = new Recorder();
    recorder.recordStrokes = true;
    SimulatedPump pump = empty(recorder);
    pump.fillReservoir(Volume.ofNanolitres(600), C500);

    pump.runUntil(5 * MINUTE);

    assertThat(recorder.strokeVolumes).containsExactly(250L, 250L, 100L, 0L, 0L);
    assertThat(recorder.strokeMasses).containsExactly(125L, 125L, 50L, 0L, 0L);
    assertThat(pump.rotations()).isEqualTo(5);
    assertThat(pump.stalls()).isZero();
    assertThat(pump.trueReservoirVolume()).isEqualTo(Volume.ZERO);
    assertThat(pump.trueReservoirMass()).isEqualTo(Mass.ZERO);
    assertThat(pump.trueReservoirConcentration()).isEmpty();
    assertThat(pump.trueDeliveredVolume()).isEqualTo(Volume.ofNanolitres(600));
  }

  @Test
  void anOverfillBeyondTheNominalReservoirStaysInTheSyringe() {
    SimulatedPump pump = empty(new Recorder());
    pump.fillReservoir(Volume.ofMillilitres(15), C500);

    FillResult result = pump.fillReservoir(Volume.ofMillilitres(8), C500);

    assertThat(result.entered()).isEqualTo(Volume.ofMillilitres(5));
    assertThat(result.refusedAsOverfill()).isEqualTo(Volume.ofMillilitres(3));
    assertThat(result.intoPocket()).isEqualTo(Volume.ZERO);
    assertThat(result.injected()).isEqualTo(Volume.ofMillilitres(8));
    assertThat(pump.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(20));
  }

  @Test
  void aRefillOfAnotherConcentrationMixesWithTheResidual() {
    SimulatedPump pump = empty(new Recorder());
    pump.fillReservoir(Volume.ofMillilitres(5), C500);

    pump.fillReservoir(Volume.ofMillilitres(15), Concentration.ofMicrogramsPerMillilitre(2_000));

    // (5 x 500 + 15 x 2000) / 20 = 1625 mcg/mL
    assertThat(pump.trueReservoirConcentration()).contains(Concentration.ofMicrogramsPerMillilitre(1_625));
    assertThat(pump.trueReservoirMass()).isEqualTo(Mass.ofMicrograms(32_500));
    pump.runUntil(MINUTE);
    assertThat(pump.trueDeliveredMass()).isEqualTo(Mass.ofNanograms(406)); // 250 nL x 1.625 ng/nL, rounded down
  }

  @Test
  void withdrawalEmptiesTheTrueReservoirAndReturnsItsVolume() {
    SimulatedPump pump = empty(new Recorder());
    pump.fillReservoir(Volume.ofMillilitres(20), C500);
    pump.runUntil(4 * MINUTE);

    assertThat(pump.withdraw()).isEqualTo(Volume.ofNanolitres(20_000_000 - 4 * 250));
    assertThat(pump.trueReservoirVolume()).isEqualTo(Volume.ZERO);
    assertThat(pump.withdraw()).isEqualTo(Volume.ZERO);
  }

  @Test
  void aPocketFillSendsTheNextInjectionIntoTheTissueNotEarlierOnesNorLaterOnes() {
    Recorder recorder = new Recorder();
    SimulatedPump pump = empty(recorder);
    pump.inject(new Fault.PocketFill(10 * MINUTE, 750_000));
    pump.runUntil(5 * MINUTE);
    FillResult before = pump.fillReservoir(Volume.ofMillilitres(4), C500);
    pump.runUntil(10 * MINUTE);
    pump.withdraw();

    FillResult missed = pump.fillReservoir(Volume.ofMillilitres(20), C500);
    FillResult after = pump.fillReservoir(Volume.ofMillilitres(4), C500);

    assertThat(before.intoPocket()).isEqualTo(Volume.ZERO);
    assertThat(missed.intoPocket()).isEqualTo(Volume.ofMillilitres(15));
    assertThat(missed.entered()).isEqualTo(Volume.ofMillilitres(5));
    assertThat(after.entered()).isEqualTo(Volume.ofMillilitres(4));
    assertThat(pump.trueReservoirVolume()).isEqualTo(Volume.ofMillilitres(9));
    assertThat(pump.truePocketVolume()).isEqualTo(Volume.ofMillilitres(15));
    assertThat(pump.truePocketMass()).isEqualTo(Mass.ofMilligrams(7).plus(Mass.ofMicrograms(500)));
    assertThat(recorder.events).contains(10 * MINUTE + " pocket 15000000 nL 7500000 ng");
  }

  @Test
  void aPocketFillAndAnOverfillTogetherAccountForEveryNanolitre() {
    SimulatedPump pump = empty(new Recorder());
    pump.fillReservoir(Volume.ofMillilitres(15), C500);
    pump.inject(new Fault.PocketFill(0, 250_000));
    pump.runUntil(0);

    FillResult result = pump.fillReservoir(Volume.ofMillilitres(12), C500);

    assertThat(result.intoPocket()).isEqualTo(Volume.ofMillilitres(3));
    assertThat(result.entered()).isEqualTo(Volume.ofMillilitres(5));
    assertThat(result.refusedAsOverfill()).isEqualTo(Volume.ofMillilitres(4));
  }

  @Test
  void massIsConservedAcrossStrokesRefillsAndWithdrawals() {
    HardwareParameters noisy = HardwareParameters.typical().withFluidPathVolume(Volume.ofMicrolitres(250));
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_20, "SN-M", 9).parameters(noisy)
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(7_000))).build();
    pump.powerOn();
    long injected = 0;
    long withdrawn = 0;
    Concentration[] drugs = {C500, Concentration.ofMicrogramsPerMillilitre(2_000), new Concentration(333_333)};
    for (int visit = 0; visit < 6; visit++) {
      withdrawn += pump.trueReservoirMass().nanograms();
      pump.withdraw();
      Concentration drug = drugs[visit % drugs.length];
      pump.fillReservoir(Volume.ofMillilitres(20), drug);
      injected += Volume.ofMillilitres(20).massAt(drug, org.openitb.therapy.units.Rounding.DOWN).nanograms();
      pump.runUntil(pump.nowMillis() + 10 * Pumps.DAY);
    }

    long accounted = withdrawn + pump.trueReservoirMass().nanograms() + pump.trueFluidPathMass().nanograms()
        + pump.trueDeliveredMass().nanograms();
    assertThat(accounted).isEqualTo(injected);
    assertThat(pump.truePumpedMass().nanograms())
        .isEqualTo(pump.trueDeliveredMass().nanograms() + pump.trueFluidPathMass().nanograms());
  }
}
