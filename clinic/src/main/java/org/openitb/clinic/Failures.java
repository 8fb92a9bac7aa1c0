// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API answers when a handler fails unexpectedly: a duplicate caught by a unique
 * constraint is a 409 (no SQL, index name or bound value in the answer); anything else is a 500
 * whose body carries only a random error id, while the log has that id with the request and the
 * stack trace.
 */
final class Failures {
  static final Logger LOG = LoggerFactory.getLogger(Failures.class);
  /** SQLSTATE of a unique-constraint violation, on H2 and PostgreSQL alike. */
  static final String UNIQUE_VIOLATION = "23505";
  static final int ID_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Failures() {}

  static void handle(Exception e, Context ctx) {
    if (uniqueViolation(e).isPresent()) {
      LOG.info("409 duplicate on {} {}: {}", ctx.method(), ctx.path(), e.getClass().getSimpleName());
      ClinicServer.error(ctx, 409, "already exists: a record with the same unique key (username, MRN, serial) was saved first; "
          + "nothing was saved", null, null, null, Map.of());
      return;
    }
    String id = newId();
    LOG.error("error {} on {} {}", id, ctx.method(), ctx.path(), e);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", "internal error " + id + ": nothing was half-saved; try again, or report this id to the administrator");
    m.put("errorId", id);
    ctx.status(500).json(m);
  }

  static String newId() {
    byte[] b = new byte[ID_BYTES];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static Optional<SQLException> uniqueViolation(Throwable e) {
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
