// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.TestPump.DAY;
import static org.openitb.firmware.TestPump.HOUR;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.firmware.PumpEvent.BasalKind;
import org.openitb.firmware.PumpEvent.BootKind;
import org.openitb.firmware.PumpEvent.Booted;
import org.openitb.firmware.PumpEvent.ClockSet;
import org.openitb.firmware.PumpEvent.Refilled;
import org.openitb.firmware.PumpEvent.SettingsSource;
import org.openitb.firmware.PumpEvent.StrokesDelivered;
import org.openitb.firmware.PumpEvent.TherapyProgrammed;
import org.openitb.firmware.storage.PrescriptionCodec;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

class SimpleContinuousTest {
  /** 500 mcg/day at 500 mcg/mL is 1 mL/day: 4 000 strokes of 0.25 µL, one every 21.6 s exactly. */
  private static final long STROKE_INTERVAL = 21_600;

  @Test
  void programmingLeavesAnExactTrace() {
    TestPump pump = new TestPump().running(TestPump.simple(500));

    assertThat(pump.eventsAfter(0)).containsExactly(
        new Booted(BootKind.FIRST_POWER_ON, SettingsSource.NONE, 0, 1),
        new ClockSet(TestPump.CLINIC, java.time.LocalDateTime.of(1970, 1, 1, 0, 0), TestPump.START),
        new Refilled(TestPump.CLINIC, Volume.ZERO, Optional.empty(), Volume.ofMillilitres(20), TestPump.C500, false),
        new TherapyProgrammed(TestPump.CLINIC, BasalKind.SIMPLE_CONTINUOUS, Mass.ofMicrograms(500), TestPump.C500,
            Volume.ofMillilitres(2), PrescriptionCodec.checksum(TestPump.simple(500))));
    assertThat(pump.status().mode()).isEqualTo(Mode.RUNNING);
    assertThat(pump.status().prescriptionChecksum()).isEqualTo(PrescriptionCodec.checksum(TestPump.simple(500)));
  }

  @Test
  void strokesFallExactlyWhenDueAndTheFirmwareSleepsInBetween() {
    TestPump pump = new TestPump().running(TestPump.simple(500));
    java.util.List<Long> strokeTimes = new java.util.ArrayList<>();
    long[] seen = {0};
    pump.afterWake = t -> {
      if (pump.strokes() > seen[0]) {
        strokeTimes.add(t);
        seen[0] = pump.strokes();
      }
    };

    pump.runUntil(DAY);

    assertThat(pump.strokes()).isEqualTo(4_000);
    assertThat(strokeTimes).hasSize(4_000);
    for (int i = 0; i < strokeTimes.size(); i++) {
      assertThat(strokeTimes.get(i)).isEqualTo((i + 1) * STROKE_INTERVAL);
    }
    // one wake per stroke plus hourly housekeeping that does not coincide with a stroke
    assertThat(pump.wakes).isLessThanOrEqualTo(4_000 + 24);
    assertThat(pump.status().reservoirBelief()).isEqualTo(Volume.ofMillilitres(19));
    assertThat(pump.status().volumeDelivered()).isEqualTo(Volume.ofMillilitres(1));
  }

  @Test
  void spuriousWakesChangeNothing() {
    TestPump twin = new TestPump().running(TestPump.simple(500));
    TestPump pump = new TestPump().running(TestPump.simple(500));
    java.util.Random r = new java.util.Random(3);
    for (long t = 0; t < DAY; t += 1 + r.nextInt(60_000)) {
      pump.runUntil(t);
      pump.fw.onWake(); // early: the hardware may wake the firmware at any time
      pump.fw.onRadioFrame(new byte[] {1, 2, 3});
    }
    pump.runUntil(DAY);
    twin.runUntil(DAY);

    assertThat(pump.strokes()).isEqualTo(twin.strokes()).isEqualTo(4_000);
    assertThat(pump.all(StrokesDelivered.class)).isEqualTo(twin.all(StrokesDelivered.class));
  }

  @Test
  void strokesAreLoggedInHourlyBatches() {
    TestPump pump = new TestPump().running(TestPump.simple(500));

    pump.runUntil(3 * HOUR);

    var batches = pump.all(StrokesDelivered.class);
    assertThat(batches).hasSize(3);
    // housekeeping at 3 h runs before the stroke due at exactly 3 h, which goes into the next batch
    assertThat(batches).extracting(StrokesDelivered::strokes).containsExactly(166L, 167L, 166L);
    assertThat(batches).extracting(StrokesDelivered::totalStrokes).containsExactly(166L, 333L, 499L);
    assertThat(batches.get(0).volume()).isEqualTo(Volume.ofNanolitres(166 * 250));
    assertThat(pump.strokes()).isEqualTo(500);
  }

  @Test
  void theWatchdogIsKickedAtLeastEveryTenMinutesEvenWhenNothingIsDue() {
    TestPump pump = new TestPump().boot();

    pump.runUntil(2 * DAY);

    assertThat(pump.hw.watchdog.longestGap).isLessThanOrEqualTo(Firmware.MAX_SLEEP_MINUTES * TestPump.MINUTE);
    assertThat(pump.strokes()).isZero();
  }
}
