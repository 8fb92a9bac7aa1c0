package org.openitb.clinic;

import java.util.Optional;
import org.openitb.link.session.ProgrammerEndpoint;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.units.Concentration;
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
     * Simulated pumps only: the needle work of a refill (withdraw what is left, fill {@code fill} of
     * {@code concentration}); returns the withdrawn volume. Empty for a real pump, where the nurse
     * does this and enters the measured volume.
     */
    default Optional<Volume> simulateNeedle(Volume fill, Concentration concentration) {
      return Optional.empty();
    }

    @Override
    void close();
  }
}
