// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.prescription;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;

/**
 * A repeating 24 h schedule of steps in pump-local time, sorted by start. The last step runs
 * through midnight until the first step's start the next day. Step start times are distinct; the
 * device's maximum number of steps is checked by {@link PrescriptionValidator}.
 */
public record FlexSchedule(List<FlexStep> steps) implements BasalProgram {
  static final int MINUTES_PER_DAY = 1440;

  public FlexSchedule {
    if (steps.isEmpty()) {
      throw new InvalidValueException("flex", "(no steps)", "1 or more steps", "a flex schedule needs at least one step");
    }
    List<FlexStep> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparing(FlexStep::start));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).start().equals(sorted.get(i - 1).start())) {
        throw new InvalidValueException(
            "flex", sorted.get(i).start().toString(), "distinct step start times", "two steps start at the same time");
      }
    }
    steps = List.copyOf(sorted);
  }

  /**
   * Parses "06:00=400,22:00=300": start times in pump-local HH:MM and daily-dose rates. A bare
   * number is in {@code defaultUnit} (mcg/day); per-hour units are converted to daily totals.
   */
  public static FlexSchedule parse(String text, String field, String defaultUnit) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(field, String.valueOf(text), "HH:MM=dose, e.g. 06:00=400,22:00=300", "missing flex schedule");
    }
    List<FlexStep> steps = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new InvalidValueException(field, part.trim(), "HH:MM=dose, e.g. 06:00=400,22:00=300", "a step needs a start time and a dose");
      }
      LocalTime start;
      try {
        start = LocalTime.parse(kv[0].trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidValueException(field, kv[0].trim(), "a time 00:00-23:59", "not a time of day");
      }
      if (!steps.isEmpty() && !start.isAfter(steps.get(steps.size() - 1).start())) {
        // a silent sort would program another schedule than the one read back to the clinician
        throw new InvalidValueException(field, text.trim(), "steps in time order, each after the one before (e.g. 06:00=400,22:00=300)",
            "step " + kv[0].trim() + " is not after " + steps.get(steps.size() - 1).start());
      }
      steps.add(new FlexStep(start, DoseRate.parse(kv[1], field + " step " + kv[0].trim(), defaultUnit)));
    }
    return new FlexSchedule(steps);
  }

  @Override
  public DoseRate rateAt(LocalTime time) {
    FlexStep current = steps.get(steps.size() - 1);
    for (FlexStep s : steps) {
      if (!s.start().isAfter(time)) {
        current = s;
      }
    }
    return current.rate();
  }

  @Override
  public FlexSchedule asFlexSchedule() {
    return this;
  }

  /** Minutes each step lasts within one day, in step order (they add up to 1440). */
  public List<Integer> stepMinutes() {
    List<Integer> out = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      int start = steps.get(i).start().toSecondOfDay() / 60;
      int next = i + 1 < steps.size() ? steps.get(i + 1).start().toSecondOfDay() / 60 : steps.get(0).start().toSecondOfDay() / 60 + MINUTES_PER_DAY;
      out.add(next - start);
    }
    return out;
  }
}
