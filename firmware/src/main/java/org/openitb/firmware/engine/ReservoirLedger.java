// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/**
 * The pump's belief of its reservoir: what was filled, minus one stroke volume for every stroke
 * whose rotor turned (and every uncommanded rotation). The truth is in the hardware; refills
 * compare the two. Delivery stops before the belief falls below {@link #emptyStop}: the model's
 * {@link PumpModel#deliveryStopVolume() delivery stop volume} (0.5 mL for the default models), the
 * same volume the calculators' {@code deliveryStopsAt} uses.
 */
public final class ReservoirLedger {
  public final long strokeNl;
  final long emptyStopNl;
  public Drug drug;
  public Concentration concentration;
  /** Concentration of the fluid still in tubing and catheter after a refill changed it (null when the same). */
  public Concentration tubingConcentration;
  public boolean bridgePending;
  public long beliefNl;
  public long lowAlarmNl;

  public ReservoirLedger(PumpModel model) {
    this.strokeNl = model.strokeVolume().nanolitres();
    this.emptyStopNl = model.deliveryStopVolume().nanolitres();
    this.lowAlarmNl = model.defaultLowReservoirAlarm().nanolitres();
  }

  Volume emptyStop() {
    return new Volume(emptyStopNl);
  }

  public boolean filled() {
    return drug != null;
  }

  /** True when one more stroke would take the belief below the empty threshold. */
  public boolean wouldRunDry() {
    return beliefNl - strokeNl < emptyStopNl;
  }

  public void rotations(long n) {
    beliefNl -= n * strokeNl;
  }

  public boolean low() {
    return filled() && beliefNl <= lowAlarmNl;
  }

  public Volume belief() {
    return new Volume(beliefNl);
  }
}
