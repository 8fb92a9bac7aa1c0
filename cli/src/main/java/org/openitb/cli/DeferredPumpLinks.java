// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.util.Optional;
import org.openitb.clinic.pump.PumpLinks;

/**
 * Pump links set after the server started (the demo builds its virtual pumps from the records the
 * server seeded); until then no pump is reachable.
 */
final class DeferredPumpLinks implements PumpLinks {
  private volatile PumpLinks target;

  void set(PumpLinks links) {
    this.target = links;
  }

  @Override
  public Optional<PumpConnection> connect(String pumpSerial) {
    PumpLinks t = target;
    return t == null ? Optional.empty() : t.connect(pumpSerial);
  }
}
