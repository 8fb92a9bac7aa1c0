// SPDX-License-Identifier: Apache-2.0
package org.openitb.hardware;

import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/** Builders for the pumps the tests use: an ITB-20 with a fake firmware, powered on and filled. */
final class Pumps {
  static final long SECOND = 1_000;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  static final long STROKE_NL = 250;
  static final Concentration C500 = Concentration.ofMicrogramsPerMillilitre(500);

  private Pumps() {}

  static SimulatedPump filled(HardwareParameters parameters, long seed, FakeFirmware.Factory firmware, PhysicalListener recorder) {
    SimulatedPump pump = SimulatedPump.builder(PumpModels.ITB_20, "SN-" + seed, seed)
        .parameters(parameters)
        .firmware(firmware)
        .listener(recorder)
        .build();
    pump.fillReservoir(Volume.ofMillilitres(20), C500);
    pump.powerOn();
    return pump;
  }

  static SimulatedPump idealStrokingEveryMinute(Recorder recorder) {
    return filled(HardwareParameters.ideal(), 1, new FakeFirmware.Factory(FakeFirmware.Behaviour.strokeEvery(MINUTE)), recorder);
  }
}
