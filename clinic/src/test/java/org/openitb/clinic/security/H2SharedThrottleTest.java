// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.time.Clock;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.TestSupport;

class H2SharedThrottleTest extends SharedThrottleContract {
  @Override
  ClinicConfig database(Clock clock) {
    return ClinicConfig.embedded(TestSupport.tempDir("throttle"), clock);
  }
}
