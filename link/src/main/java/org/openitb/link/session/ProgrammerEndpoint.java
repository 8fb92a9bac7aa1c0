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

  public ProgrammerEndpoint(DeviceCredential credential, TrustedPumps pumps, DrugLibrary library, SecureRandom random) {
    this.credential = Objects.requireNonNull(credential);
    this.pumps = Objects.requireNonNull(pumps);
    this.codec = new MessageCodec(library);
    this.random = Objects.requireNonNull(random);
  }

  public ProgrammerEndpoint(DeviceCredential credential, TrustedPumps pumps, DrugLibrary library) {
    this(credential, pumps, library, new SecureRandom());
  }

  /** Opens a clinician or read-only session (two round trips). */
  public ProgrammerSession openProgrammerSession(Transport transport) {
    if (credential.role() == Role.PATIENT) {
      throw new IllegalStateException("a patient credential opens patient sessions only");
    }
    return new ProgrammerSession(ClientHandshake.open(transport, credential, pumps, codec, random));
  }

  /** Opens a patient session (two round trips). */
  public PatientSession openPatientSession(Transport transport) {
    if (credential.role() != Role.PATIENT) {
      throw new IllegalStateException("only a patient credential opens patient sessions");
    }
    return new PatientSession(ClientHandshake.open(transport, credential, pumps, codec, random));
  }
}
