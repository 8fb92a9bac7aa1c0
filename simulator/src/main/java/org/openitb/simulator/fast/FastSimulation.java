// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.fast;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.openitb.firmware.CommandResult.Code;
import org.openitb.firmware.Mode;
import org.openitb.firmware.alarms.AlarmKind;
import org.openitb.hardware.HardwareParameters;
import org.openitb.hardware.SimulatedPump;
import org.openitb.physiology.Patient;
import org.openitb.simulator.PatientSpec;
import org.openitb.simulator.Scenario;
import org.openitb.simulator.ScenarioEvent;
import org.openitb.therapy.calc.BridgeBolus;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.Volume;

/**
 * Runs a {@link Scenario} at event-level fidelity: the same implant, refills, prescription
 * changes, patient boluses, MRI scans, alarm visits and pump replacements as {@link
 * org.openitb.simulator.Simulation}, applied to {@link EventLevelPump}s instead of firmware on
 * simulated hardware. Fault injection and clock changes are per-stroke only and refused here.
 */
public final class FastSimulation {
  /** The delivery bias of a typical pump (HardwareParameters.Accuracy.TYPICAL's mean). */
  public static final long TYPICAL_BIAS_PPM = HardwareParameters.Accuracy.TYPICAL.meanBiasPpm();

  private final Scenario scenario;
  private final DrugLibrary library;
  private final long biasPpm;
  private final EventLevelPump.Listener extra;
  private final List<FastResult.Alarm> alarms = new ArrayList<>();
  private final List<FastResult.Refusal> refusals = new ArrayList<>();
  private final PriorityQueue<Pending> queue = new PriorityQueue<>();
  private EventLevelPump pump;
  private long bootWorld;
  private int pumps;
  private Prescription prescription;
  private Concentration concentration;
  private long retiredStrokes;
  private long retiredWrittenOff;
  private long retiredTrueNl;
  private long retiredTipNg;
  private long bolusRequests;
  private long bolusesGranted;
  private Long eriAt;
  private Long eosAt;
  private long seq;
  /** Tests see the patient at each of its stage changes (the instant's state, before anything else moves it). */
  java.util.function.BiConsumer<FastResult.StageChange, Patient> stageTap = (c, p) -> { };
  /** The scenario's patient (null without one), driven by the tip delivery the pumps report. */
  private Patient patient;
  private final List<FastResult.StageChange> stageChanges = new ArrayList<>();

  private record Pending(long at, long seq, Runnable action) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /**
   * Each pump delivers with the bias the per-stroke simulation's hardware draws for it (seeded by
   * the scenario's seed and the pump's number, as {@link org.openitb.simulator.Simulation} builds
   * them), so both fidelities' true reservoirs run dry at the same instant.
   */
  public FastSimulation(Scenario scenario, DrugLibrary library) {
    this(scenario, library, DRAWN_PER_PUMP, new EventLevelPump.Listener() { });
  }

  /** {@code biasPpm} for "the bias the hardware draws for each pump". */
  public static final long DRAWN_PER_PUMP = Long.MIN_VALUE;

  /** @param listener also hears every pump's alarms, modes and deliveries (times in world ms from the scenario start) */
  public FastSimulation(Scenario scenario, DrugLibrary library, long biasPpm, EventLevelPump.Listener listener) {
    this.scenario = scenario;
    this.library = library;
    this.biasPpm = biasPpm;
    this.extra = listener;
  }

  /** Runs from the scenario's start for {@code span}. */
  public FastResult run(Duration span) {
    long end = span.toMillis();
    implant(scenario.initialFill(), scenario.prescription(), 0);
    scenario.patient().ifPresent(this::admit);
    for (ScenarioEvent e : scenario.events()) {
      long at = Duration.between(scenario.start(), e.at()).toMillis();
      if (at <= end) {
        at(at, () -> apply(e, at));
      }
    }
    while (!queue.isEmpty() && queue.peek().at <= end) {
      Pending p = queue.poll();
      pump.advanceTo(p.at - bootWorld);
      p.action.run();
    }
    pump.advanceTo(end - bootWorld);
    if (patient != null) {
      patient.advanceTo(Math.max(end, patient.nowMillis()));
    }
    return new FastResult(retiredStrokes + pump.strokesDelivered(), retiredWrittenOff + pump.strokesWrittenOff(),
        retiredTrueNl + pump.trueDeliveredVolume().nanolitres(), retiredTipNg + pump.tipNanograms(), pump.mode(),
        pump.alarms(), Optional.ofNullable(eriAt), Optional.ofNullable(eosAt), alarms, refusals, bolusRequests, bolusesGranted,
        pump.reservoirBelief(), pumps, stageChanges);
  }

  /** The patient enters at the start as the per-stroke simulation admits it (drug-naive, or adapted to the dose in force). */
  private void admit(PatientSpec spec) {
    if (spec.naive()) {
      patient = Patient.naive(spec.parameters(), 0);
    } else {
      double perDay = spec.adaptedMcgPerDay().orElseGet(
          () -> prescription.basal().rateAt(scenario.start().toLocalTime()).nanogramsPerDay() / 1000.0);
      patient = Patient.adaptedTo(spec.parameters(), 0, perDay, spec.yearsOnTherapy());
    }
    patient.listener((at, w, o) -> {
      FastResult.StageChange c = new FastResult.StageChange(at, w, o);
      stageChanges.add(c);
      stageTap.accept(c, patient);
    });
    pump.reportByRateSegment();
  }

  /**
   * Drug mass reached the tip evenly over [from, to) (world ms): the patient lives through that
   * window at its mean rate, which stays in force until the next report or a stop. A window that
   * began before the patient's present (the pump's last stroke before a stop) counts from now.
   */
  private void tip(long from, long to, long nanograms) {
    if (patient == null) {
      return;
    }
    long start = Math.max(from, patient.nowMillis());
    if (to <= start && nanograms == 0) {
      patient.setTipFlow(start, 0); // an empty report: the rotor is held, nothing flows from now
    } else {
      patient.deliver(start, Math.max(start, to), nanograms / 1000.0);
    }
  }

  /** The pump stopped delivering at {@code at}: no more drug reaches the tip from then. */
  private void tipStopped(long at) {
    if (patient != null) {
      patient.setTipFlow(Math.max(at, patient.nowMillis()), 0);
    }
  }

  private void at(long at, Runnable r) {
    queue.add(new Pending(at, seq++, r));
  }

  private void implant(Volume fill, Prescription rx, long atWorld) {
    if (pump != null) {
      retiredStrokes += pump.strokesDelivered();
      retiredWrittenOff += pump.strokesWrittenOff();
      retiredTrueNl += pump.trueDeliveredVolume().nanolitres();
      retiredTipNg += pump.tipNanograms();
      eriAt = null;
      eosAt = null;
    }
    long boot = atWorld;
    int index = pumps++;
    LocalDateTime local = scenario.start().plus(Duration.ofMillis(atWorld));
    EventLevelPump.Listener l = new EventLevelPump.Listener() {
      @Override
      public void alarmRaised(long rtc, AlarmKind kind) {
        alarms.add(new FastResult.Alarm(boot + rtc, kind, index));
        if (kind == AlarmKind.REPLACEMENT_INDICATOR && eriAt == null) {
          eriAt = boot + rtc;
        }
        extra.alarmRaised(boot + rtc, kind);
      }

      @Override
      public void modeChanged(long rtc, Mode mode) {
        if (!mode.delivers()) {
          tipStopped(boot + rtc);
        }
        if (mode == Mode.END_OF_SERVICE) {
          eosAt = boot + rtc;
        }
        extra.modeChanged(boot + rtc, mode);
      }

      @Override
      public void delivered(long fromRtc, long toRtc, long tipNanograms) {
        tip(boot + fromRtc, boot + toRtc, tipNanograms);
        extra.delivered(boot + fromRtc, boot + toRtc, tipNanograms);
      }
    };
    long bias = biasPpm != DRAWN_PER_PUMP ? biasPpm
        : SimulatedPump.drawnBiasPpm(scenario.seed() + index, HardwareParameters.typical().accuracy());
    pump = new EventLevelPump(scenario.pumpModel(), library, HardwareParameters.typical(),
        local.toLocalTime().toNanoOfDay() / 1_000_000, deadVolume(), rx.concentration(), bias, l);
    if (patient != null) {
      pump.reportByRateSegment();
    }
    bootWorld = atWorld;
    prescription = rx;
    concentration = rx.concentration();
    record(pump.refill(fill, rx.drug(), concentration), "implant: fill");
    record(pump.program(rx, scenario.etiology(), scenario.lowReservoirAlarm()), "implant: program");
  }

  private void apply(ScenarioEvent e, long atWorld) {
    switch (e) {
      case ScenarioEvent.Refill r -> refill(r);
      case ScenarioEvent.ChangePrescription c -> {
        if (record(pump.program(c.prescription(), scenario.etiology(), scenario.lowReservoirAlarm()), "prescription change")) {
          prescription = c.prescription();
        }
      }
      case ScenarioEvent.PatientBolusRequest p -> {
        bolusRequests++;
        if (record(pump.patientBolus(), "patient bolus")) {
          bolusesGranted++;
        }
      }
      case ScenarioEvent.MriScan m -> {
        if (m.fieldMilliTesla() > scenario.pumpModel().maxMriFieldMilliTesla()) {
          // the hardware's rotor stays held after a field beyond the labelling (HardwareParameters.Motor): per-stroke only
          throw new UnsupportedOperationException("an MRI scan beyond the pump's labelling (" + m.fieldMilliTesla()
              + " mT) needs the per-stroke fidelity");
        }
        pump.magneticField(atWorld - bootWorld, m.duration().toMillis(), m.fieldMilliTesla());
        m.checkAfter().ifPresent(after -> at(atWorld + m.duration().plus(after).toMillis(), () -> pump.interrogate(true)));
      }
      case ScenarioEvent.Interrogate i -> pump.interrogate(i.clearAlarms());
      case ScenarioEvent.ReplacePump r -> implant(r.fill(), prescription, atWorld);
      case ScenarioEvent.InjectFault f -> throw new UnsupportedOperationException(
          "fault injection (" + f.type() + ") needs the per-stroke fidelity");
      case ScenarioEvent.SetClock s -> throw new UnsupportedOperationException("clock changes need the per-stroke fidelity");
      // the patient's own events: nothing touches the pump (a clinic visit's tone rating changes no stage)
      case ScenarioEvent.AssessTone a -> { }
      case ScenarioEvent.ScreeningBolus b -> {
        if (patient != null) {
          patient.bolus(Math.max(atWorld, patient.nowMillis()), b.dose().nanograms() / 1000.0);
        }
      }
    }
  }

  private void refill(ScenarioEvent.Refill r) {
    Concentration next = r.concentration().orElse(concentration);
    boolean changed = !next.equals(concentration);
    boolean filled = record(pump.refill(r.volume(), prescription.drug(), next), "refill");
    Prescription target = r.newPrescription().orElse(
        new Prescription(prescription.drug(), next, prescription.basal(), prescription.scheduledBoluses(), prescription.patientBolus()));
    if (filled && changed && r.bridgeBolus()) {
      record(pump.bridgeBolus(BridgeBolus.volume(deadVolume(), concentration, next, scenario.pumpModel().bridgeMarginPpm()), target), "bridge bolus");
    } else if (filled && (changed || r.newPrescription().isPresent())) {
      record(pump.program(target, scenario.etiology(), scenario.lowReservoirAlarm()), "refill: program");
    }
    if (filled) {
      concentration = next;
      prescription = target;
    }
  }

  private Volume deadVolume() {
    return BridgeBolus.deadVolume(scenario.pumpModel().pumpTubing(), scenario.catheter(), scenario.catheterLengthCm());
  }

  private boolean record(Optional<Code> refused, String what) {
    refused.ifPresent(code -> refusals.add(new FastResult.Refusal(bootWorld + pump.now(), what, code)));
    return refused.isEmpty();
  }
}
