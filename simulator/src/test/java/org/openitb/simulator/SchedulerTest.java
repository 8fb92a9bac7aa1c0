// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  @Test
  void runsActionsInTimeThenSchedulingOrderAndStopsAtTheLimit() {
    Scheduler s = new Scheduler();
    List<String> seen = new ArrayList<>();
    s.at(20, () -> seen.add("b@" + s.nowMillis()));
    s.at(10, () -> seen.add("a@" + s.nowMillis()));
    s.at(20, () -> seen.add("c@" + s.nowMillis()));
    s.at(30, () -> seen.add("late"));
    s.runUntil(25);
    assertThat(seen).containsExactly("a@10", "b@20", "c@20");
    assertThat(s.nowMillis()).isEqualTo(25);
    assertThat(s.executed()).isEqualTo(3);
  }

  @Test
  void anActionScheduledInThePastRunsNowNotBeforeTheClock() {
    Scheduler s = new Scheduler();
    s.runUntil(100);
    List<Long> seen = new ArrayList<>();
    s.at(5, () -> seen.add(s.nowMillis()));
    s.runUntil(100);
    assertThat(seen).containsExactly(100L);
  }

  @Test
  void actionsMayScheduleMoreActions() {
    Scheduler s = new Scheduler();
    List<Long> seen = new ArrayList<>();
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> {
      seen.add(s.nowMillis());
      if (seen.size() < 3) {
        s.at(s.nowMillis() + 7, tick[0]);
      }
    };
    s.at(0, tick[0]);
    s.runUntil(1_000);
    assertThat(seen).containsExactly(0L, 7L, 14L);
  }
}
