// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

class H2HardeningTest extends HardeningContract {
  @Override
  ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("hardening"));
  }

  @Override
  boolean postgres() {
    return false;
  }
}
