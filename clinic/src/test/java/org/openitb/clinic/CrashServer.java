// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.openitb.clinic.testing.EmbeddedDatabases;

/**
 * A clinic server in its own process, for {@link CrashTest} to kill: {@code h2 DIR} or
 * {@code postgres URL USER PASSWORD}. Prints "PORT n" on standard output once it serves.
 */
public final class CrashServer {
  private CrashServer() {}

  public static void main(String[] args) throws InterruptedException {
    ClinicConfig config = args[0].equals("h2") ? EmbeddedDatabases.h2(Path.of(args[1]), EmbeddedDatabases.CLOCK)
        : ClinicConfig.database(args[1], args[2], args[3], EmbeddedDatabases.CLOCK);
    ClinicServer server = ClinicServer.start(config.withDemoPatients(1));
    System.out.println("PORT " + server.port());
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}
