// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** {@link LinkFaultContract} on the real firmware on simulated hardware ({@link VirtualPumpBench}). */
class VirtualPumpLinkFaultTest extends LinkFaultContract {
  @Override
  PumpBench.Factory pumps() {
    return VirtualPumpBench::new;
  }
}
