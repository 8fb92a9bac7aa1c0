// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** Every other one-time write (registration, implant, trial, alarm, clearing, resolution, import, MRI, replacement) on PostgreSQL. */
class PostgresOnceRecordsTest extends OnceRecordsContract {
  @Override
  ClinicConfig config() {
    return TestSupport.postgres();
  }
}
