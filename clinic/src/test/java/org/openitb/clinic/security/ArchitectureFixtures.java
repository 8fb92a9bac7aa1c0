// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import io.javalin.config.JavalinConfig;
import org.openitb.clinic.api.Api;

/**
 * Classes that break the clinic's package rules on purpose, so that ArchitectureTest can show each
 * rule fails when broken. Test code only: the rules themselves import the main classes alone.
 */
final class ArchitectureFixtures {
  private ArchitectureFixtures() {}

  /** A security class that reaches up into the API layer (and so closes a cycle: api uses security). */
  static final class ReachesIntoTheApi {
    Api.Route route;
  }

  /** A class outside the API layer that registers a route itself. */
  static final class RegistersARoute {
    static void register(JavalinConfig cfg) {
      cfg.routes.get("/api/elsewhere", ctx -> ctx.result("not from the route table"));
    }
  }
}
