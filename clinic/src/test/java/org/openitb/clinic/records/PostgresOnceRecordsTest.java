// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;

/** Every other one-time write (registration, implant, trial, alarm, clearing, resolution, import, MRI, replacement) on PostgreSQL. */
class PostgresOnceRecordsTest extends OnceRecordsContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }
}
