// SPDX-License-Identifier: Apache-2.0
package org.openitb.link;

import java.util.Optional;

/**
 * What a device is trusted to do with a pump. The pump decides the role of a session from its
 * trust list (never from the device's say-so alone) and checks it again for every request.
 */
public enum Role {
  /** A clinician programmer: may read everything and, when armed, change delivery. */
  CLINICIAN(1),
  /** The patient's hand-held device: may read its own status and request boluses within the clinician's limits. */
  PATIENT(2),
  /** Interrogation only: reads status, therapy and events; changes nothing. */
  READ_ONLY(3);

  private final int code;

  Role(int code) {
    this.code = code;
  }

  /** The role's code on the wire (one byte). */
  public int code() {
    return code;
  }

  /** The role with this wire code, or empty for an unknown code. */
  public static Optional<Role> fromCode(int code) {
    for (Role r : values()) {
      if (r.code == code) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
