// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.openitb.firmware.Command;
import org.openitb.firmware.CommandResult;
import org.openitb.firmware.Firmware;
import org.openitb.firmware.FirmwareStatus;
import org.openitb.firmware.LogEntry;
import org.openitb.firmware.Origin;
import org.openitb.firmware.PumpEvent;
import org.openitb.hardware.HardwareParameters;
import org.openitb.hardware.PhysicalListener;
import org.openitb.hardware.StallCause;
import org.openitb.hardware.SimulatedPump;
import org.openitb.physiology.Patient;
import org.openitb.therapy.calc.RefillReconciliation;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Mass;
import org.openitb.therapy.units.Volume;

/**
 * Runs one {@link Scenario}: a pump (firmware booted on simulated hardware) implanted at the
 * scenario's start, and the scenario's events applied at their instants, all on one virtual clock.
 * Outputs stream to disk as the run goes (timeline CSV, the pump's event log as JSON lines), so
 * memory stays flat however many years are simulated; the summary is returned and written at the
 * end. The same scenario and seed always give the same outputs.
 */
public final class Simulation {
  /** How often the timeline gets a row. */
  public static final Duration SAMPLE_INTERVAL = Duration.ofHours(1);
  /** How often progress is reported, in simulated time. */
  static final Duration PROGRESS_INTERVAL = Duration.ofDays(30);
  static final String CLINICIAN_DEVICE = "CP-SIM-1";
  static final String PATIENT_DEVICE = "PTM-SIM-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NL_PER_ML = 1_000_000L;
  private static final long NG_PER_MCG = 1_000L;
  /** The output line being built (timeline row or events.jsonl line), reused. */
  private final StringBuilder line = new StringBuilder(256);

  private final Scenario scenario;
  private final DrugLibrary library;
  private final Optional<Path> outDir;
  private final LongConsumer progress;
  private final Scheduler scheduler = new Scheduler();
  private final List<Map<String, Object>> alarms = new ArrayList<>();
  private final List<Map<String, Object>> refills = new ArrayList<>();
  private final List<Map<String, Object>> refusals = new ArrayList<>();
  private final List<String> pumpsUsed = new ArrayList<>();
  private Writer timeline;
  private Writer events;
  private SimulatedPump pump;
  private Firmware firmware;
  private Prescription prescription;
  private Concentration concentration;
  private Volume retiredTrueVolume = Volume.ZERO;
  private Mass retiredTrueMass = Mass.ZERO;
  private Mass retiredLeakedMass = Mass.ZERO;
  private Mass retiredPocketMass = Mass.ZERO;
  private Volume retiredBelievedVolume = Volume.ZERO;
  private long retiredWakes;
  private long retiredStalls;
  private long retiredResets;
  private long retiredStrokes;
  private long logEntries;
  private long bolusRequests;
  private long bolusesGranted;
  private String eriAt;
  private String endOfServiceAt;
  private long nextProgressMillis;
  private final List<String> problems = new ArrayList<>();
  private final List<Map<String, Object>> mriScans = new ArrayList<>();
  private long stallEpisodes;
  private PatientRun patientRun;
  private long patientCheckGeneration;
  private long endMillis;

  /**
   * @param outDir where timeline.csv, events.jsonl and summary.json go; empty to write nothing
   * @param progress called with the simulated millis about every 30 simulated days
   */
  public Simulation(Scenario scenario, DrugLibrary library, Optional<Path> outDir, LongConsumer progress) {
    this.scenario = scenario;
    this.library = library;
    this.outDir = outDir;
    this.progress = progress;
  }

  /** Runs from the scenario's start for {@code span} of virtual time. */
  public SimulationResult run(Duration span) {
    if (span.isNegative() || span.isZero()) {
      throw new org.openitb.therapy.units.InvalidValueException("until", span.toString(), "> 0", "nothing to simulate");
    }
    long end = span.toMillis();
    try {
      endMillis = end;
      openOutputs();
      implant(scenario.serial(), scenario.initialFill(), scenario.prescription(), 0);
      scenario.patient().ifPresent(this::admit);
      for (ScenarioEvent e : scenario.events()) {
        long at = millis(e.at());
        if (at <= end) {
          scheduler.at(at, () -> apply(e));
        }
      }
      long sample = SAMPLE_INTERVAL.toMillis();
      for (long t = 0; t <= end; t += sample) {
        long when = t;
        scheduler.at(when, () -> sample(when));
      }
      while (true) {
        long next = Math.min(scheduler.nextMillis(), end);
        pump.runUntil(next);
        scheduler.runUntil(next);
        if (next >= end) {
          break;
        }
        if (next >= nextProgressMillis) {
          progress.accept(next);
          nextProgressMillis = next + PROGRESS_INTERVAL.toMillis();
        }
      }
      flushPatient(end);
      SimulationResult result = new SimulationResult(summary(end), alarms);
      if (outDir.isPresent()) {
        Files.writeString(outDir.get().resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.summary()) + "\n");
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write simulation outputs: " + e.getMessage(), e);
    } finally {
      closeOutputs();
    }
  }

  /**
   * Adjusts the hardware every pump of this run is built with (default: typical); e.g. a
   * differential test that compares against the event level's mean delivery turns off the
   * per-stroke noise.
   */
  public Simulation hardware(java.util.function.UnaryOperator<HardwareParameters> adjust) {
    this.hardware = java.util.Objects.requireNonNull(adjust, "adjust");
    return this;
  }

  private java.util.function.UnaryOperator<HardwareParameters> hardware = p -> p;

  private void implant(String serial, Volume fill, Prescription rx, long atMillis) {
    HardwareParameters params = hardware.apply(HardwareParameters.typical().withFluidPathVolume(deadVolume()));
    pump = SimulatedPump.builder(scenario.pumpModel(), serial, scenario.seed() + pumpsUsed.size())
        .parameters(params)
        .startMillis(atMillis)
        .firmware(hal -> {
          Firmware fw = new Firmware(hal, scenario.pumpModel(), library, serial);
          fw.addListener(this::onLogEntry);
          firmware = fw;
          return fw;
        })
        .listener(tipFlow)
        .build();
    pumpsUsed.add(serial);
    pump.powerOn();
    prescription = rx;
    concentration = rx.concentration();
    command(new Command.SetClock(localAt(atMillis)), "implant: set clock");
    pump.primeFluidPath(concentration);
    pump.fillReservoir(fill, concentration);
    command(new Command.Refill(fill, rx.drug(), concentration, Optional.empty()), "implant: fill");
    CommandResult programmed = command(new Command.ProgramTherapy(rx, scenario.etiology(), scenario.lowReservoirAlarm()), "implant: program");
    if (programmed instanceof CommandResult.Refused r && !scenario.expect().pumpNotDelivering()) {
      problems.add("the pump refused the prescription at implant (" + r.message() + "): it was left unprogrammed");
    }
  }

  /** The true tip flow, stroke by stroke, for the patient (a few comparisons a stroke; see {@link PatientRun#onStroke}). */
  private final PhysicalListener tipFlow = new PhysicalListener() {
    @Override
    public void onStroke(long atMillis, long volumeNanolitres, long massNanograms, boolean commanded) {
      if (patientRun != null) {
        patientRun.onStroke(atMillis, massNanograms);
      }
    }

    @Override
    public void onStall(long atMillis, StallCause cause) {
      if (patientRun != null) {
        patientRun.onStall(atMillis);
      }
    }

    @Override
    public void onPocketFill(long atMillis, long volumeNanolitres, long massNanograms) {
      if (patientRun != null) {
        flushPatient(atMillis);
        patientRun.pocketFill(atMillis, massNanograms);
        flushPatient(atMillis); // the next stage change (the blood's) is due within hours
      }
    }
  };

  /** The virtual patient enters at the start, drug-naive or adapted to the tip dose in force. */
  private void admit(PatientSpec spec) {
    Patient p;
    if (spec.naive()) {
      p = Patient.naive(spec.parameters(), 0);
    } else {
      double perDay = spec.adaptedMcgPerDay().orElseGet(
          () -> prescription.basal().rateAt(scenario.start().toLocalTime()).nanogramsPerDay() / 1000.0);
      p = Patient.adaptedTo(spec.parameters(), 0, perDay, spec.yearsOnTherapy());
    }
    patientRun = new PatientRun(p, tipNanograms(), this::localAt);
  }

  /** Drug that reached the spinal fluid at the catheter tip, all pumps so far (the true delivery). */
  private long tipNanograms() {
    return retiredTrueMass.nanograms() + pump.trueDeliveredMass().nanograms();
  }

  /** Brings the patient to {@code atMillis} with the tip delivery since the last flush, and schedules its next stage change. */
  private void flushPatient(long atMillis) {
    if (patientRun == null) {
      return;
    }
    patientRun.flush(atMillis, tipNanograms());
    long due = patientRun.nextCheckMillis();
    long generation = ++patientCheckGeneration;
    if (due <= endMillis) {
      scheduler.at(due, () -> {
        if (generation == patientCheckGeneration) {
          flushPatient(due);
        }
      });
    }
  }

  private void apply(ScenarioEvent e) {
    flushPatient(scheduler.nowMillis());
    switch (e) {
      case ScenarioEvent.Refill r -> refill(r);
      case ScenarioEvent.ChangePrescription c -> {
        if (command(new Command.ProgramTherapy(c.prescription(), scenario.etiology(), scenario.lowReservoirAlarm()), "prescription change").accepted()) {
          prescription = c.prescription();
        }
      }
      case ScenarioEvent.PatientBolusRequest p -> {
        bolusRequests++;
        if (command(new Command.PatientBolusRequest(), Origin.patient(PATIENT_DEVICE), "patient bolus").accepted()) {
          bolusesGranted++;
        }
      }
      case ScenarioEvent.MriScan m -> {
        long limit = scenario.pumpModel().maxMriFieldMilliTesla();
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("at", m.at().toString());
        scan.put("fieldTesla", BigDecimal.valueOf(m.fieldMilliTesla(), 3));
        scan.put("labelLimitTesla", BigDecimal.valueOf(limit, 3));
        scan.put("withinLabel", m.fieldMilliTesla() <= limit);
        mriScans.add(scan);
        if (m.fieldMilliTesla() > limit && !scenario.expect().mriBeyondLabel()) {
          problems.add("MRI at " + m.at() + ": " + BigDecimal.valueOf(m.fieldMilliTesla(), 3).stripTrailingZeros().toPlainString() + " T is beyond the "
              + scenario.pumpModel().name() + " labelling (" + BigDecimal.valueOf(limit, 3).stripTrailingZeros().toPlainString()
              + " T): contraindicated; a scenario that means it says expect: {mriBeyondLabel: true}");
        }
        pump.magneticField(scheduler.nowMillis(), m.duration().toMillis(), m.fieldMilliTesla());
        m.checkAfter().ifPresent(after -> scheduler.at(scheduler.nowMillis() + m.duration().plus(after).toMillis(), () -> {
          command(new Command.Interrogate(), "post-MRI check: interrogate");
          command(new Command.ClearAlarms(), "post-MRI check: clear alarms");
        }));
      }
      case ScenarioEvent.InjectFault f -> pump.inject(FaultMapper.map(f.type(), f.parameters(), scheduler.nowMillis(), "fault at " + f.at()));
      case ScenarioEvent.SetClock s -> command(new Command.SetClock(s.newLocalTime()), "set clock");
      case ScenarioEvent.Interrogate i -> {
        command(new Command.Interrogate(), "interrogate");
        if (i.clearAlarms()) {
          command(new Command.ClearAlarms(), "clear alarms");
        }
      }
      case ScenarioEvent.ReplacePump r -> replace(r);
      case ScenarioEvent.AssessTone a -> {
        if (patientRun != null) {
          patientRun.assessTone(scheduler.nowMillis(), "clinic visit");
        }
      }
      case ScenarioEvent.ScreeningBolus b -> {
        if (patientRun != null) {
          patientRun.patient().bolus(scheduler.nowMillis(), b.dose().nanograms() / 1000.0);
          flushPatient(scheduler.nowMillis());
        }
      }
    }
  }

  private void refill(ScenarioEvent.Refill r) {
    FirmwareStatus before = firmware.status();
    Volume trueWithdrawn = pump.withdraw();
    Volume recorded = r.withdrawnOverride().orElse(trueWithdrawn);
    Concentration next = r.concentration().orElse(concentration);
    boolean changed = !next.equals(concentration);
    pump.fillReservoir(r.volume(), next);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("at", r.at().toString());
    row.put("expectedMl", new BigDecimal(before.reservoirBelief().millilitres()));
    row.put("withdrawnMl", new BigDecimal(recorded.millilitres()));
    RefillReconciliation rec = RefillReconciliation.of(scenario.pumpModel(), before.reservoirBelief(), recorded);
    row.put("discrepancyMl", new BigDecimal(rec.discrepancy().millilitres()));
    row.put("discrepancyFlagged", rec.flagged());
    row.put("volumeMl", new BigDecimal(r.volume().millilitres()));
    row.put("concentration", next.toString());
    if (patientRun != null) {
      row.put("modifiedAshworth", patientRun.assessTone(scheduler.nowMillis(), "refill").get("modifiedAshworth"));
    }
    CommandResult filled = command(new Command.Refill(r.volume(), prescription.drug(), next, Optional.of(recorded)), "refill");
    row.put("accepted", filled.accepted());
    Prescription target = r.newPrescription().orElse(withConcentration(prescription, next));
    if (filled.accepted() && changed && r.bridgeBolus()) {
      // as a programmer gives it: the dead volume with the model's margin towards under-dose
      Volume bridge = org.openitb.therapy.calc.BridgeBolus.volume(deadVolume(), concentration, next, scenario.pumpModel().bridgeMarginPpm());
      row.put("bridgeBolusMl", new BigDecimal(bridge.millilitres()));
      command(new Command.BridgeBolus(bridge, target), "bridge bolus");
    } else if (filled.accepted() && (changed || r.newPrescription().isPresent())) {
      command(new Command.ProgramTherapy(target, scenario.etiology(), scenario.lowReservoirAlarm()), "refill: program");
    }
    if (filled.accepted()) {
      concentration = next;
      prescription = target;
    }
    refills.add(row);
  }

  private void replace(ScenarioEvent.ReplacePump r) {
    FirmwareStatus old = firmware.status();
    retiredTrueVolume = retiredTrueVolume.plus(pump.trueDeliveredVolume());
    retiredTrueMass = retiredTrueMass.plus(pump.trueDeliveredMass());
    retiredLeakedMass = retiredLeakedMass.plus(pump.trueLeakedMass());
    retiredPocketMass = retiredPocketMass.plus(pump.truePocketMass());
    retiredBelievedVolume = retiredBelievedVolume.plus(old.volumeDelivered());
    retiredWakes += pump.wakes();
    retiredStalls += pump.stalls();
    retiredResets += pump.resets();
    retiredStrokes += old.strokesDelivered();
    String serial = scenario.serial() + "-R" + pumpsUsed.size();
    implant(serial, r.fill(), prescription, scheduler.nowMillis());
    eriAt = null;
    endOfServiceAt = null;
  }

  /** Pump tubing plus the implanted catheter: what a bridge bolus clears (therapy's BridgeBolus.deadVolume). */
  private Volume deadVolume() {
    return org.openitb.therapy.calc.BridgeBolus.deadVolume(scenario.pumpModel().pumpTubing(), scenario.catheter(), scenario.catheterLengthCm());
  }

  private static Prescription withConcentration(Prescription p, Concentration c) {
    return new Prescription(p.drug(), c, p.basal(), p.scheduledBoluses(), p.patientBolus());
  }

  private CommandResult command(Command c, String what) {
    return command(c, Origin.clinician(CLINICIAN_DEVICE), what);
  }

  private CommandResult command(Command c, Origin origin, String what) {
    CommandResult result = firmware.handle(c, origin);
    if (result instanceof CommandResult.Refused refused) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", localAt(scheduler.nowMillis()).toString());
      row.put("command", what);
      row.put("code", refused.code().name());
      row.put("reason", refused.message());
      refusals.add(row);
    }
    return result;
  }

  /** Tests hear every log entry too (after the simulator has handled it). */
  java.util.function.Consumer<LogEntry> tap = e -> { };

  private void onLogEntry(LogEntry entry) {
    logEntries++;
    try {
      handleLogEntry(entry);
    } finally {
      tap.accept(entry);
    }
  }

  private void handleLogEntry(LogEntry entry) {
    if (patientRun != null && pump != null) {
      flushPatient(pump.nowMillis()); // bolus starts and ends, stops and stalls: tip-rate edges
    }
    PumpEvent ev = entry.event();
    if (events == null && !(ev instanceof PumpEvent.AlarmRaised || ev instanceof PumpEvent.ReplacementIndicator
        || ev instanceof PumpEvent.EndOfService || ev instanceof PumpEvent.StallStarted)) {
      return; // nothing to record: skip formatting the instant (hourly stroke batches are most entries)
    }
    line.setLength(0);
    String at = FastText.dateTime(line, localAt(pump == null ? 0 : pump.nowMillis())).toString();
    switch (ev) {
      case PumpEvent.AlarmRaised a -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", at);
        row.put("alarm", a.alarm().name());
        row.put("tone", a.tone().name());
        row.put("pump", pumpsUsed.isEmpty() ? scenario.serial() : pumpsUsed.get(pumpsUsed.size() - 1));
        alarms.add(row);
      }
      case PumpEvent.ReplacementIndicator r -> eriAt = at;
      case PumpEvent.StallStarted st -> stallEpisodes++;
      case PumpEvent.EndOfService e -> endOfServiceAt = at;
      default -> { }
    }
    if (events != null) {
      line.setLength(0);
      try {
        EventJson.line(line, entry.number(), at, entry.rtcMillis(), pumpsUsed.isEmpty() ? scenario.serial() : pumpsUsed.get(pumpsUsed.size() - 1),
            (Record) ev, JSON);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write event JSON: " + e.getMessage(), e);
      }
      write(events, line);
    }
  }

  private String patientColumns(long atMillis) {
    return patientRun == null ? "" : patientRun.sampleColumns(atMillis, tipNanograms());
  }

  private void sample(long atMillis) {
    flushPatient(atMillis);
    String patient = patientColumns(atMillis);
    if (timeline == null) {
      return;
    }
    FirmwareStatus s = firmware.status();
    long permille = s.batteryCapacityMicroampHours() == 0 ? 0 : s.batteryRemainingMicroampHours() * 1000 / s.batteryCapacityMicroampHours();
    StringBuilder row = line;
    row.setLength(0);
    FastText.dateTime(row, localAt(atMillis)).append(',');
    FastText.halfUp(row, pump.trueReservoirVolume().nanolitres(), NL_PER_ML, 3).append(',');
    FastText.halfUp(row, s.reservoirBelief().nanolitres(), NL_PER_ML, 3).append(',');
    FastText.halfUp(row, retiredTrueMass.nanograms() + pump.trueDeliveredMass().nanograms(), NG_PER_MCG, 3).append(',');
    FastText.halfUp(row, retiredTrueVolume.nanolitres() + pump.trueDeliveredVolume().nanolitres(), NL_PER_ML, 3).append(',');
    FastText.halfUp(row, retiredBelievedVolume.nanolitres() + s.volumeDelivered().nanolitres(), NL_PER_ML, 3).append(',');
    row.append(permille / 10).append('.').append(permille % 10).append(',').append(s.mode()).append(',');
    if (!s.alarms().isEmpty()) {
      row.append(s.alarms().stream().map(Enum::name).sorted().collect(Collectors.joining("|")));
    }
    write(timeline, row.append(patient).append('\n'));
  }

  private Map<String, Object> summary(long endMillis) {
    FirmwareStatus s = firmware.status();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", scenario.name());
    m.put("seed", scenario.seed());
    m.put("start", scenario.start().toString());
    m.put("end", localAt(endMillis).toString());
    m.put("simulatedDays", new BigDecimal(endMillis).divide(new BigDecimal(Duration.ofDays(1).toMillis()), 2, java.math.RoundingMode.DOWN));
    m.put("pumps", pumpsUsed);
    Mass trueMass = retiredTrueMass.plus(pump.trueDeliveredMass());
    m.put("trueDeliveredMg", new BigDecimal(trueMass.micrograms(3)).movePointLeft(3));
    m.put("trueDeliveredMl", new BigDecimal(retiredTrueVolume.plus(pump.trueDeliveredVolume()).millilitres()));
    m.put("believedDeliveredMl", new BigDecimal(retiredBelievedVolume.plus(s.volumeDelivered()).millilitres()));
    m.put("strokesDelivered", retiredStrokes + s.strokesDelivered());
    m.put("finalTrueReservoirMl", new BigDecimal(pump.trueReservoirVolume().millilitres()));
    m.put("finalBelievedReservoirMl", new BigDecimal(s.reservoirBelief().millilitres()));
    m.put("finalMode", s.mode().name());
    m.put("finalAlarms", s.alarms().stream().map(Enum::name).sorted().toList());
    List<String> failures = new ArrayList<>(problems);
    if (!scenario.expect().pumpNotDelivering()
        && (s.mode() == org.openitb.firmware.Mode.NOT_PROGRAMMED || s.mode() == org.openitb.firmware.Mode.STOPPED
            || s.mode() == org.openitb.firmware.Mode.STOP_EXPIRED)) {
      failures.add("the pump ended the run " + s.mode() + " (delivering nothing); a scenario that means this says expect: {pumpNotDelivering: true}");
    }
    m.put("problems", failures);
    m.put("eriAt", eriAt);
    m.put("endOfServiceAt", endOfServiceAt);
    m.put("alarmCount", alarms.size());
    m.put("alarms", alarms);
    m.put("refills", refills);
    m.put("patientBolusRequests", bolusRequests);
    m.put("patientBolusesGranted", bolusesGranted);
    m.put("refusedCommands", refusals);
    m.put("stalls", stallEpisodes); // episodes (StallStarted in the pumps' logs), not failed attempts
    m.put("failedStrokeAttempts", retiredStalls + pump.stalls());
    m.put("interrogationRequired", s.interrogationRequired());
    m.put("mriScans", mriScans);
    m.put("resets", retiredResets + pump.resets());
    m.put("batteryRemainingPercent", s.batteryCapacityMicroampHours() == 0 ? BigDecimal.ZERO
        : new BigDecimal(s.batteryRemainingMicroampHours() * 100).divide(new BigDecimal(s.batteryCapacityMicroampHours()), 1, java.math.RoundingMode.DOWN));
    m.put("logEntries", logEntries);
    m.put("simulatedEvents", scheduler.executed() + retiredWakes + pump.wakes());
    m.put("trueLeakedMg", new BigDecimal(retiredLeakedMass.plus(pump.trueLeakedMass()).micrograms(3)).movePointLeft(3));
    m.put("truePocketMg", new BigDecimal(retiredPocketMass.plus(pump.truePocketMass()).micrograms(3)).movePointLeft(3));
    if (patientRun != null) {
      m.put("patient", patientRun.summary(endMillis));
    }
    return m;
  }

  private LocalDateTime localAt(long millis) {
    return scenario.start().plus(Duration.ofMillis(millis));
  }

  private long millis(LocalDateTime t) {
    return Duration.between(scenario.start(), t).toMillis();
  }

  private void openOutputs() throws IOException {
    if (outDir.isEmpty()) {
      return;
    }
    Files.createDirectories(outDir.get());
    timeline = Files.newBufferedWriter(outDir.get().resolve("timeline.csv"));
    timeline.write("at,trueReservoirMl,believedReservoirMl,trueDeliveredMcg,trueDeliveredMl,believedDeliveredMl,batteryPercent,mode,alarms"
        + (scenario.patient().isPresent() ? PatientRun.COLUMNS : "") + "\n");
    events = Files.newBufferedWriter(outDir.get().resolve("events.jsonl"));
  }

  private void closeOutputs() {
    for (Writer w : new Writer[] {timeline, events}) {
      if (w != null) {
        try {
          w.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static void write(Writer w, CharSequence s) {
    try {
      w.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
