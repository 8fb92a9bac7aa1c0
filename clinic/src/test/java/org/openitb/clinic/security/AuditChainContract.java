// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ServerContract;

/**
 * The audit log's hash chain: intact after normal use; a changed, removed, forged or back-dated row,
 * or rows cut from the end, are each found by {@link Audit#verify}. The tampering is done as the
 * database owner, with the append-only triggers dropped, as issue 10's attacker did. Each test
 * tampers with its own rows and asserts the exact report line for them.
 */
abstract class AuditChainContract extends ServerContract {
  /** Drops the append-only guard (vendor-specific trigger names and syntax). */
  abstract void dropGuards(Handle h);

  @BeforeAll
  void intactFirstThenUnguarded() {
    write(3);
    Audit.Verification ok = Audit.verify(server.jdbi());
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.rows()).isGreaterThanOrEqualTo(3);
    assertThat(ok.unchained()).isZero();
    owner().useHandle(this::dropGuards);
  }

  private long write(int n) {
    for (int i = 0; i < n; i++) {
      var r = demo.post("/api/patients", "{\"mrn\":\"CHAIN-" + System.nanoTime() + "-" + i
          + "\",\"name\":\"Chain\",\"etiology\":\"SPINAL\",\"ageGroup\":\"ADULT\",\"weight\":\"70 kg\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    return server.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM audit_log").mapTo(Long.class).one());
  }

  @Test
  void aChangedRowIsFound() {
    long row = write(3) - 1;
    owner().useHandle(h -> h.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE id = ?", row));
    assertThat(Audit.verify(server.jdbi()).problems()).contains("row " + row + " was changed after it was written (its hash does not match its content)");
  }

  @Test
  void aRemovedRowIsFound() {
    long last = write(3);
    owner().useHandle(h -> h.execute("DELETE FROM audit_log WHERE id = ?", last - 1));
    assertThat(Audit.verify(server.jdbi()).problems()).contains("row " + last
        + " does not follow the row before it: a row before it was removed or changed, or it was forged");
  }

  @Test
  void aForgedBackDatedRowIsFound() {
    write(1);
    owner().useHandle(h -> h.execute("INSERT INTO audit_log(at, actor, action, entity, entity_id, detail, remote_addr) "
        + "VALUES (TIMESTAMP '2020-01-01 00:00:00', 'demo', 'create', 'patient', '1', 'forged', '127.0.0.1')"));
    long forged = server.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM audit_log").mapTo(Long.class).one());
    assertThat(Audit.verify(server.jdbi()).problems()).contains("row " + forged + " has no hash: inserted outside the application (forged)");
    // even with a hash computed like the application's, the back-dating shows
    owner().useHandle(h -> {
      String prev = h.createQuery("SELECT last_hash FROM audit_head WHERE id = 1").mapTo(String.class).one();
      var r = new Audit.Row(0, java.time.LocalDateTime.of(2020, 1, 1, 0, 0), "demo", "create", "patient", "1", "forged", "127.0.0.1", prev, null);
      h.execute("INSERT INTO audit_log(at, actor, action, entity, entity_id, detail, remote_addr, prev_hash, row_hash) "
          + "VALUES (TIMESTAMP '2020-01-01 00:00:00', 'demo', 'create', 'patient', '1', 'forged', '127.0.0.1', ?, ?)", prev, r.computeHash());
    });
    long second = server.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM audit_log").mapTo(Long.class).one());
    assertThat(Audit.verify(server.jdbi()).problems()).anyMatch(p -> p.startsWith("row " + second + " is back-dated: 2020-01-01T00:00"));
  }

  @Test
  void rowsCutFromTheEndAreFound() {
    long last = write(2);
    owner().useHandle(h -> h.execute("DELETE FROM audit_log WHERE id = ?", last));
    assertThat(Audit.verify(server.jdbi()).problems()).contains("the last row is " + (last - 1) + " but the chain's head says " + last
        + ": rows at the end were removed, or the head was changed");
    write(1); // the chain goes on from the head, so the cut stays visible
    assertThat(Audit.verify(server.jdbi()).problems()).anyMatch(p -> p.endsWith("does not follow the row before it: a row before it was removed or changed, or it was forged"));
  }
}
