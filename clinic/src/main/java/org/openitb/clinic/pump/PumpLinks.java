// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.pump;

import java.util.Optional;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Volume;

/**
 * How the clinic reaches a patient's implanted pump for a programmer session (clinician role).
 * The clinic stays independent of how: a programmer's radio in production, virtual pumps in the
 * demo (wired by the cli). Implementations must be thread-safe; the clinic runs at most one
 * session per pump at a time.
 */
public interface PumpLinks {
  /** A link to the pump with this serial, or empty when no programmer can reach it now. */
  Optional<PumpConnection> connect(String pumpSerial);

  /** One open link to one pump: the clinician endpoint and its transport; closing ends the link. */
  interface PumpConnection extends AutoCloseable {
    ProgrammerEndpoint endpoint();

    Transport transport();

    /** The drug library the pump and programmer share. */
    DrugLibrary library();

    /**
     * Simulated pumps only: the volume the refill needle would withdraw now (what is truly left in
     * the reservoir), read without touching it. The simulated pump does the needle work itself
     * once it has accepted the refill, so a refill refused earlier (safety chain, second person)
     * leaves the reservoir as it was. Empty for a real pump, where the nurse withdraws and enters
     * the measured volume.
     */
    default Optional<Volume> simulatedWithdrawal() {
      return Optional.empty();
    }

    /**
     * The co-signing CLINICIAN credential of this programmer station, used only after the clinic
     * verified a second person (their own login or co-sign): the pump checks a co-signature itself
     * for the changes its model marks (link/PROTOCOL.md 8.10). Empty when the station has none.
     */
    default Optional<org.openitb.link.security.DeviceCredential> coSigner() {
      return Optional.empty();
    }

    @Override
    void close();
  }
}
