// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;
import java.util.Optional;
import org.openitb.link.Role;
import org.openitb.link.security.DeviceCredential;

/**
 * A second person's verification of a change the safety chain marked as needing it. It counts
 * only when {@code by} is a different user from the session's operator; the programmer refuses a
 * confirmation by the operator themself.
 *
 * <p>{@code credential} is the second clinician's own CLINICIAN credential (their programmer or
 * smart card). With it the programmer co-signs the therapy change so that the pump can check the
 * second person itself (link/PROTOCOL.md 8.10); a pump whose device model marks the change refuses
 * a commit without it.
 */
public record Confirmation(String by, ClinicalRole role, Optional<DeviceCredential> credential) {
  public Confirmation {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(credential, "credential (use Optional.empty())");
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("confirmation by: the confirming user's id is required (got '" + by + "')");
    }
    if (credential.isPresent() && credential.get().role() != Role.CLINICIAN) {
      throw new IllegalArgumentException("confirmation credential: a CLINICIAN credential is required (got "
          + credential.get().role() + " " + credential.get().deviceId() + ")");
    }
  }

  /** A confirmation by name only: enough for the programmer, not for a pump that checks co-signatures. */
  public Confirmation(String by, ClinicalRole role) {
    this(by, role, Optional.empty());
  }
}
