// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openitb.link.message.DeliveryState;
import org.openitb.link.message.LogEvent;
import org.openitb.programmer.fake.Rig;

/**
 * Faults of the pump itself, seen by the programmer: an MRI's magnetic field stalls the motor (clinical.md 1.5,
 * 1.8), and the post-MRI check must find the stall and its recovery in the pump's log, confirm delivery and the
 * cleared "interrogation required" flag. One contract on the fake ({@link FakePumpFaultTest}, which scripts the
 * firmware's log of a scan) and on the real firmware ({@link VirtualPumpFaultTest}, whose simulated rotor really
 * stalls in the field): the log the programmer reads must mean the same on both.
 */
abstract class PumpFaultContract {
  private static final EventCodes CODES = EventCodes.DEFAULT;
  /** The events of a scan, in the order the pump logs them (strokes and link frames left out). */
  private static final Set<Integer> SCAN_EVENTS = Set.of(CODES.magnetField(), CODES.stallStarted(), CODES.alarmRaised(), CODES.stallRecovered(),
      CODES.interrogated());

  /** Makes the pumps under test. */
  abstract PumpBench.Factory pumps();

  private PumpBench pump;
  private long lastSeen;

  @BeforeEach
  void start() {
    pump = pumps().open(Rig.simple(300));
    try (PumpSession s = pump.session()) { // the visit before the scan: the clinic keeps the last event it saw
      lastSeen = s.interrogate().status().lastEventSequence();
    }
    pump.advance(Duration.ofMinutes(10));
  }

  @AfterEach
  void stop() {
    pump.close();
  }

  private PumpSession session() {
    return pump.sessionBuilder().lastSeenEvent(lastSeen).open(pump.endpointForClinician(), pump.transport());
  }

  @Test
  void thePostMriCheckFindsStallAndRecoveryConfirmsDeliveryAndClearsTheFlag() {
    pump.magneticField(Duration.ofMinutes(30), Duration.ofMinutes(45));
    PostMriCheck.Result r;
    List<LogEvent> scan;
    try (PumpSession s = session()) {
      r = PostMriCheck.run(s);
      scan = s.eventsSince(lastSeen).stream().filter(e -> SCAN_EVENTS.contains(e.code())).toList();
      assertThat(s.interrogate().activeAlarms()).containsExactly(PumpBench.MOTOR_STALL_ALARM); // latched until a clinician clears it
      assertThat(s.record().postMri().deliveryConfirmed()).isTrue();
    }
    assertThat(r.findings()).containsExactly("1 motor stall(s) and 1 recovery(ies) logged since the last session");
    assertThat(r.passed()).isTrue();
    assertThat(r.deliveryConfirmed()).isTrue();
    assertThat(r.flagWasSet()).isTrue();
    assertThat(r.flagCleared()).isTrue();
    LogEvent stall = r.stalls().get(0);
    LogEvent recovery = r.recoveries().get(0);
    assertThat(r.stalls()).extracting(LogEvent::code).containsExactly(CODES.stallStarted());
    assertThat(r.recoveries()).extracting(LogEvent::code).containsExactly(CODES.stallRecovered());
    // field on, the stall, its alarm, field off, the recovery (logged with how long the rotor stood still), the flag cleared by this programmer
    assertThat(scan).extracting(LogEvent::code, LogEvent::value).containsExactly(
        tuple(CODES.magnetField(), 1L), tuple(CODES.stallStarted(), 0L), tuple(CODES.alarmRaised(), (long) PumpBench.MOTOR_STALL_ALARM),
        tuple(CODES.magnetField(), 0L), tuple(CODES.stallRecovered(), recovery.timeMillis() - stall.timeMillis()), tuple(CODES.interrogated(), 0L));
    assertThat(scan.get(scan.size() - 1).source()).isEqualTo(Rig.PROGRAMMER_ID); // both pumps pair the clinician programmer CP-0001
  }

  @Test
  void thePostMriCheckFailsWhileTheMotorIsStillStalledAndPassesOnceTheFieldIsGone() {
    pump.magneticField(Duration.ofHours(2), Duration.ofMinutes(30)); // checked while the patient is still in the scanner room
    try (PumpSession s = session()) {
      PostMriCheck.Result r = PostMriCheck.run(s);
      long stall = r.stalls().get(0).sequence();
      assertThat(r.passed()).isFalse();
      assertThat(r.deliveryConfirmed()).isFalse();
      assertThat(r.flagWasSet()).isTrue();
      assertThat(r.flagCleared()).isTrue();
      assertThat(r.stalls()).extracting(LogEvent::code).containsExactly(CODES.stallStarted());
      assertThat(r.recoveries()).isEmpty();
      assertThat(r.findings()).containsExactly("1 motor stall(s) and 0 recovery(ies) logged since the last session",
          "the last motor stall (event " + stall + ") has no recovery: delivery has not resumed; check again after leaving the scanner room and"
              + " consider imaging the pump (rotor study)",
          "the pump reports STALLED, not DELIVERING: the patient is not receiving baclofen; act before the patient leaves");
      assertThat(s.status().delivery()).isEqualTo(DeliveryState.STALLED);
    }
    pump.advance(Duration.ofMinutes(90)); // out of the field
    try (PumpSession s = session()) {
      PostMriCheck.Result again = PostMriCheck.run(s);
      assertThat(again.passed()).isTrue();
      assertThat(again.stalls()).extracting(LogEvent::code).containsExactly(CODES.stallStarted());
      assertThat(again.recoveries()).extracting(LogEvent::code).containsExactly(CODES.stallRecovered());
      assertThat(again.flagWasSet()).isFalse(); // the first check's read cleared it
    }
  }
}
