// SPDX-License-Identifier: Apache-2.0
package org.openitb.firmware.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openitb.firmware.engine.DeliveryUnits.DAY_MILLIS;
import static org.openitb.firmware.engine.DeliveryUnits.NEVER;

import org.junit.jupiter.api.Test;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * The engine's look-ahead ({@link OwedDelivery#nextDueAt}) at exact instants: the pump wakes when
 * the next stroke is owed, not a millisecond earlier or later, and gives up (NEVER) exactly at its
 * limits of one day and 64 rate segments; and what {@link OwedDelivery#advanceTo} and a new stroke
 * size write off.
 */
class OwedDeliveryTest {
  private static final long T0 = 5 * DAY_MILLIS + 1234;

  private static OneOffBolus bolus(long startRtc, long units, long millis) {
    return new OneOffBolus(BolusKind.CLINICIAN, startRtc, new BolusShape(units, millis), Mass.ofMicrograms(1), Volume.ofMicrolitres(1));
  }

  private static OwedDelivery engine(TherapyProfile profile, long strokeUnits, long owed) {
    OwedDelivery e = new OwedDelivery(profile, strokeUnits);
    e.restart(T0, owed);
    return e;
  }

  /** The first instant at which a stroke is owed, found by advancing a twin millisecond by millisecond. */
  private static long firstOwedByStepping(TherapyProfile profile, long strokeUnits, long owed, long limit) {
    OwedDelivery twin = engine(profile, strokeUnits, owed);
    for (long t = T0; t <= limit; t++) {
      twin.advanceTo(t);
      if (twin.strokeOwed()) {
        return t;
      }
    }
    return NEVER;
  }

  @Test
  void aStrokeAlreadyOwedIsDueNowEvenWithNothingFlowing() {
    TherapyProfile nothing = new TherapyProfile();
    assertThat(engine(nothing, 100, 100).nextDueAt(T0 + 7)).isEqualTo(T0 + 7);
    assertThat(engine(nothing, 100, 150).nextDueAt(T0)).isEqualTo(T0);
    assertThat(engine(nothing, 100, 99).nextDueAt(T0)).isEqualTo(NEVER);
    assertThat(engine(nothing, 100, 0).nextDueAt(T0)).isEqualTo(NEVER);
  }

  @Test
  void aStrokeFallsDueAtTheFirstMillisecondItsLastUnitArrives() {
    TherapyProfile p = new TherapyProfile();
    p.boluses().add(bolus(T0, 100, 10)); // 10 units a millisecond for 10 ms, then nothing
    // exactly a stroke by the end of the bolus: due at its end, not NEVER because nothing flows after it
    assertThat(engine(p, 100, 0).nextDueAt(T0)).isEqualTo(T0 + 10).isEqualTo(firstOwedByStepping(p, 100, 0, T0 + 20));
    // a stroke of 95 units: 90 after 9 ms, 100 after 10: due at the 10th millisecond (rounded up, never early)
    assertThat(engine(p, 95, 0).nextDueAt(T0)).isEqualTo(T0 + 10).isEqualTo(firstOwedByStepping(p, 95, 0, T0 + 20));
    assertThat(engine(p, 91, 0).nextDueAt(T0)).isEqualTo(T0 + 10);
    assertThat(engine(p, 90, 0).nextDueAt(T0)).isEqualTo(T0 + 9).isEqualTo(firstOwedByStepping(p, 90, 0, T0 + 20));
    // with 30 units owed already the stroke needs 70 more: 7 ms
    assertThat(engine(p, 100, 30).nextDueAt(T0)).isEqualTo(T0 + 7).isEqualTo(firstOwedByStepping(p, 100, 30, T0 + 20));
    // more than the bolus brings: never (within the look-ahead)
    assertThat(engine(p, 101, 0).nextDueAt(T0)).isEqualTo(NEVER);
  }

  @Test
  void theLookAheadSpansGapsBetweenSegmentsAndStopsExactlyOneDayAhead() {
    TherapyProfile p = new TherapyProfile();
    p.boluses().add(bolus(T0 + 40, 50, 10)); // 5 units a millisecond
    p.boluses().add(bolus(T0 + 100, 100, 10)); // 10 units a millisecond
    // 50 units in the first, 30 more 3 ms into the second
    assertThat(engine(p, 80, 0).nextDueAt(T0)).isEqualTo(T0 + 103).isEqualTo(firstOwedByStepping(p, 80, 0, T0 + 200));

    TherapyProfile late = new TherapyProfile();
    late.boluses().add(bolus(T0 + DAY_MILLIS - 1, 1000, 10)); // starts the last millisecond of the look-ahead
    assertThat(engine(late, 100, 0).nextDueAt(T0)).isEqualTo(T0 + DAY_MILLIS);
    TherapyProfile beyond = new TherapyProfile();
    beyond.boluses().add(bolus(T0 + DAY_MILLIS, 1000, 10)); // starts exactly one day ahead: beyond the look-ahead
    assertThat(engine(beyond, 100, 0).nextDueAt(T0)).isEqualTo(NEVER);
  }

  @Test
  void theLookAheadExaminesAtMost64RateSegments() {
    // 40 one-unit boluses of 1 ms, one every 2 ms: segment 2k is bolus k (1 unit), segment 2k+1 the gap after it
    TherapyProfile p = new TherapyProfile();
    for (int k = 0; k < 40; k++) {
      p.boluses().add(bolus(T0 + 2L * k, 1, 1));
    }
    // 32 units: the 32nd bolus is segment 62, the last one examined ends at T0 + 63
    assertThat(engine(p, 32, 0).nextDueAt(T0)).isEqualTo(T0 + 63).isEqualTo(firstOwedByStepping(p, 32, 0, T0 + 100));
    // 33 units would need segment 64, the 65th: the pump wakes on its own before then, so the look-ahead gives up
    assertThat(firstOwedByStepping(p, 33, 0, T0 + 100)).isEqualTo(T0 + 65);
    assertThat(engine(p, 33, 0).nextDueAt(T0)).isEqualTo(NEVER);
  }

  @Test
  void advancingAcrossASegmentEndWritesOffAllButOneOverdueStroke() {
    TherapyProfile p = new TherapyProfile();
    p.boluses().add(bolus(T0, 1000, 10)); // 100 strokes of 10 units in 10 ms, then nothing
    OwedDelivery e = engine(p, 10, 0);
    assertThat(e.advanceTo(T0 + 20)).isEqualTo(99);
    assertThat(e.owed()).isEqualTo(10);
    assertThat(e.integratedTo()).isEqualTo(T0 + 20);
    assertThat(e.strokeOwed()).isTrue();

    // within a segment: 5 ms bring 500 units (50 strokes), 49 written off, one stroke kept owed
    OwedDelivery within = engine(p, 10, 0);
    assertThat(within.advanceTo(T0 + 5)).isEqualTo(49);
    assertThat(within.owed()).isEqualTo(10);
  }

  @Test
  void aSmallerStrokeWritesOffWhatWouldBeMoreThanOneStrokeOverdue() {
    OwedDelivery e = engine(new TherapyProfile(), 10, 19);
    assertThat(e.setStrokeUnits(5)).isEqualTo(2); // 19 units are 3 strokes of 5: two written off, 9 units kept
    assertThat(e.owed()).isEqualTo(9);
    assertThat(e.strokeUnits()).isEqualTo(5);
    assertThat(e.setStrokeUnits(20)).isZero();
    assertThat(e.owed()).isEqualTo(9);
  }
}
