// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.openitb.clinic.Admin;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.clinic.DemoClinic;
import org.openitb.therapy.units.InvalidValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb serve} and {@code itb demo}: the clinic server. */
final class ServeCommands {
  static final int MAX_DEMO_PATIENTS = 10_000;
  /** Live pumps listed by name at start-up; the rest are counted (every patient with an implant has one). */
  static final int LISTED_PUMPS = 10;
  /** The demo pumps' virtual clock, as a factor of real time. */
  static final long PUMP_SPEED = 60;

  private ServeCommands() {}

  static void checkPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new InvalidValueException("--port", String.valueOf(port), "0-65535", "not a TCP port");
    }
  }

  static void runUntilInterrupted(ClinicServer server) {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stop.countDown();
    }));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code itb serve}. */
  @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Runs the clinic server (JSON API and web UI).",
          "Runs the clinic server (JSON API and web UI) on a database: the embedded H2 file database by",
          "default, or PostgreSQL with --db-url jdbc:postgresql://host/db. Migrations run at start."})
  static final class Serve implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".itb/clinic", description = "Folder of the embedded database (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database, for production.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password-file", description = "File holding the database password; else the ITB_DB_PASSWORD environment "
        + "variable. Never an argument: other users can read a command line.")
    Path dbPasswordFile;

    @Override
    public void run() {
      checkPort(port);
      ClinicConfig config = dbUrl == null ? ClinicConfig.embedded(dataDir, clinicClock())
          : ClinicConfig.database(dbUrl, dbUser, AdminCommands.dbPassword(dbPasswordFile), clinicClock());
      ClinicServer server = ClinicServer.start(config.withPort(port));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("OpenITB clinic on http://127.0.0.1:%d/ (database: %s). Ctrl-C stops it.%n", server.port(), dbUrl == null ? dataDir : dbUrl);
      if (!Admin.hasActiveAdministrator(server.jdbi())) {
        out.println("No administrator login yet: stop it (Ctrl-C) and run itb user add --username NAME --role ADMINISTRATOR"
            + (dbUrl == null ? " --data-dir " + dataDir : " --db-url " + dbUrl) + ", then start it again.");
      }
      out.flush();
      runUntilInterrupted(server);
    }
  }

  /** {@code itb demo}. */
  @Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Runs the clinic server with a seeded virtual clinic (demo data).",
          "The main job: the clinic server on the embedded database, seeded with a virtual clinic of",
          "patients with years of history (implants, trials, prescriptions, refills, alarms, MRI scans).",
          "Prints the address and the demo logins. Not a medical device: simulated data only."})
  static final class Demo implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--patients", defaultValue = "40", description = "Virtual patients to create, 1-10000 (default ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--data-dir", description = "Folder of the demo database (default: a new temporary folder each run).")
    Path dataDir;

    @Override
    public void run() {
      checkPort(port);
      if (patients < 1 || patients > MAX_DEMO_PATIENTS) {
        throw new InvalidValueException("--patients", String.valueOf(patients), "1-" + MAX_DEMO_PATIENTS, "out of range");
      }
      Path dir;
      try {
        dir = dataDir != null ? dataDir : Files.createTempDirectory("openitb-demo");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the demo database folder: " + e.getMessage(), e);
      }
      Clock clock = clinicClock();
      DeferredPumpLinks links = new DeferredPumpLinks();
      ClinicServer server;
      try (Progress progress = Progress.onTerminal(spec.commandLine().getErr(), "seeding demo patients", patients, "patients")) {
        server = ClinicServer.start(ClinicConfig.embedded(dir, clock).withPort(port).withDemoPatients(patients).withPumpLinks(links),
            progress::update);
      }
      // Pumps are built on first connect and share one clock thread, so every implant can have one.
      VirtualPumpLinks pumps = VirtualPumpLinks.fromRecords(server.jdbi(), VirtualPumpLinks.ALL, clock, PUMP_SPEED);
      links.set(pumps);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("OpenITB demo clinic: http://127.0.0.1:%d/  (%d virtual patients, database in %s)%n", server.port(), patients, dir);
      out.printf("Live virtual pumps (firmware on simulated hardware, clock at %dx real time, each implanted when first reached) "
          + "behind %d patients; their pages can interrogate, refill, change the dose and run the post-MRI check:%n", PUMP_SPEED,
          pumps.live().size());
      pumps.live().stream().limit(LISTED_PUMPS).forEach(l -> out.printf("  patient %d  %s  pump %s%n", l.patientId(), l.name(), l.serial()));
      if (pumps.live().size() > LISTED_PUMPS) {
        out.printf("  ... and %d more%n", pumps.live().size() - LISTED_PUMPS);
      }
      out.printf("Log in as %s / %s (clinician), %s / %s (nurse), %s / %s (a patient), or %s / %s (administrator, with the one-time "
          + "code of secret %s in an authenticator app; now %s).%n",
          DemoClinic.CLINICIAN_USER, DemoClinic.CLINICIAN_PASSWORD, DemoClinic.NURSE_USER, DemoClinic.NURSE_PASSWORD,
          DemoClinic.PATIENT_USER, DemoClinic.PATIENT_PASSWORD, DemoClinic.ADMIN_USER, DemoClinic.ADMIN_PASSWORD,
          DemoClinic.ADMIN_TOTP_SECRET, org.openitb.clinic.security.Totp.code(DemoClinic.ADMIN_TOTP_SECRET, clock));
      out.println("Simulated data only; not a medical device. Ctrl-C stops it.");
      out.flush();
      runUntilInterrupted(server);
      pumps.close();
    }
  }

  /** The clinic's clock: the wall clock in the server's own time zone, where its refill calendar and reports are dated. */
  static Clock clinicClock() {
    return Clock.system(java.time.ZoneId.systemDefault());
  }
}
