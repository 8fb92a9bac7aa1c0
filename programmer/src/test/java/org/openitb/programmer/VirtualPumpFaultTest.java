// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** {@link PumpFaultContract} on the real firmware on simulated hardware ({@link VirtualPumpBench}). */
class VirtualPumpFaultTest extends PumpFaultContract {
  @Override
  PumpBench.Factory pumps() {
    return VirtualPumpBench::new;
  }
}
