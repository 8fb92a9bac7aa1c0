// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

/** {@link LinkFaultContract} on the test fake ({@link FakePumpBench}). */
class FakePumpLinkFaultTest extends LinkFaultContract {
  @Override
  PumpBench.Factory pumps() {
    return FakePumpBench::new;
  }
}
