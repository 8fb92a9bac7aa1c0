// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.time.Clock;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.ClinicServer;
import org.openitb.simulator.VirtualPump;

/**
 * A clinic server with a live virtual pump (manual clock) behind its first demo patient's implant,
 * reached through the clinic's pump links as in {@code itb demo}. Closing stops the pump, then the server.
 */
record LiveClinic(ClinicServer server, VirtualPumpLinks links, VirtualPumpLinks.Live live, VirtualPump pump) implements AutoCloseable {
  static LiveClinic start(ClinicConfig config, Clock clock) {
    DeferredPumpLinks deferred = new DeferredPumpLinks();
    ClinicServer server = ClinicServer.start(config.withPumpLinks(deferred));
    try {
      VirtualPumpLinks links = VirtualPumpLinks.fromRecords(server.jdbi(), 1, clock, 0);
      deferred.set(links);
      VirtualPumpLinks.Live live = links.live().get(0);
      return new LiveClinic(server, links, live, links.pump(live.serial()).orElseThrow());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      links.close();
    } finally {
      server.close();
    }
  }
}
