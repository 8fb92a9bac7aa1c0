// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.api;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openitb.clinic.store.UniqueViolation;

/**
 * What the API answers when a handler fails unexpectedly: a duplicate caught by a unique
 * constraint is a 409 (no SQL, index name or bound value in the answer); anything else is a 500
 * whose body carries only a random error id, while the log has that id with the request and the
 * stack trace.
 */
final class Failures {
  static final Logger LOG = LoggerFactory.getLogger(Failures.class);
  static final int ID_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Failures() {}

  static void handle(Exception e, Context ctx) {
    if (UniqueViolation.in(e).isPresent()) {
      LOG.info("409 duplicate on {} {}: {}", ctx.method(), ctx.path(), e.getClass().getSimpleName());
      error(ctx, 409, "already exists: a record with the same unique key (username, MRN, serial) was saved first; "
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

  /** Answers a refusal as JSON {error, field, value, allowed}. */
  static void error(Context ctx, int status, String message, String field, String value, String allowed) {
    error(ctx, status, message, field, value, allowed, Map.of());
  }

  /** Answers a refusal as JSON {error, field, value, allowed} and its further details (a Retry-After header when they name a wait). */
  static void error(Context ctx, int status, String message, String field, String value, String allowed, Map<String, Object> details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    m.put("field", field);
    m.put("value", value);
    m.put("allowed", allowed);
    details.forEach(m::putIfAbsent); // extra details never replace the error, field, value or allowed range
    if (details.get("retryAfterSeconds") instanceof Long wait) {
      ctx.header("Retry-After", String.valueOf(wait));
    }
    ctx.status(status).json(m);
  }
}
