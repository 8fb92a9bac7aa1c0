// SPDX-License-Identifier: Apache-2.0
package org.openitb.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;

/**
 * The server side of {@code bench/clinic-load}: a clinic server on loopback over H2 or an embedded
 * PostgreSQL, seeded with {@code patients} demo patients (up to 5 years of history each). The
 * database lives in {@code dataDir} and is reused by later runs with the same patient count.
 * Writes the HTTP port to {@code dataDir/port} when ready and runs until killed.
 *
 * <p>Usage: {@code ClinicLoadServer h2|postgres <patients> <dataDir>}
 */
public final class ClinicLoadServer {
  private ClinicLoadServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 3 || !(args[0].equals("h2") || args[0].equals("postgres"))) {
      System.err.println("usage: ClinicLoadServer h2|postgres <patients> <dataDir>");
      System.exit(2);
    }
    int patients = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]).toAbsolutePath();
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("port"));
    Clock clock = Clock.systemDefaultZone();
    EmbeddedPostgres pg = null;
    ClinicConfig config;
    if (args[0].equals("postgres")) {
      pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(false).start();
      config = ClinicConfig.database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", clock);
    } else {
      config = ClinicConfig.embedded(dir, clock);
    }
    long t0 = System.nanoTime();
    ClinicServer server = ClinicServer.start(config.withPort(0).withDemoPatients(patients));
    long count = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient").mapTo(Long.class).one());
    long refills = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refill").mapTo(Long.class).one());
    System.err.printf("clinic-load server: %s, %d patients, %d refills, ready in %.1f s on port %d%n", args[0], count, refills,
        (System.nanoTime() - t0) / 1e9, server.port());
    EmbeddedPostgres db = pg;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      if (db != null) {
        try {
          db.close();
        } catch (IOException e) {
          System.err.println("clinic-load server: closing PostgreSQL: " + e);
        }
      }
      stopped.countDown();
    }));
    Path tmp = dir.resolve("port.tmp");
    Files.writeString(tmp, Integer.toString(server.port()));
    Files.move(tmp, dir.resolve("port"));
    stopped.await();
  }
}
