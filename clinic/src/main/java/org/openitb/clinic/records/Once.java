// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.Sessions;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * Writes that must happen once (DESIGN.md invariant 10). The form sends a key it made when it was
 * drawn ({@value #HEADER}); the first request with that key is processed and its answer stored,
 * a second identical request gets that stored answer (header {@value #REPLAY_HEADER}), a different
 * request under the same key gets 409, and a second request while the first is still running gets
 * 409 too. A request that fails leaves no key behind, so the form can be sent again once mended.
 * Together with the patient's therapy version (see {@link #bumpTherapyVersion}) two people, or one
 * double click, give one record.
 */
public final class Once {
  public static final String HEADER = "Idempotency-Key";
  static final String REPLAY_HEADER = "Idempotent-Replay";
  static final int MAX_KEY = 64;
  /**
   * A first submission still unanswered after this long belongs to a process that died: every write, pump workflows
   * included, answers within the link's and the database's own time-outs, far below it.
   */
  static final java.time.Duration UNFINISHED_AFTER = java.time.Duration.ofMinutes(10);
  private final Jdbi jdbi;
  private final Clock clock;

  public Once(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** What a write answers: the HTTP status and the JSON body. */
  public record Reply(int status, Object body) {}

  public interface Write {
    public Reply run() throws Exception;
  }

  /** Runs {@code write} once for this user's key; the request must carry the key. */
  public void run(Context ctx, Principal who, Write write) throws Exception {
    String key = ctx.header(HEADER);
    if (key == null || key.isBlank() || key.length() > MAX_KEY || !key.matches("[A-Za-z0-9._:-]+")) {
      throw ApiException.badRequest("this write must carry the form's idempotency key in the " + HEADER + " header, so a double submit "
          + "records it once", HEADER, key == null ? "" : Body.abbreviate(key), "1-" + MAX_KEY + " letters, digits, '.', '_', ':' or '-'");
    }
    String route = ctx.method().name() + " " + ctx.path();
    String hash = requestHash(route, ctx.body());
    boolean first = jdbi.withHandle(h -> {
      try {
        h.createUpdate("INSERT INTO idempotent_request(user_id, idem_key, route, request_hash, created_at) VALUES (:u, :k, :r, :h, :at)")
            .bind("u", who.userId()).bind("k", key).bind("r", route).bind("h", hash).bind("at", LocalDateTime.now(clock)).execute();
        return true;
      } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
        return false;
      }
    });
    if (!first) {
      replay(ctx, who, key, hash);
      return;
    }
    Reply reply;
    try {
      reply = write.run();
    } catch (Exception | Error e) {
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotent_request WHERE user_id = :u AND idem_key = :k")
          .bind("u", who.userId()).bind("k", key).execute());
      throw e;
    }
    String json = ctx.jsonMapper().toJsonString(reply.body(), Object.class);
    if (reply.status() >= 200 && reply.status() < 300) {
      jdbi.useHandle(h -> h.createUpdate("UPDATE idempotent_request SET status = :s, response = :b WHERE user_id = :u AND idem_key = :k")
          .bind("s", reply.status()).bind("b", json).bind("u", who.userId()).bind("k", key).execute());
    } else {
      // A refusal or an incomplete pump workflow changed no record: the same form may be sent again.
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotent_request WHERE user_id = :u AND idem_key = :k")
          .bind("u", who.userId()).bind("k", key).execute());
    }
    ctx.status(reply.status()).contentType("application/json").result(json);
  }

  /** Keys whose values are secrets (a second person's password): never part of the stored request hash. */
  static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("password", "code");

  /**
   * What identifies a request under its key: SHA-256 of the route and the JSON body with every secret value left out.
   * A fast hash of a body that holds a password would let anyone who reads the table try passwords offline; the
   * second person's proof was checked when the request was first processed, so the same request with another password
   * is still the same request. A body that is not JSON is hashed as sent (the write itself refuses it).
   */
  static String requestHash(String route, String body) {
    String canonical = body;
    try {
      com.fasterxml.jackson.databind.JsonNode tree = Body.MAPPER.readTree(body);
      if (tree != null) {
        withoutSecrets(tree);
        canonical = tree.toString();
      }
    } catch (java.io.IOException | RuntimeException notJson) {
      canonical = body;
    }
    return Sessions.sha256(route + "\n" + canonical);
  }

  private static void withoutSecrets(com.fasterxml.jackson.databind.JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.remove(SECRET_KEYS);
      o.forEach(Once::withoutSecrets);
    } else if (node.isArray()) {
      node.forEach(Once::withoutSecrets);
    }
  }

  private void replay(Context ctx, Principal who, String key, String hash) {
    Optional<Map<String, Object>> row = jdbi.withHandle(h -> h.createQuery("SELECT route, request_hash, status, response, created_at FROM "
        + "idempotent_request WHERE user_id = :u AND idem_key = :k").bind("u", who.userId()).bind("k", key).mapToMap().findOne());
    if (row.isEmpty()) {
      throw ApiException.conflict("the same form was submitted twice at once and the first attempt failed; check the record and submit again");
    }
    Map<String, Object> r = row.get();
    if (!hash.equals(r.get("request_hash"))) {
      throw new ApiException(409, "this form was already submitted with different values (" + r.get("route") + "); reload the page "
          + "and enter the change again", HEADER, key, "a new key for a new submission");
    }
    if (r.get("status") == null && Rows.dateTime(r.get("created_at")).isBefore(LocalDateTime.now(clock).minus(UNFINISHED_AFTER))) {
      // The process that took the first submission died before it answered (a restart, a kill): whether its write
      // committed is unknown here, so neither "still being processed" nor running it again would be true or safe.
      throw new ApiException(409, "this form was first submitted at " + Text.dateTime(Rows.dateTime(r.get("created_at")))
          + " and that submission never finished (the server stopped while saving it): check the record for it, and if it is "
          + "not there reload the page and enter it again", HEADER, key, "a new key for a new submission");
    }
    if (r.get("status") == null) {
      throw new ApiException(409, "this form was already submitted and is still being processed (double submit): its result shows "
          + "on the record when done; do not submit it again", HEADER, key, "one submission per form");
    }
    ctx.header(REPLAY_HEADER, "true");
    ctx.status((int) Rows.num(r.get("status"))).contentType("application/json").result((String) r.get("response"));
  }

  /**
   * Moves the patient's therapy version on from {@code expected}, in the caller's transaction; 409 naming the last
   * change when someone else changed the therapy first. Of two writes racing on one version, the database lets one
   * update the row and the other waits for it, then finds the version moved on.
   */
  public static long bumpTherapyVersion(org.jdbi.v3.core.Handle h, long patient, long expected) {
    int n = h.createUpdate("UPDATE patient SET therapy_version = therapy_version + 1 WHERE id = :p AND therapy_version = :v")
        .bind("p", patient).bind("v", expected).execute();
    if (n == 0) {
      long now = h.createQuery("SELECT therapy_version FROM patient WHERE id = :p").bind("p", patient).mapTo(Long.class).findOne()
          .orElseThrow(() -> ApiException.notFound("patient " + patient));
      throw new ApiException(409, "the patient's therapy changed since this form was opened (version " + expected + ", now " + now + "): "
          + lastChange(h, patient) + "; reload the record and check before entering the change again", "therapyVersion",
          Long.toString(expected), Long.toString(now));
    }
    return expected + 1;
  }

  /**
   * Locks the patient's row until the caller's transaction ends, so that of two writes of one real-world event (the same
   * implant, trial, alarm, scan or session record, sent twice under two keys or by two people) the second waits for the
   * first, then finds it and is refused with {@link #alreadyRecorded}; 404 when there is no such patient.
   */
  static void lockPatient(org.jdbi.v3.core.Handle h, long patient) {
    if (h.createQuery("SELECT id FROM patient WHERE id = :p FOR UPDATE").bind("p", patient).mapTo(Long.class).findOne().isEmpty()) {
      throw ApiException.notFound("patient " + patient);
    }
  }

  /** 409 naming the record that already holds this event; nothing was saved. */
  static ApiException alreadyRecorded(String what, String field, String value, String allowed) {
    return new ApiException(409, what + ": nothing was saved; reload the record to see it", field, value, allowed);
  }

  /** The latest refill or prescription of the patient, in words. */
  public static String lastChange(org.jdbi.v3.core.Handle h, long patient) {
    Optional<Map<String, Object>> refill = h.createQuery("SELECT id, at, performed_by, fill_nl, concentration_ng_per_ml FROM refill "
        + "WHERE patient_id = :p ORDER BY id DESC LIMIT 1").bind("p", patient).mapToMap().findOne();
    Optional<Map<String, Object>> rx = h.createQuery("SELECT id, start_at, prescribed_by, dose_ng_per_day, concentration_ng_per_ml "
        + "FROM prescription WHERE patient_id = :p ORDER BY id DESC LIMIT 1").bind("p", patient).mapToMap().findOne();
    Optional<Map<String, Object>> audit = h.createQuery("SELECT at, actor, action, entity, entity_id FROM audit_log WHERE entity IN "
        + "('refill', 'prescription', 'implant') AND detail LIKE :d ORDER BY id DESC LIMIT 1").bind("d", "patient=" + patient + " %").mapToMap().findOne();
    if (audit.isPresent()) {
      Map<String, Object> a = audit.get();
      String what = "implant".equals(a.get("entity"))
          ? h.createQuery("SELECT id, pump_model, serial FROM implant WHERE id = :i").bind("i", Long.parseLong(String.valueOf(a.get("entity_id"))))
              .mapToMap().findOne().map(i -> "implant " + i.get("id") + " (pump " + i.get("pump_model") + " serial " + i.get("serial") + ")")
              .orElse("an implant")
          : "refill".equals(a.get("entity"))
          ? refill.map(r -> "refill " + r.get("id") + " (fill " + org.openitb.therapy.units.Volume.ofNanolitres(Rows.num(r.get("fill_nl")))
              + " of " + new org.openitb.therapy.units.Concentration(Rows.num(r.get("concentration_ng_per_ml"))) + ")").orElse("a refill")
          : rx.map(r -> "prescription " + r.get("id") + " (" + new org.openitb.therapy.units.DoseRate(Rows.num(r.get("dose_ng_per_day")))
              + " of " + new org.openitb.therapy.units.Concentration(Rows.num(r.get("concentration_ng_per_ml"))) + ")").orElse("a prescription");
      return what + " recorded by " + a.get("actor") + " at " + Text.dateTime(Rows.dateTime(a.get("at")));
    }
    return "another change was recorded";
  }

  /** The patient's therapy version as sent by a form (required). */
  public static long therapyVersion(Body b) {
    if (!b.has("therapyVersion")) {
      throw ApiException.badRequest("missing field therapyVersion: the therapy version the form was opened at (from GET /api/patients/{id}),"
          + " so a change made meanwhile by someone else is not silently overwritten", "therapyVersion", "", "1-" + Integer.MAX_VALUE);
    }
    return b.integer("therapyVersion", 1, Integer.MAX_VALUE);
  }
}
