// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.SecureRandom;
import java.util.Objects;
import org.openitb.link.Role;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.security.DeviceCredential;
import org.openitb.link.security.TrustedPumps;
import org.openitb.link.transport.Transport;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * The device end of the link (clinician programmer, read-only interrogator or patient device):
 * opens authenticated sessions with paired pumps. The kind of session returned follows the
 * credential's role, and each kind can encode only what that role may send.
 */
public final class ProgrammerEndpoint {
  private final DeviceCredential credential;
  private final TrustedPumps pumps;
  private final MessageCodec codec;
  private final SecureRandom random;
  private final HelloCounter counter;

  /**
   * @param counter the device's hello counter (PROTOCOL.md 8.3), strictly rising over the device's
   *     life; {@link HelloCounter#system()} for a device without storage of its own
   */
  public ProgrammerEndpoint(DeviceCredential credential, TrustedPumps pumps, DrugLibrary library, SecureRandom random, HelloCounter counter) {
    this.credential = Objects.requireNonNull(credential);
    this.pumps = Objects.requireNonNull(pumps);
    this.codec = new MessageCodec(library);
    this.random = Objects.requireNonNull(random);
    this.counter = Objects.requireNonNull(counter);
  }

  public ProgrammerEndpoint(DeviceCredential credential, TrustedPumps pumps, DrugLibrary library, SecureRandom random) {
    this(credential, pumps, library, random, HelloCounter.system());
  }

  public ProgrammerEndpoint(DeviceCredential credential, TrustedPumps pumps, DrugLibrary library) {
    this(credential, pumps, library, new SecureRandom());
  }

  /** Opens a clinician or read-only session (two round trips) with the one pump this device is paired with. */
  public ProgrammerSession openProgrammerSession(Transport transport) {
    return openProgrammerSession(transport, onlyPump());
  }

  /** Opens a clinician or read-only session (two round trips) with the paired pump {@code pumpSerial}. */
  public ProgrammerSession openProgrammerSession(Transport transport, String pumpSerial) {
    if (credential.role() == Role.PATIENT) {
      throw new IllegalStateException("a patient credential opens patient sessions only");
    }
    return new ProgrammerSession(ClientHandshake.open(transport, credential, pumps, pumpSerial, counter, codec, random));
  }

  /** Opens a patient session (two round trips) with the one pump this device is paired with. */
  public PatientSession openPatientSession(Transport transport) {
    return openPatientSession(transport, onlyPump());
  }

  /** Opens a patient session (two round trips) with the paired pump {@code pumpSerial}. */
  public PatientSession openPatientSession(Transport transport, String pumpSerial) {
    if (credential.role() != Role.PATIENT) {
      throw new IllegalStateException("only a patient credential opens patient sessions");
    }
    return new PatientSession(ClientHandshake.open(transport, credential, pumps, pumpSerial, counter, codec, random));
  }

  /** A hello is signed for one pump (PROTOCOL.md 8.3): a device paired with several must name it. */
  private String onlyPump() {
    java.util.Set<String> serials = pumps.serials();
    if (serials.size() != 1) {
      throw new IllegalStateException("paired with " + serials.size() + " pumps " + serials + ": name the pump to open a session with");
    }
    return serials.iterator().next();
  }
}
