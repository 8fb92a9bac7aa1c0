// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many accelerated pumps on one scheduler thread: each pump schedules one tick on the shared
 * scheduler, closing a pump cancels only its own tick, and the scheduler stays its owner's. Asserts
 * no timing (the accelerated clock reads real time), only who holds which thread and task.
 */
class VirtualPumpSharedClockTest {
  static final int PUMPS = 5;
  static final long FACTOR = 60;

  @Test
  void pumpsShareOneTickerThreadAndCloseOnlyTheirOwnTick() {
    AtomicInteger threads = new AtomicInteger();
    RecordingTicker ticker = new RecordingTicker(r -> {
      threads.incrementAndGet();
      Thread t = new Thread(r, "shared-test-ticker");
      t.setDaemon(true);
      return t;
    });
    List<VirtualPump> pumps = new ArrayList<>();
    try {
      for (int k = 0; k < PUMPS; k++) {
        pumps.add(VirtualPump.builder(k).serial("ITB-SHARED-" + k).acceleratedClock(FACTOR, ticker).build());
      }
      assertThat(pumps).allSatisfy(p -> assertThat(p.clockMode()).isEqualTo(VirtualPump.ClockMode.ACCELERATED));
      assertThat(ticker.ticks).hasSize(PUMPS).noneMatch(ScheduledFuture::isCancelled);
      assertThat(threads.get()).isEqualTo(1);
      assertThatThrownBy(() -> pumps.get(0).advance(Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("accelerated");

      pumps.get(0).close();
      assertThat(ticker.ticks.get(0).isCancelled()).isTrue();
      assertThat(ticker.ticks.subList(1, PUMPS)).noneMatch(ScheduledFuture::isCancelled);
      assertThat(ticker.isShutdown()).isFalse();
      pumps.forEach(VirtualPump::close);
      assertThat(ticker.ticks).allMatch(ScheduledFuture::isCancelled);
      assertThat(ticker.isShutdown()).isFalse();
      assertThat(threads.get()).isEqualTo(1);
    } finally {
      pumps.forEach(VirtualPump::close);
      ticker.shutdownNow();
    }
  }

  /** A one-thread scheduler that keeps every periodic task scheduled on it, to check which are cancelled. */
  private static final class RecordingTicker extends ScheduledThreadPoolExecutor {
    final List<ScheduledFuture<?>> ticks = new CopyOnWriteArrayList<>();

    RecordingTicker(ThreadFactory threads) {
      super(1, threads);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      ScheduledFuture<?> f = super.scheduleAtFixedRate(command, initialDelay, period, unit);
      ticks.add(f);
      return f;
    }
  }
}
