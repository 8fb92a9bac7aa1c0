// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;

/**
 * A second person's verification of a change the safety chain marked as needing it. It counts
 * only when {@code by} is a different user from the session's operator; the programmer refuses a
 * confirmation by the operator themself.
 */
public record Confirmation(String by, ClinicalRole role) {
  public Confirmation {
    Objects.requireNonNull(role, "role");
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("confirmation by: the confirming user's id is required (got '" + by + "')");
    }
  }
}
