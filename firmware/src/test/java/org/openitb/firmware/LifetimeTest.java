// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.DAY;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.EndOfService;
import org.openitb.firmware.PumpEvent.EndReason;
import org.openitb.firmware.PumpEvent.ReplacementIndicator;
import org.openitb.firmware.PumpEvent.StrokesDelivered;
import org.openitb.therapy.units.Volume;

/**
 * A whole pump life at per-stroke fidelity: 0.6 mL/day (2 400 strokes a day), refilled every 28
 * days, for seven years, to the automatic shut-down. Prints the CPU time it took (no timed
 * assertion: speed is measured by the bench module).
 */
class LifetimeTest {
  private static final long SERVICE_LIFE = 7 * 365 * DAY;
  private static final long REFILL_EVERY = 28 * DAY;

  @Test
  void sevenYearsOfTherapyEndInTheAutomaticShutDown() {
    TestPump pump = new TestPump().running(TestPump.simple(300));
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();

    for (long t = REFILL_EVERY; t < SERVICE_LIFE + 30 * DAY; t += REFILL_EVERY) {
      pump.runUntil(t);
      pump.send(new Command.Refill(Volume.ofMillilitres(20), TestPump.BACLOFEN, TestPump.C500, Optional.empty()));
    }
    pump.runUntil(SERVICE_LIFE + 30 * DAY);

    long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000;
    System.out.println("7-year life: " + pump.strokes() + " strokes, " + pump.wakes + " wakes, " + pump.events.size()
        + " log entries, " + pump.hw.memory.writes + " NV writes, " + cpuMillis + " ms CPU (firmware + fake hardware)");
    // every stroke of seven years but the one due at the very instant of shut-down
    assertThat(pump.strokes()).isEqualTo(2_400L * 7 * 365 - 1);
    assertThat(pump.status().strokesWrittenOff()).isZero();
    assertThat(pump.all(ReplacementIndicator.class)).hasSize(1);
    assertThat(pump.all(EndOfService.class)).containsExactly(new EndOfService(EndReason.SERVICE_LIFE));
    assertThat(pump.all(StrokesDelivered.class).stream().mapToLong(StrokesDelivered::strokes).sum()).isEqualTo(pump.strokes());
    assertThat(pump.status().mode()).isEqualTo(Mode.END_OF_SERVICE);
  }
}
