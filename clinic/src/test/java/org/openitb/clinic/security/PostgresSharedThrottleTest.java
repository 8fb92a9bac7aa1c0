// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.time.Clock;
import org.openitb.clinic.testing.EmbeddedDatabases;
import org.openitb.clinic.ClinicConfig;

class PostgresSharedThrottleTest extends SharedThrottleContract {
  @Override
  ClinicConfig database(Clock clock) {
    return EmbeddedDatabases.postgres("throttle", clock);
  }
}
