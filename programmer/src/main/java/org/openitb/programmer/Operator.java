// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.Objects;

/** The person operating the programmer in a session; every change is recorded under this id. */
public record Operator(String id, ClinicalRole role) {
  public Operator {
    Objects.requireNonNull(role, "role");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("operator id: a user id is required (got '" + id + "')");
    }
  }
}
