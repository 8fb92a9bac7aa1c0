// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Appends to the audit log inside the caller's transaction, so a change and its audit row commit or
 * fail together. The rows form a hash chain: each row stores the previous row's hash and its own
 * SHA-256 over its content and that previous hash; {@code audit_head} holds the last row's id and
 * hash (its row lock serialises appends). {@link #verify} finds a removed, changed, reordered,
 * back-dated or forged row.
 */
public final class Audit {
  static final String GENESIS = "0".repeat(64);
  static final int MAX_DETAIL = 4000;

  private Audit() {}

  public static void record(Handle h, Clock clock, Principal who, String ip, String action, String entity, Object entityId, String detail) {
    record(h, clock, who == null ? "system" : who.username(), ip, action, entity, entityId, detail);
  }

  public static void record(Handle h, Clock clock, String actor, String ip, String action, String entity, Object entityId, String detail) {
    String head = h.createQuery("SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE").mapTo(String.class).one();
    LocalDateTime at = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    Row r = new Row(0, at, actor.length() > 64 ? actor.substring(0, 64) : actor, action, entity,
        entityId == null ? null : String.valueOf(entityId), detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail,
        ip == null ? "" : ip, head, null);
    String hash = r.computeHash();
    long id = h.createUpdate("INSERT INTO audit_log(at, actor, action, entity, entity_id, detail, remote_addr, prev_hash, row_hash) "
            + "VALUES (:at, :actor, :action, :entity, :eid, :detail, :ip, :prev, :hash)")
        .bind("at", r.at()).bind("actor", r.actor()).bind("action", action).bind("entity", entity).bind("eid", r.entityId())
        .bind("detail", r.detail()).bind("ip", r.remoteAddr()).bind("prev", head).bind("hash", hash)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    h.createUpdate("UPDATE audit_head SET last_id = :i, last_hash = :h WHERE id = 1").bind("i", id).bind("h", hash).execute();
  }

  /** One audit row as stored. */
  record Row(long id, LocalDateTime at, String actor, String action, String entity, String entityId, String detail, String remoteAddr,
      String prevHash, String rowHash) {
    /** SHA-256 over every field, each length-prefixed (no two rows share an encoding), and the previous hash. */
    String computeHash() {
      StringBuilder sb = new StringBuilder();
      for (String f : new String[] {prevHash, at.toString(), actor, action, entity, entityId == null ? "\u0000" : entityId, detail, remoteAddr}) {
        sb.append(f.length()).append(':').append(f).append(';');
      }
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 missing from the JDK", e);
      }
    }
  }

  /**
   * The outcome of {@link #verify}: rows checked, rows from before the chain existed, and each problem
   * found (empty when the chain is intact).
   */
  public record Verification(long rows, long unchained, List<String> problems) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /** Walks the whole audit log in id order and checks the chain, the timestamps' order and the head. */
  public static Verification verify(Jdbi jdbi) {
    return jdbi.withHandle(h -> {
      List<String> problems = new ArrayList<>();
      long[] counts = new long[2];
      String[] prev = {GENESIS};
      LocalDateTime[] lastAt = {null};
      long[] lastId = {0};
      boolean[] chained = {false};
      h.createQuery("SELECT id, at, actor, action, entity, entity_id, detail, remote_addr, prev_hash, row_hash FROM audit_log ORDER BY id")
          .map((rs, ctx) -> new Row(rs.getLong(1), rs.getObject(2, LocalDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))
          .forEach(r -> {
            counts[0]++;
            if (r.rowHash() == null) {
              if (chained[0]) {
                problems.add("row " + r.id() + " has no hash: inserted outside the application (forged)");
              } else {
                counts[1]++;
              }
              return;
            }
            chained[0] = true;
            if (!prev[0].equals(r.prevHash())) {
              problems.add("row " + r.id() + " does not follow the row before it: a row before it was removed or changed, or it was forged");
            }
            if (!r.computeHash().equals(r.rowHash())) {
              problems.add("row " + r.id() + " was changed after it was written (its hash does not match its content)");
            }
            if (lastAt[0] != null && r.at().isBefore(lastAt[0])) {
              problems.add("row " + r.id() + " is back-dated: " + r.at() + " before the row before it (" + lastAt[0] + ")");
            }
            prev[0] = r.rowHash();
            lastAt[0] = r.at();
            lastId[0] = r.id();
          });
      var head = h.createQuery("SELECT last_id, last_hash FROM audit_head WHERE id = 1").mapToMap().findOne();
      if (head.isEmpty()) {
        problems.add("the audit head row is missing");
      } else if (((Number) head.get().get("last_id")).longValue() != lastId[0] || !prev[0].equals(head.get().get("last_hash"))) {
        problems.add("the last row is " + lastId[0] + " but the chain's head says " + head.get().get("last_id")
            + ": rows at the end were removed, or the head was changed");
      }
      return new Verification(counts[0], counts[1], List.copyOf(problems));
    });
  }
}
