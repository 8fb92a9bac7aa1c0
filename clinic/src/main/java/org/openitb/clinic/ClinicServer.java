// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.openitb.clinic.api.Api;
import org.openitb.clinic.api.ClinicApi;
import org.openitb.clinic.planning.DashboardCache;
import org.openitb.clinic.store.Database;

/**
 * The clinic server: a Javalin HTTP server with the JSON API (documented in /api/openapi.yaml) and
 * the web UI, over a migrated H2 or PostgreSQL database. Sessions and records live in the
 * database, so several instances can share one PostgreSQL; the only state a server keeps is the
 * dashboard, at most {@link DashboardCache#MAX_AGE} old and recomputed after its own writes.
 *
 * <pre>{@code
 * ClinicServer s = ClinicServer.start(ClinicConfig.embedded(dir, Clock.systemDefaultZone()).withDemoPatients(30));
 * System.out.println("http://localhost:" + s.port() + "/  login " + DemoClinic.CLINICIAN_USER + " / " + DemoClinic.CLINICIAN_PASSWORD);
 * s.stop();
 * }</pre>
 */
public final class ClinicServer implements AutoCloseable {
  private final Javalin app;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final List<Api.Route> routes;

  private ClinicServer(Javalin app, HikariDataSource pool, Jdbi jdbi, List<Api.Route> routes) {
    this.app = app;
    this.pool = pool;
    this.jdbi = jdbi;
    this.routes = routes;
  }

  /**
   * The server listens on loopback only: a clinic exposes it through its own reverse proxy with
   * TLS, never directly (see README).
   */
  static final String LOOPBACK = "127.0.0.1";

  /**
   * Migrates the database to the latest schema, seeds demo data if asked and the database has no
   * patients, and starts serving. Throws with the cause when the database cannot be reached.
   */
  public static ClinicServer start(ClinicConfig config) {
    return start(config, done -> { });
  }

  /** As {@link #start(ClinicConfig)}, telling {@code demoProgress} how many demo patients are written so far. */
  public static ClinicServer start(ClinicConfig config, java.util.function.IntConsumer demoProgress) {
    HikariDataSource pool = Database.serverPool(config.jdbcUrl(), config.user(), config.password());
    try {
      Jdbi jdbi = Database.jdbi(pool);
      jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      if (config.demoPatients() > 0 && jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient").mapTo(Long.class).one()) == 0) {
        DemoClinic.seed(jdbi, config.clock(), config.demoPatients(), demoProgress);
      }
      List<Api.Route> routes = new ArrayList<>();
      Javalin app = Javalin.create(cfg -> ClinicApi.configure(cfg, jdbi, config.clock(), config.isPostgres(), config.pumpLinks(),
          config.demoPatients() > 0 ? DemoClinic.LOGINS_NOTE : null, routes));
      app.start(LOOPBACK, config.port());
      return new ClinicServer(app, pool, jdbi, List.copyOf(routes));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The HTTP port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The server's database access (for tools and tests). */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** Every registered API route as "METHOD /path", path parameters in braces. */
  public List<String> routes() {
    return routes.stream().map(Api.Route::toString).toList();
  }

  /** The route table: every API route with the roles that may call it. */
  public List<Api.Route> routeTable() {
    return routes;
  }

  /** Stops serving and closes the database connections. */
  public void stop() {
    app.stop();
    pool.close();
  }

  @Override
  public void close() {
    stop();
  }
}
