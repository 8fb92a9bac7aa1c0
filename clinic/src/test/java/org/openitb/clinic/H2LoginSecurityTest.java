// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.time.Clock;

class H2LoginSecurityTest extends LoginSecurityContract {
  @Override
  ClinicConfig database(Clock clock) {
    return ClinicConfig.embedded(TestSupport.tempDir("login"), clock);
  }
}
