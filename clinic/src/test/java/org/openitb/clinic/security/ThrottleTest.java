// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openitb.clinic.ClinicConfig;
import org.openitb.clinic.MovingClock;
import org.openitb.clinic.TestSupport;
import org.openitb.clinic.store.Database;

/**
 * The throttle's rules on its stored rows (H2; {@link SharedThrottleContract} runs them through the server on both
 * databases): attempts still being checked count against the limit with a short wait, an attempt never settled
 * (its server died) becomes a failure, a released attempt counts for nothing, and rows of old attempts are deleted.
 */
class ThrottleTest {
  MovingClock clock;
  HikariDataSource pool;
  Jdbi jdbi;
  Throttle throttle;

  @BeforeEach
  void open() {
    clock = new MovingClock();
    ClinicConfig config = TestSupport.h2(TestSupport.tempDir("throttle-unit"));
    pool = Database.pool(config.jdbcUrl(), config.user(), config.password());
    Database.migrate(pool, false, null);
    jdbi = Database.jdbi(pool);
    throttle = new Throttle(jdbi, clock);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void pendingAttemptsCountWithAShortWaitAndBecomeFailuresWhenNeverSettled() {
    List<Throttle.Attempt> pending = new ArrayList<>();
    for (int i = 0; i < Throttle.PER_ACCOUNT; i++) {
      Throttle.Attempt a = throttle.reserve("nurse", "10.0.0." + i);
      assertThat(a.throttled()).isFalse();
      pending.add(a);
    }
    Throttle.Attempt busy = throttle.reserve("nurse", "10.0.0.99");
    assertThat(busy.delay()).hasValue(Throttle.BUSY);
    assertThat(busy.refusal("username").getMessage()).contains("being checked", "try again in 1 s");
    throttle.release(pending.remove(0));
    Throttle.Attempt freed = throttle.reserve("nurse", "10.0.0.98");
    assertThat(freed.throttled()).as("a released attempt counts for nothing").isFalse();
    pending.add(freed);
    clock.advance(Throttle.PENDING_MAX);
    Throttle.Attempt after = throttle.reserve("nurse", "10.0.0.97");
    assertThat(after.delay()).as("never settled: failures now").hasValue(Throttle.WINDOW.minus(Throttle.PENDING_MAX));
    assertThat(after.refusal("username").getMessage()).contains("too many failed attempts");
  }

  @Test
  void failuresWaitForTheWindowAndASuccessClearsTheAccountOnly() {
    for (int i = 0; i < Throttle.PER_ACCOUNT - 1; i++) {
      throttle.failed(throttle.reserve("nurse", "10.0.0.1"));
    }
    Throttle.Attempt ok = throttle.reserve("nurse", "10.0.0.1");
    throttle.succeeded(ok);
    for (int i = 0; i < Throttle.PER_ACCOUNT - 1; i++) {
      assertThat(throttle.reserve("nurse", "10.0.0.2").throttled()).as("cleared by the success").isFalse();
    }
    // the address 10.0.0.1 kept its 4 failures: 16 more from other usernames reach its limit
    for (int i = 0; i < Throttle.PER_ADDRESS - (Throttle.PER_ACCOUNT - 1); i++) {
      throttle.failed(throttle.reserve("user" + i, "10.0.0.1"));
    }
    assertThat(throttle.reserve("clinician", "10.0.0.1").delay()).hasValue(Throttle.WINDOW);
  }

  @Test
  void rowsOfOldAttemptsAreDeleted() {
    throttle.failed(throttle.reserve("nurse", "10.0.0.1"));
    assertThat(rows()).isEqualTo(2);
    clock.advance(Throttle.WINDOW.plus(Throttle.PRUNE_EVERY));
    throttle.failed(throttle.reserve("clinician", "10.0.0.2"));
    assertThat(rows()).as("only the new attempt's account and address").isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.reserve("nurse", "10.0.0.1").throttled()).isFalse();
  }

  private long rows() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM login_throttle").mapTo(Long.class).one());
  }
}
