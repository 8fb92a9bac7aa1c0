// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.time.Clock;
import org.openitb.clinic.testing.EmbeddedDatabases;
import org.openitb.clinic.ClinicConfig;

class PostgresLoginSecurityTest extends LoginSecurityContract {
  @Override
  ClinicConfig database(Clock clock) {
    return EmbeddedDatabases.postgres("login", clock);
  }
}
