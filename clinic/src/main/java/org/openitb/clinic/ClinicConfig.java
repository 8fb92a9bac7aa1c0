// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.openitb.clinic.pump.PumpLinks;
import org.openitb.clinic.store.Database;
import org.openitb.clinic.store.EmbeddedCredential;

/**
 * How to start a clinic server.
 *
 * @param jdbcUrl the database: {@code jdbc:h2:file:...} (embedded, the default) or {@code jdbc:postgresql://...}
 * @param user database user (empty for the embedded H2 default)
 * @param password database password
 * @param port HTTP port; 0 picks a free one
 * @param clock the only source of time (never the wall clock in tests)
 * @param demoPatients when above 0, seeds that many demo patients and the demo logins into an empty database
 * @param pumpLinks how the clinic reaches patients' pumps for programmer sessions; empty: none, and the
 *     pump workflow routes answer 503
 */
public record ClinicConfig(String jdbcUrl, String user, String password, int port, Clock clock, int demoPatients,
    Optional<PumpLinks> pumpLinks) {
  /** Highest TCP port. */
  static final int MAX_PORT = 65_535;

  /** Validates the port and the demo count; null user or password become empty. */
  public ClinicConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(clock, "clock");
    pumpLinks = pumpLinks == null ? Optional.empty() : pumpLinks;
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException("port " + port + " is not 0-" + MAX_PORT + "; use 0 for any free port");
    }
    if (demoPatients < 0) {
      throw new IllegalArgumentException("demoPatients " + demoPatients + " must be >= 0");
    }
  }

  /** Without pump links (the pump workflow routes answer 503). */
  public ClinicConfig(String jdbcUrl, String user, String password, int port, Clock clock, int demoPatients) {
    this(jdbcUrl, user, password, port, clock, demoPatients, Optional.empty());
  }

  /**
   * An embedded H2 file database named {@code clinic} under {@code directory}, any free port, no demo
   * data. Its password is generated for this installation on first use and kept in
   * {@value EmbeddedCredential#FILE} beside the database, readable by its owner only (a database
   * created with the old empty password gets one then).
   */
  public static ClinicConfig embedded(Path directory, Clock clock) {
    Path dir = directory.toAbsolutePath();
    String url = "jdbc:h2:file:" + dir.resolve("clinic") + ";DB_CLOSE_DELAY=-1";
    return new ClinicConfig(url, EmbeddedCredential.USER, EmbeddedCredential.password(dir, url), 0, clock, 0);
  }

  /** A server on an existing database reached by JDBC URL (PostgreSQL in production). */
  public static ClinicConfig database(String jdbcUrl, String user, String password, Clock clock) {
    return new ClinicConfig(jdbcUrl, user, password, 0, clock, 0);
  }

  /** The same configuration on another HTTP port (0 = any free port). */
  public ClinicConfig withPort(int newPort) {
    return new ClinicConfig(jdbcUrl, user, password, newPort, clock, demoPatients, pumpLinks);
  }

  /** The same configuration, seeding {@code n} demo patients and the demo logins when the database has no patients. */
  public ClinicConfig withDemoPatients(int n) {
    return new ClinicConfig(jdbcUrl, user, password, port, clock, n, pumpLinks);
  }

  /** The same configuration, reaching patients' pumps through {@code links} for the programmer workflows. */
  public ClinicConfig withPumpLinks(PumpLinks links) {
    return new ClinicConfig(jdbcUrl, user, password, port, clock, demoPatients, Optional.of(Objects.requireNonNull(links, "links")));
  }

  public boolean isPostgres() {
    return Database.isPostgres(jdbcUrl);
  }
}
