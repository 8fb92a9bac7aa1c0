// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Fraction;
import org.openitb.therapy.units.Mass;

/**
 * Exact dose arithmetic for the validation steps. Everything is BigInteger or {@link Fraction} so
 * that an absurd entry (the very thing validation exists for) is reported, never overflowed.
 */
final class DoseMath {
  static final long MINUTES_PER_DAY = 1_440;
  static final long SECONDS_PER_DAY = 86_400;
  private static final int NG_DIGITS = 3; // 1 mcg = 10^3 ng
  private static final int NL_DIGITS = 6; // 1 mL = 10^6 nL

  private DoseMath() {}

  /** The basal program's daily dose in ng/day: each step's daily rate weighted by the minutes it runs. */
  static Fraction basalDailyDose(BasalProgram basal) {
    FlexSchedule schedule = basal.asFlexSchedule();
    List<Integer> minutes = schedule.stepMinutes();
    Fraction sum = Fraction.ZERO;
    for (int i = 0; i < minutes.size(); i++) {
      sum = sum.plus(Fraction.of(schedule.steps().get(i).rate().nanogramsPerDay()).times(minutes.get(i)));
    }
    return sum.dividedBy(MINUTES_PER_DAY);
  }

  /** The scheduled boluses' daily mass in ng. */
  static BigInteger scheduledDailyDose(List<ScheduledBolus> boluses) {
    BigInteger sum = BigInteger.ZERO;
    for (ScheduledBolus b : boluses) {
      sum = sum.add(BigInteger.valueOf(b.dose().nanograms()));
    }
    return sum;
  }

  /** The volume rate in nL/day the pump runs for {@code rate}: rounded down, as delivered. */
  static BigInteger volumeRate(DoseRate rate, Concentration c) {
    return rate.exactVolumeRateAt(c).floor();
  }

  /** The volume in nL the pump delivers for a bolus of {@code dose}: rounded down, as delivered. */
  static BigInteger bolusVolume(Mass dose, Concentration c) {
    return dose.exactVolumeAt(c).floor();
  }

  /** The rate of {@code volumeNl} delivered over {@code duration}, in nL/day, rounded up (compared with a maximum). */
  static BigInteger bolusRate(BigInteger volumeNl, Duration duration) {
    return Fraction.of(volumeNl.multiply(BigInteger.valueOf(SECONDS_PER_DAY)), BigInteger.valueOf(duration.toSeconds())).ceil();
  }

  /** "350", "12.5": micrograms exactly. */
  static String mcg(BigInteger ng) {
    return plain(new BigDecimal(ng).movePointLeft(NG_DIGITS));
  }

  /** "333.334 mcg/day": exact, or rounded up to the whole nanogram when the time-weighted dose is not whole. */
  static String mcgPerDay(Fraction ngPerDay) {
    return mcg(ngPerDay.ceil()) + " mcg/day";
  }

  static String mcgPerDay(long ngPerDay) {
    return mcg(BigInteger.valueOf(ngPerDay)) + " mcg/day";
  }

  /** "0.700": millilitres to 3 decimals, half-up (display only). */
  static String ml(BigInteger nl) {
    return new BigDecimal(nl).movePointLeft(NL_DIGITS).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }
}
