// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.math.BigInteger;
import java.util.List;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.units.DoseRate;

/** The daily total of a prescription (time-weighted basal plus scheduled boluses), exact and rounded UP to the nanogram. */
final class DailyDose {
  static final long MINUTES_PER_DAY = 1_440;

  private DailyDose() {}

  static DoseRate of(Prescription p) {
    FlexSchedule schedule = p.basal().asFlexSchedule();
    List<Integer> minutes = schedule.stepMinutes();
    BigInteger weighted = BigInteger.ZERO;
    for (int i = 0; i < minutes.size(); i++) {
      weighted = weighted.add(BigInteger.valueOf(schedule.steps().get(i).rate().nanogramsPerDay()).multiply(BigInteger.valueOf(minutes.get(i))));
    }
    BigInteger[] qr = weighted.divideAndRemainder(BigInteger.valueOf(MINUTES_PER_DAY));
    BigInteger basal = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    BigInteger total = basal;
    for (ScheduledBolus b : p.scheduledBoluses()) {
      total = total.add(BigInteger.valueOf(b.dose().nanograms()));
    }
    return new DoseRate(total.longValueExact());
  }

  /** The highest basal step rate of a prescription (its only rate when it is simple continuous). */
  static DoseRate highestStep(Prescription p) {
    return p.basal().asFlexSchedule().steps().stream().map(s -> s.rate()).max(DoseRate::compareTo).orElse(DoseRate.ZERO);
  }
}
