// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The MRI and discrepancy workflows on the embedded H2 file database. */
class H2MriDiscrepancyTest extends MriDiscrepancyContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("h2-mri-discrepancy"));
  }
}
