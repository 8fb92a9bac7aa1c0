// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.pump;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.records.Refills;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.security.SecondPerson;
import org.openitb.clinic.store.Rows;

/**
 * Co-sign requests: the operator asks for a second person's approval of one exact request; the
 * second person, logged in in their own session, sees what it changes and approves it; the operator
 * then submits that request with its {@code cosignId} (see {@link SecondPerson}).
 */
public final class CoSigns {
  /** The writes a co-sign can approve (the route after /api/patients/{id}/). */
  static final List<String> ACTIONS = List.of(DoseChange.DOSE_COMMIT, PumpWorkflows.PUMP_REFILL, Refills.ACTION);
  private final Jdbi jdbi;
  private final Clock clock;

  public CoSigns(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Responses.CoSign request(long patient, Body b, Principal who, String ip) {
    String action = b.text("action", 64);
    if (!ACTIONS.contains(action)) {
      throw ApiException.badRequest("not a write that takes a co-sign", "action", action, String.join(", ", ACTIONS));
    }
    JsonNode request = b.node.get("request");
    if (request == null || !request.isObject()) {
      throw ApiException.badRequest("missing field request: the exact request the second person approves", "request", "",
          "the JSON object that will be submitted");
    }
    LocalDateTime now = LocalDateTime.now(clock);
    long id = jdbi.inTransaction(h -> {
      String name = h.createQuery("SELECT name FROM patient WHERE id = :p").bind("p", patient).mapTo(String.class).findOne()
          .orElseThrow(() -> ApiException.notFound("patient " + patient));
      String what = SecondPerson.describe(request);
      if (DoseChange.DOSE_COMMIT.equals(action)) {
        String token = request.path("previewToken").asText("");
        what = h.createQuery("SELECT summary FROM pump_preview WHERE token = :t AND patient_id = :p AND closed_at IS NULL")
            .bind("t", token).bind("p", patient).mapTo(String.class).findOne()
            .orElseThrow(() -> ApiException.badRequest("no open dose-change preview with that token", "request.previewToken", token,
                "the previewToken of an open preview of this patient"));
      }
      String summary = name + ": " + action.replace('/', ' ') + ": " + what;
      long newId = h.createUpdate("INSERT INTO cosign_request(patient_id, action, subject_hash, summary, requested_by, requested_at) "
              + "VALUES (:p, :a, :s, :sum, :by, :at)")
          .bind("p", patient).bind("a", action).bind("s", SecondPerson.subject(action, request))
          .bind("sum", summary.length() > 4000 ? summary.substring(0, 4000) : summary).bind("by", who.username()).bind("at", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Audit.record(h, clock, who, ip, "cosign-request", "cosign_request", newId, "patient=" + patient + " " + summary);
      return newId;
    });
    return one(id);
  }

  public Responses.CoSign approve(long id, Principal who, String ip) {
    LocalDateTime now = LocalDateTime.now(clock);
    jdbi.useTransaction(h -> {
      Map<String, Object> c = h.createQuery("SELECT requested_by, approved_by, patient_id, summary FROM cosign_request WHERE id = :id")
          .bind("id", id).mapToMap().findOne().orElseThrow(() -> ApiException.notFound("co-sign request " + id));
      if (who.username().equals(c.get("requested_by"))) {
        throw ApiException.forbidden("you requested this co-sign: the second person must be someone else, logged in as themselves");
      }
      int n = h.createUpdate("UPDATE cosign_request SET approved_by = :u, approver_role = :r, approved_at = :now "
              + "WHERE id = :id AND approved_by IS NULL").bind("u", who.username()).bind("r", who.role().name()).bind("now", now)
          .bind("id", id).execute();
      if (n == 0) {
        throw ApiException.conflict("co-sign request " + id + " was already approved by " + c.get("approved_by"));
      }
      Audit.record(h, clock, who, ip, "cosign-approve", "cosign_request", id, "patient=" + Rows.num(c.get("patient_id")) + " approved "
          + c.get("summary") + " requested by " + c.get("requested_by"));
    });
    return one(id);
  }

  public Responses.CoSign one(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, patient_id, action, summary, requested_by, requested_at, approved_by, "
            + "approver_role, approved_at, used_at FROM cosign_request WHERE id = :id").bind("id", id).mapToMap().findOne())
        .map(Responses.CoSign::of).orElseThrow(() -> ApiException.notFound("co-sign request " + id));
  }

  /** Requests not yet approved, newest first, from the last {@link SecondPerson#COSIGN_VALID}. */
  public List<Responses.CoSign> pending() {
    LocalDateTime since = LocalDateTime.now(clock).minus(SecondPerson.COSIGN_VALID);
    return jdbi.withHandle(h -> h.createQuery("SELECT id, patient_id, action, summary, requested_by, requested_at, approved_by, "
            + "approver_role, approved_at, used_at FROM cosign_request WHERE approved_by IS NULL AND requested_at >= :since "
            + "ORDER BY id DESC LIMIT 100").bind("since", since).mapToMap().list()).stream().map(Responses.CoSign::of).toList();
  }
}
