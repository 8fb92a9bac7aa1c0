// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.hardware.Pumps.C500;
import static org.openitb.hardware.Pumps.MINUTE;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

class FluidPathTest {
  @Test
  void drugReachesThePatientOnlyOnceTheDeadSpaceIsPushedThrough() {
    FluidPath path = new FluidPath(1_000);

    assertThat(path.push(250, 125, 1)).isZero();
    assertThat(path.push(250, 125, 1)).isZero();
    assertThat(path.push(250, 125, 1)).isZero();
    assertThat(path.push(250, 125, 1)).isZero();
    assertThat(path.push(250, 125, 1)).isEqualTo(125);
    assertThat(path.massNanograms()).isEqualTo(500);
  }

  @Test
  void aNewMixFollowsTheOldOneOutOfTheCatheter() {
    FluidPath path = new FluidPath(500);
    path.refillWith(500_000); // primed with 500 mcg/mL: 250 ng in 500 nL

    assertThat(path.push(250, 500, 7)).isEqualTo(125); // old drug comes out while 2 ng/nL goes in
    assertThat(path.push(125, 250, 7)).isEqualTo(62);
    assertThat(path.push(250, 500, 7)).isEqualTo(63 + 250); // the last old 125 nL, then 125 nL of the new mix
    assertThat(path.push(250, 500, 7)).isEqualTo(500);
    assertThat(path.massNanograms()).isEqualTo(1_000); // 500 nL of the new mix
  }

  @Test
  void withoutDeadSpaceAStrokeReachesThePatientAtOnce() {
    FluidPath path = new FluidPath(0);

    assertThat(path.push(250, 125, 1)).isEqualTo(125);
    assertThat(path.massNanograms()).isZero();
  }

  @Test
  void afterAConcentrationChangeThePatientGetsTheOldConcentrationForOneDeadSpace() {
    Recorder recorder = new Recorder();
    recorder.recordStrokes = true;
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_20, "SN-F", 1)
        .parameters(HardwareParameters.ideal().withFluidPathVolume(Volume.ofNanolitres(1_000)))
        .firmware(new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)))
        .listener(recorder)
        .build();
    pump.fillReservoir(Volume.ofMillilitres(10), C500);
    pump.primeFluidPath(C500);
    pump.powerOn();
    pump.runUntil(2 * MINUTE);
    pump.withdraw();
    pump.fillReservoir(Volume.ofMillilitres(10), Concentration.ofMicrogramsPerMillilitre(2_000));

    pump.runUntil(8 * MINUTE);

    assertThat(recorder.strokeMasses).containsExactly(125L, 125L, 125L, 125L, 125L, 125L, 500L, 500L);
  }
}
