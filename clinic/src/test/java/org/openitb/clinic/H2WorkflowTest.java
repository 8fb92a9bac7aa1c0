// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The API workflow on the embedded H2 file database. */
class H2WorkflowTest extends WorkflowContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("h2-workflow"));
  }
}
