// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;
import org.openitb.clinic.testing.EmbeddedDatabases;

class PostgresSharedThrottleTest extends SharedThrottleContract {
  @Override
  ClinicConfig database(Clock clock) {
    return EmbeddedDatabases.postgres("throttle", clock);
  }
}
