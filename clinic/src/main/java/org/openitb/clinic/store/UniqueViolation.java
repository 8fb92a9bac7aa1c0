// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.store;

import java.sql.SQLException;
import java.util.Optional;

/** A duplicate refused by a unique constraint, found in an exception's cause chain (on H2 and PostgreSQL alike). */
public final class UniqueViolation {
  /** SQLSTATE of a unique-constraint violation, on H2 and PostgreSQL alike. */
  static final String UNIQUE_VIOLATION = "23505";

  private UniqueViolation() {}

  /** The unique-constraint violation among {@code e} and its causes, if any. */
  public static Optional<SQLException> in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
        return Optional.of(s);
      }
      if (isOwnCause(t)) {
        break;
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("ReferenceEquality") // identity is the point: an exception that names itself as its cause ends the walk
  private static boolean isOwnCause(Throwable t) {
    return t.getCause() == t;
  }
}
