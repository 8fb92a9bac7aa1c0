// SPDX-License-Identifier: Apache-2.0
package org.openitb.programmer;

import java.util.ArrayList;
import java.util.List;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.message.Therapy;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.ScheduledBolus;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.Stopped;

/**
 * A therapy in the clinical units people read (mcg/day, mcg/mL, mL), for the Finish screen and
 * the session record. Every rate is shown as a 24 h total. Display only: the programmer never
 * parses these strings back.
 */
public record TherapyView(
    String drug,
    String concentration,
    String basal,
    String dailyTotal,
    List<String> scheduledBoluses,
    String patientBolus,
    String lowReservoirAlarm,
    String checksum) {
  public TherapyView {
    scheduledBoluses = List.copyOf(scheduledBoluses);
  }

  public static TherapyView of(Therapy t) {
    var p = t.prescription();
    String basal = switch (p.basal()) {
      case Stopped s -> "stopped";
      case SimpleContinuous c -> "simple continuous " + c.dailyDose();
      case FlexSchedule f -> "flex " + String.join(", ", f.steps().stream().map(s -> s.start() + " " + s.rate()).toList());
    };
    List<String> boluses = new ArrayList<>();
    for (ScheduledBolus b : p.scheduledBoluses()) {
      boluses.add(b.start() + " " + b.dose() + " over " + b.duration().toMinutes() + " min");
    }
    String patient = p.patientBolus().map(TherapyView::allowance).orElse("none");
    return new TherapyView(p.drug().name(), p.concentration().toString(), basal, DailyDose.of(p).toString(), boluses, patient,
        t.lowReservoirAlarm().toString(), MessageCodec.checksum(t).toString());
  }

  private static String allowance(PatientBolusAllowance a) {
    return a.dose() + " over " + a.duration().toMinutes() + " min, lockout " + a.lockout().toMinutes() + " min, at most " + a.maxPerDay() + " per day";
  }

  /** The rows of the Finish screen: field, old value, new value ("-" where there is none). */
  static List<List<String>> sideBySide(TherapyView old, TherapyView neu) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("drug", old == null ? "-" : old.drug, neu.drug));
    rows.add(row("concentration", old == null ? "-" : old.concentration, neu.concentration));
    rows.add(row("basal", old == null ? "-" : old.basal, neu.basal));
    rows.add(row("daily total", old == null ? "-" : old.dailyTotal, neu.dailyTotal));
    rows.add(row("scheduled boluses", old == null ? "-" : joined(old.scheduledBoluses), joined(neu.scheduledBoluses)));
    rows.add(row("patient bolus", old == null ? "-" : old.patientBolus, neu.patientBolus));
    rows.add(row("low-reservoir alarm", old == null ? "-" : old.lowReservoirAlarm, neu.lowReservoirAlarm));
    return List.copyOf(rows);
  }

  private static String joined(List<String> items) {
    return items.isEmpty() ? "none" : String.join("; ", items);
  }

  private static List<String> row(String field, String old, String neu) {
    return List.of(field, old, neu);
  }
}
