// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** Once-only writes, therapy versions and second persons on the embedded H2 file database. */
class H2OnceTest extends OnceContract {
  @Override
  ClinicConfig config() {
    return TestSupport.h2(TestSupport.tempDir("h2-once"));
  }
}
