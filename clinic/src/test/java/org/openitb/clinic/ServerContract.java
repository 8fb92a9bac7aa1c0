// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The set-up shared by the API contracts run against each database by a subclass: one clinic
 * server per test class on {@link #config()}, seeded with the demo clinic, and a client logged in
 * as the demo clinician.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerContract {
  protected ClinicServer server;
  protected TestSupport.Client demo;

  /** The database the contract runs against. */
  protected abstract ClinicConfig config();

  /**
   * The database as its owner (migrations, tampering in tests): on PostgreSQL the server's own
   * connections act as a role that may not alter the audit log or the schema.
   */
  protected org.jdbi.v3.core.Jdbi owner() {
    return started.isPostgres() ? org.jdbi.v3.core.Jdbi.create(started.jdbcUrl(), started.user(), started.password()) : server.jdbi();
  }

  /** The configuration the server was started with. */
  private ClinicConfig started;

  @BeforeAll
  void start() {
    started = config();
    server = ClinicServer.start(started);
    DemoClinic.seed(server.jdbi(), TestSupport.CLOCK, 0);
    demo = TestSupport.Client.checkedLogin(server.port(), DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD);
  }

  private TestSupport.Client admin;

  /**
   * The demo administrator, logged in once per test class: each one-time code logs in once, and a fixed clock has
   * only three codes (the step before, this one and the next).
   */
  protected TestSupport.Client admin() {
    if (admin == null) {
      admin = TestSupport.Client.checkedLogin(server.port(), DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD);
    }
    return admin;
  }

  @AfterAll
  void stop() {
    server.stop();
  }
}
