// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.json.Responses;
import org.openitb.clinic.security.Audit;
import org.openitb.clinic.security.Principal;
import org.openitb.clinic.store.Rows;
import org.openitb.clinic.store.Text;

/**
 * Resolving a flagged refill discrepancy (issue 9 defect 8): a refill whose withdrawn volume differs
 * from the expected one beyond the pump model's limit stays open on the dashboard until someone
 * records what they found (e.g. needle outside the reservoir, a pocket fill suspected, the pump's
 * accounting drifted) and what they did (e.g. rotor study booked, patient observed for overdose).
 * The row keeps who and when; the audit row records all four. A refill that was not flagged has
 * nothing to resolve (400); one already resolved keeps its first resolution (409).
 */
public final class Discrepancies {
  static final int MAX_TEXT = 1000;
  private final Jdbi jdbi;
  private final Clock clock;

  public Discrepancies(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Responses.Refill resolve(long patient, long refill, Body b, Principal who, String ip) {
    String found = b.text("found", MAX_TEXT);
    String action = b.text("action", MAX_TEXT);
    LocalDateTime now = LocalDateTime.now(clock);
    jdbi.useTransaction(h -> {
      Map<String, Object> row = h.createQuery("SELECT patient_id, flagged, resolved, resolved_at, resolved_by, discrepancy_nl FROM refill WHERE id = :id")
          .bind("id", refill).mapToMap().findOne().filter(r -> Rows.num(r.get("patient_id")) == patient)
          .orElseThrow(() -> ApiException.notFound("refill " + refill + " of patient " + patient));
      if (!Boolean.TRUE.equals(row.get("flagged"))) {
        throw ApiException.badRequest("refill " + refill + " was not flagged: there is no discrepancy to resolve", "refillId",
            Long.toString(refill), "a flagged refill");
      }
      // Guarded by "not yet resolved": of two nurses resolving at once, one records and the other is told who did.
      int n = Boolean.TRUE.equals(row.get("resolved")) ? 0 : h.createUpdate("UPDATE refill SET resolved = TRUE, resolved_at = :now, "
              + "resolved_by = :by, resolution_found = :f, resolution_action = :a WHERE id = :id AND patient_id = :p AND resolved = FALSE")
          .bind("now", now).bind("by", who.username()).bind("f", found).bind("a", action).bind("id", refill).bind("p", patient).execute();
      if (n == 0) {
        Map<String, Object> first = h.createQuery("SELECT resolved_at, resolved_by FROM refill WHERE id = :id").bind("id", refill).mapToMap().one();
        throw new ApiException(409, "the discrepancy of refill " + refill + " was already resolved" + (first.get("resolved_by") == null ? ""
            : " by " + first.get("resolved_by") + " at " + Text.dateTime(Rows.dateTime(first.get("resolved_at")))) + "; its first resolution stands",
            "refillId", Long.toString(refill), "a flagged refill not yet resolved");
      }
      Audit.record(h, clock, who, ip, "resolve", "refill", refill, "patient=" + patient + " discrepancy "
          + org.openitb.therapy.units.Volume.ofNanolitres(Rows.num(row.get("discrepancy_nl"))) + " resolved by " + who.username()
          + " at " + Text.dateTime(now) + "; found: " + found + "; done: " + action);
    });
    return Responses.Refill.of(new Records(jdbi, clock).one("refill", refill));
  }
}
