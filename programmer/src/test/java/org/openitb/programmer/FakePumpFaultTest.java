// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** {@link PumpFaultContract} on the test fake ({@link FakePumpBench}). */
class FakePumpFaultTest extends PumpFaultContract {
  @Override
  PumpBench.Factory pumps() {
    return FakePumpBench::new;
  }
}
