// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openitb.therapy.TestGens;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Volume;

class ReservoirForecastPropertyTest {
  private static final long MINUTES_PER_DAY = 1_440;

  @Test
  void overTheWholeInputRangeOnlyValidationErrorsAndNoAbsurdDates() {
    int[] outcomes = new int[2]; // refused, forecast: both must occur (the generators reach the refusal branch)
    qt().withFixedSeed(TestGens.SEED).withExamples(400)
        .forAll(TestGens.prescriptions(), longs().between(-2_000_000, 40_000_000), longs().between(-500_000, 5_000_000), TestGens.times())
        .checkAssert((p, reservoirNl, alarmNl, at) -> {
          ReservoirForecast f;
          try {
            f = ReservoirForecast.of(Volume.ofNanolitres(reservoirNl), at, p, Volume.ofNanolitres(alarmNl));
          } catch (InvalidValueException e) {
            // exactly the negative volumes are refused, the reservoir's first, naming the field and the range
            assertThat(reservoirNl < 0 || alarmNl < 0).isTrue();
            assertThat(e.field()).isEqualTo(reservoirNl < 0 ? "reservoir volume" : "alarm volume");
            assertThat(e.allowed()).isEqualTo(">= 0 mL");
            assertThat(e.getMessage()).contains(e.field()).contains(e.allowed());
            outcomes[0]++;
            return;
          }
          assertThat(reservoirNl).isNotNegative();
          assertThat(alarmNl).isNotNegative();
          outcomes[1]++;
          LocalDateTime from = at.truncatedTo(ChronoUnit.MINUTES);
          for (Optional<LocalDateTime> d : java.util.List.of(f.alarmAt(), f.emptyAt(), f.conservativeAlarmAt(), f.conservativeEmptyAt())) {
            d.ifPresent(x -> assertThat(x).isBetween(from, f.horizonEnd()));
            d.ifPresent(x -> assertThat(x.getSecond()).isZero());
          }
          assertNotLater(f.conservativeAlarmAt(), f.alarmAt());
          assertNotLater(f.conservativeEmptyAt(), f.emptyAt());
          assertNotLater(f.alarmAt(), f.emptyAt());
          assertNotLater(f.conservativeAlarmAt(), f.conservativeEmptyAt());
          // An empty instant always comes with its reason.
          if (f.emptyAt().isEmpty()) {
            assertThat(f.notes()).anyMatch(n -> n.startsWith("emptyAt: "));
          }
        });
    assertThat(outcomes[0]).as("refused").isGreaterThan(20);
    assertThat(outcomes[1]).as("forecast").isGreaterThan(200);
  }

  /** Whole days consume exactly the daily volume, so emptyAt lies in the day that the daily volume predicts. */
  @Test
  void emptyAtIsConsistentWithTheDailyVolume() {
    qt().withFixedSeed(TestGens.SEED + 1).withExamples(400)
        .forAll(TestGens.prescriptions(), longs().between(1, 40_000_000), TestGens.times())
        .checkAssert((p, reservoirNl, at) -> {
          ReservoirForecast f;
          try {
            f = ReservoirForecast.of(Volume.ofNanolitres(reservoirNl), at, p, Volume.ZERO);
          } catch (InvalidValueException e) {
            return;
          }
          var perDay = f.dailyVolume().totalNanolitres();
          if (perDay.isZero()) {
            assertThat(f.emptyAt()).isEmpty();
            return;
          }
          BigInteger k = org.openitb.therapy.units.Fraction.of(reservoirNl).dividedBy(perDay).ceil().subtract(BigInteger.ONE);
          LocalDateTime base = at.truncatedTo(ChronoUnit.SECONDS);
          if (k.compareTo(BigInteger.valueOf(3_000)) > 0) {
            return; // may be past the horizon; covered by the invariants above
          }
          LocalDateTime dayStart = base.plusDays(k.longValueExact());
          assertThat(f.emptyAt()).hasValueSatisfying(x -> assertThat(x)
              .isBetween(dayStart.truncatedTo(ChronoUnit.MINUTES), dayStart.plusDays(1)));
        });
  }

  /** For a constant rate the instant has a closed form: floor(V x 86400 / rate) seconds after at. */
  @Test
  void simpleContinuousMatchesTheClosedForm() {
    qt().withFixedSeed(TestGens.SEED + 2).withExamples(500)
        .forAll(TestGens.positiveDoses(), TestGens.concentrations(), longs().between(0, 40_000_000), TestGens.times())
        .checkAssert((dose, c, reservoirNl, at) -> {
          Prescription p = Prescription.simple(TestGens.BACLOFEN, c, dose);
          BigInteger rate = dose.exactVolumeRateAt(c).floor();
          ReservoirForecast f = ReservoirForecast.of(Volume.ofNanolitres(reservoirNl), at, p, Volume.ZERO);
          if (rate.signum() == 0) {
            assertThat(f.emptyAt()).isEmpty();
            return;
          }
          BigInteger seconds = BigInteger.valueOf(reservoirNl).multiply(BigInteger.valueOf(86_400)).divide(rate);
          LocalDateTime base = at.truncatedTo(ChronoUnit.SECONDS);
          if (seconds.compareTo(BigInteger.valueOf(Duration.between(base, base.plusYears(10)).toSeconds())) > 0) {
            assertThat(f.emptyAt()).isEmpty();
          } else {
            assertThat(f.emptyAt()).contains(base.plusSeconds(seconds.longValueExact()).truncatedTo(ChronoUnit.MINUTES));
          }
        });
  }

  /**
   * Against an independent reference that integrates minute by minute (every rate change in these
   * prescriptions falls on a whole minute, so consumption is linear within each minute).
   */
  @Test
  void agreesWithAMinuteByMinuteReference() {
    java.util.concurrent.atomic.AtomicInteger crossings = new java.util.concurrent.atomic.AtomicInteger();
    qt().withFixedSeed(TestGens.SEED + 3).withExamples(120)
        .forAll(TestGens.prescriptions(), longs().between(0, 3_000_000), TestGens.minuteTimes(), longs().between(0, 1))
        .checkAssert((p, reservoirNl, at, conservative) -> {
          ReservoirForecast f;
          try {
            f = ReservoirForecast.of(Volume.ofNanolitres(reservoirNl), at, p, Volume.ZERO);
          } catch (InvalidValueException e) {
            return;
          }
          boolean withPatient = conservative == 1;
          Optional<Long> expected = new MinuteReference(p, at, withPatient).minuteReaching(BigInteger.valueOf(reservoirNl), 4 * MINUTES_PER_DAY);
          Optional<LocalDateTime> actual = withPatient ? f.conservativeEmptyAt() : f.emptyAt();
          if (expected.isPresent()) {
            crossings.incrementAndGet();
            assertThat(actual).contains(at.plusMinutes(expected.get()));
          } else {
            actual.ifPresent(x -> assertThat(x).isAfterOrEqualTo(at.plusMinutes(4 * MINUTES_PER_DAY - 1)));
          }
        });
    // Most examples must reach a crossing within the reference's window, or the comparison proves little.
    assertThat(crossings.get()).isGreaterThan(60);
  }

  private static void assertNotLater(Optional<LocalDateTime> earlier, Optional<LocalDateTime> later) {
    if (later.isPresent()) {
      assertThat(earlier).hasValueSatisfying(e -> assertThat(e).isBeforeOrEqualTo(later.get()));
    }
  }

  /** Cumulative consumption minute by minute, scaled by a common denominator so it stays in integers. */
  private static final class MinuteReference {
    private final BigInteger scale;
    private final BigInteger[] perMinute = new BigInteger[(int) MINUTES_PER_DAY]; // by minute of day, scaled
    private final BigInteger patientStep; // scaled
    private final long startMinute;

    MinuteReference(Prescription p, LocalDateTime at, boolean withPatient) {
      BigInteger s = BigInteger.valueOf(MINUTES_PER_DAY);
      for (ScheduledBolus b : p.scheduledBoluses()) {
        s = lcm(s, BigInteger.valueOf(b.duration().toMinutes()));
      }
      scale = s;
      for (int m = 0; m < MINUTES_PER_DAY; m++) {
        BigInteger rate = p.basal().rateAt(java.time.LocalTime.ofSecondOfDay(m * 60L)).exactVolumeRateAt(p.concentration()).floor();
        BigInteger v = rate.multiply(scale).divide(BigInteger.valueOf(MINUTES_PER_DAY));
        for (ScheduledBolus b : p.scheduledBoluses()) {
          long start = b.start().toSecondOfDay() / 60;
          long dur = b.duration().toMinutes();
          if (Math.floorMod(m - start, MINUTES_PER_DAY) < dur) {
            BigInteger vol = b.dose().exactVolumeAt(p.concentration()).floor();
            v = v.add(vol.multiply(scale).divide(BigInteger.valueOf(dur)));
          }
        }
        perMinute[m] = v;
      }
      patientStep = withPatient
          ? p.patientBolus().map(a -> a.dose().exactVolumeAt(p.concentration()).floor()
              .multiply(BigInteger.valueOf(a.maxPerDay())).multiply(scale)).orElse(BigInteger.ZERO)
          : BigInteger.ZERO;
      startMinute = at.toLocalTime().toSecondOfDay() / 60;
    }

    /** The minute (from at, rounded down) at which cumulative consumption first reaches {@code amountNl}. */
    Optional<Long> minuteReaching(BigInteger amountNl, long limitMinutes) {
      BigInteger target = amountNl.multiply(scale);
      BigInteger cumulative = BigInteger.ZERO; // consumption before minute m, steps at earlier window starts included
      for (long m = 0; m <= limitMinutes; m++) {
        BigInteger left = cumulative;
        BigInteger right = m % MINUTES_PER_DAY == 0 ? left.add(patientStep) : left;
        if (right.compareTo(target) >= 0) {
          // Linear up to the left limit; strictly past the target before m means the crossing was in minute m - 1.
          return Optional.of(left.compareTo(target) > 0 ? m - 1 : m);
        }
        cumulative = right.add(perMinute[(int) Math.floorMod(startMinute + m, MINUTES_PER_DAY)]);
      }
      return Optional.empty();
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
      return a.divide(a.gcd(b)).multiply(b);
    }
  }
}
