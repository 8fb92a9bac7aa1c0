// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every registered route is documented in the hand-written openapi.yaml, with its method. */
class OpenApiTest {
  @Test
  void everyRouteIsDocumented() {
    String yaml = ClinicServer.openApi();
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("openapi")))) {
      assertThat(s.routes()).hasSizeGreaterThan(20);
      for (String route : s.routes()) {
        String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
        String path = route.substring(route.indexOf(' ') + 1);
        int at = yaml.indexOf("\n  " + path + ":\n");
        assertThat(at).as(route + " is missing from openapi.yaml paths").isPositive();
        int next = yaml.indexOf("\n  /", at + 1);
        String block = yaml.substring(at, next < 0 ? yaml.length() : next);
        assertThat(block).as(route + " method").contains("\n    " + method + ":");
      }
    }
  }

  @Test
  void openApiIsServedToLoggedInUsers() {
    try (ClinicServer s = ClinicServer.start(TestSupport.h2(TestSupport.tempDir("openapi2")))) {
      DemoClinic.seed(s.jdbi(), TestSupport.CLOCK, 0);
      var c = TestSupport.Client.login(s.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
      var r = c.get("/api/openapi.yaml");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("openapi: 3.");
    }
  }
}
