// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import org.openitb.clinic.ClinicConfig;

/** The pump workflows over HTTP on the embedded H2 file database. */
class ClinicPumpWorkflowsH2Test extends ClinicPumpWorkflowsContract {
  @Override
  ClinicConfig database() {
    return TestDatabases.h2();
  }
}
