// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** Every other one-time write (registration, implant, trial, alarm, clearing, resolution, import, MRI, replacement) on H2. */
class H2OnceRecordsTest extends OnceRecordsContract {
  @Override
  ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("h2-once-records"));
  }
}
