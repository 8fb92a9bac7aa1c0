// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.openitb.programmer.Confirmation;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.pump.CoSigns;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * The second person of a two-person check (DESIGN.md invariant 11): someone who proves who they
 * are, never a typed name. Either their own password typed at the operator's screen
 * ({@code "secondPerson": {"username", "password"}}), or a co-sign they approved from their own
 * logged-in session ({@code "cosignId"}, see {@link CoSigns}) for exactly this request. They must
 * be a clinician or nurse other than the operator; the audit row of the write names both.
 */
public final class SecondPerson {
  /** Fields of a request that carry the second person, left out of what a co-sign approves. */
  static final Set<String> PROOF_FIELDS = Set.of("secondPerson", "cosignId");
  /** How long an approved co-sign can be used. */
  public static final Duration COSIGN_VALID = Duration.ofMinutes(30);
  private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL = new com.fasterxml.jackson.databind.ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** A second person who proved themselves, and how. */
  public record Verified(String username, Role role, String how, Optional<Long> cosignId) {
    public Confirmation confirmation() {
      return new Confirmation(username, role.clinicalRole());
    }

    /** For the audit row: who and how. */
    public String audit() {
      return "second person " + username + " (" + role + ", " + how + ")";
    }
  }

  private final Jdbi jdbi;
  private final Clock clock;
  private final Throttle throttle;

  public SecondPerson(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.throttle = new Throttle(jdbi, clock);
  }

  /** Whether the request names a second person at all. */
  public static boolean given(Body b) {
    return b.has("secondPerson") || b.has("cosignId");
  }

  /**
   * The second person of {@code b} for {@code action} on {@code patient}, verified; empty when none is named. A
   * co-sign is used up here (in its own transaction), so it counts for one write only.
   */
  public Optional<Verified> verify(Body b, Principal operator, String ip, long patient, String action) {
    if (b.has("cosignId")) {
      return Optional.of(cosign(b, operator, patient, action));
    }
    if (!b.has("secondPerson")) {
      return Optional.empty();
    }
    JsonNode sp = b.node.get("secondPerson");
    if (!sp.isObject()) {
      throw ApiException.badRequest("secondPerson must be an object {username, password}", "secondPerson", Body.abbreviate(sp.toString()),
          "{\"username\": ..., \"password\": ...}");
    }
    String username = sp.path("username").asText("").trim();
    String password = sp.path("password").asText("");
    if (username.isEmpty() || password.isEmpty()) {
      throw ApiException.badRequest("the second person signs with their own username and password", "secondPerson.password", "",
          "the second person's username and password");
    }
    if (username.equalsIgnoreCase(operator.username())) {
      throw ApiException.badRequest("the second person must be a different user from the operator", "secondPerson.username", username,
          "another clinician's or nurse's username");
    }
    // exact spelling first: usernames are unique as spelt, so "Nurse" and "nurse" may both exist
    Optional<Map<String, Object>> user = jdbi.withHandle(h -> h.createQuery("SELECT username, password_hash, role, active FROM app_user "
        + "WHERE LOWER(username) = LOWER(:u) ORDER BY CASE WHEN username = :u THEN 0 ELSE 1 END, id").bind("u", username).mapToMap().findFirst());
    // the same throttle as the login (per account, and per operator instead of per address): a logged-in user cannot
    // guess another user's password here; one BCrypt whether or not the user exists; a deactivated login proves nothing
    Throttle.Attempt attempt = throttle.reserve(user.map(u -> (String) u.get("username")).orElse(username.toLowerCase(Locale.ROOT)),
        "user " + operator.username());
    if (attempt.throttled()) {
      jdbi.useHandle(h -> Audit.record(h, clock, operator, ip, "second-person-throttled", "patient", patient, "patient=" + patient + " "
          + action + ": second person " + username + " throttled for " + attempt.waitSeconds() + " s"));
      throw attempt.refusal("secondPerson.password");
    }
    boolean ok = Passwords.verify(password, user.map(u -> (String) u.get("password_hash")).orElse(null));
    if (!ok || !Boolean.TRUE.equals(user.get().get("active"))) {
      throttle.failed(attempt);
      jdbi.useHandle(h -> Audit.record(h, clock, operator, ip, "second-person-failed", "patient", patient, "patient=" + patient + " "
          + action + ": wrong username or password for second person " + username));
      throw ApiException.badRequest("the second person's username or password is wrong; nothing was changed", "secondPerson.password",
          "(hidden)", "the second person's own password");
    }
    throttle.succeeded(attempt);
    Role role = Role.valueOf((String) user.get().get("role"));
    if (!role.clinicalStaff()) {
      throw ApiException.badRequest("a second person must be a clinician or nurse", "secondPerson.username", username, "CLINICIAN, NURSE");
    }
    return Optional.of(new Verified((String) user.get().get("username"), role, "own password", Optional.empty()));
  }

  /** As {@link #verify}, but refuses when no second person is named, saying why one is needed. */
  public Verified require(Body b, Principal operator, String ip, long patient, String action, String why) {
    return verify(b, operator, ip, patient, action).orElseThrow(() -> ApiException.badRequest(why + ": a second clinician or nurse "
        + "must sign with their own password (secondPerson) or approve a co-sign request from their own login (cosignId)", "secondPerson",
        "", "{\"username\", \"password\"} of another clinician or nurse, or an approved cosignId"));
  }

  private Verified cosign(Body b, Principal operator, long patient, String action) {
    long id = b.integer("cosignId", 1, Long.MAX_VALUE);
    String subject = subject(action, b.node);
    LocalDateTime now = LocalDateTime.now(clock);
    return jdbi.inTransaction(h -> {
      Map<String, Object> c = h.createQuery("SELECT * FROM cosign_request WHERE id = :id").bind("id", id).mapToMap().findOne()
          .filter(r -> Rows.num(r.get("patient_id")) == patient)
          .orElseThrow(() -> ApiException.badRequest("no such co-sign request for this patient", "cosignId", Long.toString(id),
              "the id of a co-sign request for this patient"));
      if (!operator.username().equals(c.get("requested_by"))) {
        throw ApiException.badRequest("this co-sign was requested by " + c.get("requested_by") + ", not by you", "cosignId",
            Long.toString(id), "a co-sign you requested");
      }
      if (c.get("approved_by") == null) {
        throw new ApiException(409, "co-sign request " + id + " is not approved yet: the second person approves it from their own login "
            + "(dashboard, 'Waiting for your co-sign')", "cosignId", Long.toString(id), "an approved co-sign");
      }
      if (c.get("used_at") != null) {
        throw new ApiException(409, "co-sign " + id + " was already used at " + Text.dateTime(Rows.dateTime(c.get("used_at")))
            + "; request a new one", "cosignId", Long.toString(id), "an unused co-sign");
      }
      if (Rows.dateTime(c.get("approved_at")).plus(COSIGN_VALID).isBefore(now)) {
        throw new ApiException(409, "co-sign " + id + " was approved more than " + COSIGN_VALID.toMinutes() + " minutes ago; request a new one",
            "cosignId", Long.toString(id), "a co-sign approved within " + COSIGN_VALID.toMinutes() + " minutes");
      }
      if (!subject.equals(c.get("subject_hash")) || !action.equals(c.get("action"))) {
        throw new ApiException(409, "co-sign " + id + " approved a different request (" + c.get("summary") + "); what is being submitted now "
            + "was not approved: request a co-sign for it", "cosignId", Long.toString(id), "a co-sign of exactly this request");
      }
      int n = h.createUpdate("UPDATE cosign_request SET used_at = :now WHERE id = :id AND used_at IS NULL").bind("now", now).bind("id", id).execute();
      if (n == 0) {
        throw new ApiException(409, "co-sign " + id + " was just used by another submission", "cosignId", Long.toString(id), "an unused co-sign");
      }
      return new Verified((String) c.get("approved_by"), Role.valueOf((String) c.get("approver_role")),
          "co-sign " + id + " approved from own login at " + Text.dateTime(Rows.dateTime(c.get("approved_at"))), Optional.of(id));
    });
  }

  /**
   * What a co-sign approves: the action and the request's fields other than the proof of the second person, in a
   * canonical form (keys sorted), hashed.
   */
  public static String subject(String action, JsonNode request) {
    Map<String, Object> fields = new TreeMap<>();
    request.properties().forEach(e -> {
      if (!PROOF_FIELDS.contains(e.getKey())) {
        fields.put(e.getKey(), e.getValue());
      }
    });
    try {
      return Sessions.sha256(action + "\n" + CANONICAL.writeValueAsString(fields));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request's fields in words for the approver (proof fields left out). */
  public static String describe(JsonNode request) {
    StringBuilder s = new StringBuilder();
    List<String> skip = List.of("therapyVersion", "confirmed", "previewToken");
    request.properties().forEach(e -> {
      if (!PROOF_FIELDS.contains(e.getKey()) && !skip.contains(e.getKey())) {
        s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asText());
      }
    });
    return s.toString();
  }

  /** An empty JSON object (for actions whose request is built by the server). */
  public static ObjectNode object() {
    return Body.MAPPER.createObjectNode();
  }

  static String roleName(Role r) {
    return r.name().toLowerCase(Locale.ROOT);
  }
}
