// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openitb.therapy.calc.RefillCalculator;
import org.openitb.therapy.calc.RefillPlan;
import org.openitb.therapy.calc.RefillReconciliation;
import org.openitb.therapy.calc.ReservoirForecast;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.device.PumpModel;
import org.openitb.therapy.device.PumpModels;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.BasalProgram;
import org.openitb.therapy.prescription.Finding;
import org.openitb.therapy.prescription.FlexSchedule;
import org.openitb.therapy.prescription.PatientBolusAllowance;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.PrescriptionValidator;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.prescription.ValidationContext;
import org.openitb.therapy.prescription.ValidationReport;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.InvalidValueException;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itb calc refill}: alarm, empty and refill-by dates after a fill, and the refill reconciliation. */
@Command(
    name = "refill",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Dates after a refill (alarm, delivery stop, empty, refill-by) and the refill reconciliation.",
      "When the reservoir reaches the low-reservoir alarm volume, when the pump stops",
      "delivering (deliveryStopsAt: the model's stop volume, 0.5 mL, is reached) and when it is empty (0 mL),",
      "the same with every allowed patient bolus used (conservative), and the refill-by date: the earlier of",
      "the conservative alarm date minus the buffer and the drug's stability limit (baclofen: 180 days).",
      "Dates are pump-local, rounded down to the minute. A bare number is in the unit the option names;",
      "a number with a unit (\"1.5 mg/day\", \"20 mL\") is converted exactly."
    })
final class RefillCalc implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--reservoir-ml", required = true, description = "Pump reservoir size in mL: 20 or 40.")
  String reservoir;

  @Option(names = "--volume-ml", required = true, description = "Volume in the reservoir after the refill, mL.")
  String volume;

  @Option(names = "--concentration", required = true, description = "Drug concentration, mcg/mL (e.g. 500, or \"2 mg/mL\").")
  String concentration;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Basal basal;

  static final class Basal {
    @Option(names = "--dose", required = true, description = "Simple continuous daily dose, mcg/day (e.g. 300, or \"1.5 mg/day\").")
    String dose;

    @Option(names = "--flex", required = true, description = "Flex schedule in pump-local time, each step's dose in mcg/day: \"06:00=400,22:00=300\".")
    String flex;
  }

  @Option(names = "--alarm-ml", description = "Low-reservoir alarm volume, mL (default: the pump model's, 2 mL).")
  String alarm;

  @Option(names = "--at", required = true, description = "Pump-local date-time of the refill, e.g. 2026-03-01T09:30.")
  String at;

  @Option(names = "--buffer-days", defaultValue = "7", description = "Days to book the refill before the conservative alarm date (default ${DEFAULT-VALUE}, range 0-60).")
  int bufferDays;

  @Option(names = "--bolus-mcg", description = "Patient bolus dose, mcg (with --bolus-max-per-day).")
  String bolus;

  @Option(names = "--bolus-max-per-day", description = "Patient boluses allowed per 24 h (1-24).")
  Integer bolusMaxPerDay;

  @Option(names = "--expected-ml", description = "Volume the pump expected to remain before the refill, mL (with --withdrawn-ml).")
  String expected;

  @Option(names = "--withdrawn-ml", description = "Volume actually withdrawn from the reservoir, mL (with --expected-ml).")
  String withdrawn;

  @Option(names = "--etiology", defaultValue = "spinal", description = "spinal, cerebral or paediatric: sets the dose limits checked (default ${DEFAULT-VALUE}).")
  String etiology;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** The patient-bolus duration and lockout do not change the conservative date, which books each day's boluses at its start. */
  private static final Duration ASSUMED_BOLUS_DURATION = Duration.ofMinutes(15);
  private static final Duration ASSUMED_BOLUS_LOCKOUT = Duration.ofMinutes(30);

  private PumpModel pump;

  @Override
  public void run() {
    Volume reservoirVolume = Volume.parse(reservoir, "--reservoir-ml", "mL");
    pump = PumpModels.all().stream().filter(m -> m.reservoir().equals(reservoirVolume)).findFirst()
        .orElseThrow(() -> new InvalidValueException("--reservoir-ml", reservoir, "20 or 40 (mL)", "no pump model with this reservoir"));
    Volume fill = millilitres(volume, "--volume-ml");
    if (!fill.isPositive() || fill.compareTo(pump.reservoir()) > 0) {
      throw new InvalidValueException("--volume-ml", volume, "above 0 mL and at most " + pump.reservoir() + " (" + pump.name() + " reservoir)",
          fill.isPositive() ? "more than the reservoir holds" : "a refill leaves drug in the reservoir");
    }
    Concentration c = Concentration.parse(concentration, "--concentration", "mcg/mL");
    LocalDateTime when = Formats.dateTime(at, "--at");
    Drug drug = DrugLibrary.baclofen();
    BasalProgram program = basal.flex != null
        ? FlexSchedule.parse(basal.flex, "--flex", "mcg/day")
        : new SimpleContinuous(positive(DoseRate.parse(basal.dose, "--dose", "mcg/day")));
    Prescription rx = new Prescription(drug, c, program, List.of(), Optional.empty());
    if ((bolus == null) != (bolusMaxPerDay == null)) {
      throw new InvalidValueException(bolus == null ? "--bolus-mcg" : "--bolus-max-per-day", "(missing)",
          "both --bolus-mcg and --bolus-max-per-day, or neither", "a patient bolus allowance needs a dose and a daily maximum");
    }
    if (bolus != null) {
      if (bolusMaxPerDay < 1 || bolusMaxPerDay > PatientBolusAllowance.MAX_ACTIVATIONS_PER_DAY) {
        throw new InvalidValueException("--bolus-max-per-day", String.valueOf(bolusMaxPerDay), "1-" + PatientBolusAllowance.MAX_ACTIVATIONS_PER_DAY, "out of range");
      }
      Mass b = Mass.parse(bolus, "--bolus-mcg", "mcg");
      rx = rx.withPatientBolus(new PatientBolusAllowance(b, ASSUMED_BOLUS_DURATION, ASSUMED_BOLUS_LOCKOUT, bolusMaxPerDay));
    }
    Volume alarmVolume = alarm == null ? pump.defaultLowReservoirAlarm() : millilitres(alarm, "--alarm-ml");
    if (!pump.isSettableLowReservoirAlarm(alarmVolume)) {
      throw new InvalidValueException("--alarm-ml", alarm, pump.minLowReservoirAlarm().millilitres() + " to " + pump.maxLowReservoirAlarm().millilitres()
          + " (" + pump.name() + ")", "not a settable low-reservoir alarm volume");
    }
    if (bufferDays < 0 || bufferDays > RefillCalculator.MAX_BUFFER_DAYS) {
      throw new InvalidValueException("--buffer-days", String.valueOf(bufferDays), "0-" + RefillCalculator.MAX_BUFFER_DAYS, "out of range");
    }
    ValidationReport report = PrescriptionValidator.standard().validate(rx,
        ValidationContext.of(pump, CatheterModel.GENERIC, 50, CliEnums.etiology(etiology, "--etiology")).withLowReservoirAlarm(alarmVolume));
    if (report.isRefused()) {
      Finding first = report.refusals().get(0);
      throw new InvalidValueException(optionFor(first.field()), first.value(), first.allowed(), first.reason());
    }
    RefillPlan plan = RefillCalculator.plan(pump, fill, when, rx, alarmVolume, bufferDays);
    Optional<RefillReconciliation> rec = reconciliation(pump);
    print(plan, rec, report, perHourNotes(program));
  }

  private static DoseRate positive(DoseRate d) {
    if (d.isZero()) {
      throw new InvalidValueException("--dose", "0", "> 0 mcg/day", "a refill forecast needs a dose; a stopped pump uses no drug");
    }
    return d;
  }

  /** Maps a validator field name back to the option the user typed, so the error names what to fix. */
  private static String optionFor(String field) {
    String f = field.toLowerCase(java.util.Locale.ROOT);
    if (f.contains("flex") || f.contains("step")) {
      return "--flex (" + field + ")";
    }
    if (f.contains("bolus")) {
      return "--bolus-mcg (" + field + ")";
    }
    if (f.contains("concentration")) {
      return "--concentration";
    }
    if (f.contains("alarm")) {
      return "--alarm-ml";
    }
    if (f.contains("dose") || f.contains("rate")) {
      return "--dose (" + field + ")";
    }
    return field;
  }

  private Optional<RefillReconciliation> reconciliation(PumpModel pump) {
    if (expected == null && withdrawn == null) {
      return Optional.empty();
    }
    if (expected == null || withdrawn == null) {
      throw new InvalidValueException(expected == null ? "--expected-ml" : "--withdrawn-ml", "(missing)",
          "both --expected-ml and --withdrawn-ml, or neither", "a reconciliation needs both volumes");
    }
    return Optional.of(RefillReconciliation.of(pump, inReservoir(expected, "--expected-ml", pump), inReservoir(withdrawn, "--withdrawn-ml", pump)));
  }

  private static Volume inReservoir(String text, String option, PumpModel pump) {
    Volume v = millilitres(text, option);
    if (v.compareTo(pump.reservoir()) > 0) {
      throw new InvalidValueException(option, text, "0 mL to " + pump.reservoir() + " (" + pump.name() + " reservoir)",
          "more than the reservoir holds");
    }
    return v;
  }

  /**
   * A volume for an option named in mL: a bare number, or a number with "mL". Another unit ("20 uL")
   * is refused: a fill a thousand times smaller than typed is a slip, not an intent.
   */
  static Volume millilitres(String text, String option) {
    String t = text == null ? "" : text.trim();
    if (!t.matches("(?i)[-+]?[0-9.]+\\s*(ml)?")) {
      throw new InvalidValueException(option, String.valueOf(text), "millilitres: a number such as 20 or 1.5, optionally with mL",
          "this option takes mL");
    }
    return Volume.parse(t, option, "mL");
  }

  /**
   * A rate typed per hour is the classic ITB programming error when a per-day value was meant, so
   * every such entry is echoed with its daily total.
   */
  private List<String> perHourNotes(BasalProgram program) {
    List<String> notes = new java.util.ArrayList<>();
    if (basal.dose != null && DoseRate.isPerHour(basal.dose)) {
      notes.add("--dose was entered per hour (" + basal.dose.trim() + "): that is " + program.rateAt(java.time.LocalTime.MIDNIGHT) + " in 24 h; check it was not meant per day");
    }
    if (basal.flex != null && program instanceof FlexSchedule fs) {
      for (String part : basal.flex.split(",")) {
        String[] kv = part.split("=", 2);
        if (kv.length == 2 && DoseRate.isPerHour(kv[1])) {
          java.time.LocalTime t = java.time.LocalTime.parse(kv[0].trim());
          notes.add("flex step " + t + " was entered per hour (" + kv[1].trim() + "): that is " + fs.rateAt(t) + " in 24 h; check it was not meant per day");
        }
      }
    }
    return notes;
  }

  private void print(RefillPlan plan, Optional<RefillReconciliation> rec, ValidationReport report, List<String> perHour) {
    PrintWriter out = spec.commandLine().getOut();
    ReservoirForecast f = plan.forecast();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pumpModel", pump.name());
      m.put("volumeMl", Formats.ml(plan.fillVolume()));
      m.put("alarmVolumeMl", Formats.ml(plan.alarmVolume()));
      m.put("dailyVolumeMl", Formats.ml(plan.dailyVolume().total()));
      m.put("dailyVolumeWithBolusesMl", Formats.ml(plan.dailyVolume().totalWithPatientBoluses()));
      m.put("alarmAt", Formats.minute(f.alarmAt()));
      m.put("emptyAt", Formats.minute(f.emptyAt()));
      m.put("conservativeAlarmAt", Formats.minute(f.conservativeAlarmAt()));
      m.put("conservativeEmptyAt", Formats.minute(f.conservativeEmptyAt()));
      m.put("deliveryStopVolumeMl", Formats.ml(f.stopVolume()));
      m.put("deliveryStopsAt", Formats.minute(f.deliveryStopsAt()));
      m.put("conservativeDeliveryStopsAt", Formats.minute(f.conservativeDeliveryStopsAt()));
      m.put("refillBy", Formats.minute(plan.refillBy()));
      m.put("refillByBound", plan.boundBy().name());
      m.put("stabilityLimit", Formats.minute(plan.stabilityLimit()));
      m.put("bufferDays", plan.bufferDays());
      rec.ifPresent(r -> {
        m.put("expectedMl", Formats.ml(r.expected()));
        m.put("withdrawnMl", Formats.ml(r.withdrawn()));
        m.put("discrepancyMl", Formats.ml(r.discrepancy()));
        m.put("discrepancyLimitMl", Formats.ml(r.limit()));
        m.put("discrepancyFlagged", r.flagged());
        m.put("discrepancyInterpretation", r.interpretation());
      });
      m.put("confirmationsRequired", report.confirmations().stream().map(Finding::message).toList());
      m.put("notes", concat(perHour, concat(plan.warnings(), f.notes())));
      Output.json(out, m);
      return;
    }
    out.printf("Daily volume:            %s mL/day (%s mL/day with every patient bolus)%n",
        plan.dailyVolume().total().millilitres(), plan.dailyVolume().totalWithPatientBoluses().millilitres());
    out.printf("Low-reservoir alarm:     %s  (at %s)%n", Formats.minuteOrNever(f.alarmAt(), "not within " + ReservoirForecast.HORIZON), plan.alarmVolume());
    out.printf("Delivery stops:          %s  (the pump stops at %s believed; therapy ends here)%n",
        Formats.minuteOrNever(f.deliveryStopsAt(), "not within " + ReservoirForecast.HORIZON), f.stopVolume());
    out.printf("Empty (0 mL):            %s%n", Formats.minuteOrNever(f.emptyAt(), "not within " + ReservoirForecast.HORIZON));
    out.printf("Conservative alarm:      %s  (every allowed patient bolus used)%n", Formats.minuteOrNever(f.conservativeAlarmAt(), "not within " + ReservoirForecast.HORIZON));
    out.printf("Conservative stop:       %s  (every allowed patient bolus used)%n",
        Formats.minuteOrNever(f.conservativeDeliveryStopsAt(), "not within " + ReservoirForecast.HORIZON));
    out.printf("Refill by:               %s  (%s; buffer %d days; drug stability limit %s)%n",
        Formats.minute(plan.refillBy()),
        plan.boundBy() == RefillPlan.Bound.DRUG_STABILITY ? "drug stability limit" : "conservative alarm date minus buffer",
        plan.bufferDays(), Formats.minute(plan.stabilityLimit()));
    rec.ifPresent(r -> out.printf("Reconciliation:          expected %s, withdrawn %s, discrepancy %s (limit %s): %s%n",
        r.expected(), r.withdrawn(), r.discrepancy(), r.limit(), r.flagged() ? "FLAGGED - " + r.interpretation() : r.interpretation().isBlank() ? "within the limit" : r.interpretation()));
    for (Finding c : report.confirmations()) {
      out.println("Needs confirmation:      " + c.message());
    }
    for (String n : concat(perHour, concat(plan.warnings(), f.notes()))) {
      out.println("Note:                    " + n);
    }
    out.flush();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
