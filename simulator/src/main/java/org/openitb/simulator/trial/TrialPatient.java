// SPDX-License-Identifier: Apache-2.0
package org.openitb.simulator.trial;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.openitb.firmware.AlarmKind;
import org.openitb.firmware.Mode;
import org.openitb.hardware.HardwareParameters;
import org.openitb.physiology.AgeGroup;
import org.openitb.physiology.OverdoseStage;
import org.openitb.physiology.Patient;
import org.openitb.physiology.PatientParameters;
import org.openitb.physiology.Population;
import org.openitb.physiology.WithdrawalStage;
import org.openitb.simulator.fast.EventLevelPump;
import org.openitb.simulator.fast.FastSimulation;
import org.openitb.therapy.calc.BridgeBolus;
import org.openitb.therapy.calc.ReservoirForecast;
import org.openitb.therapy.device.CatheterModel;
import org.openitb.therapy.drug.Drug;
import org.openitb.therapy.drug.DrugLibrary;
import org.openitb.therapy.drug.Etiology;
import org.openitb.therapy.prescription.Prescription;
import org.openitb.therapy.prescription.SimpleContinuous;
import org.openitb.therapy.units.Concentration;
import org.openitb.therapy.units.DoseRate;
import org.openitb.therapy.units.Volume;

/**
 * The trial's one pure function: (trial, arm, patient id) to what that patient lived through. A
 * virtual patient ({@code physiology}) drawn from the trial's population by (seed, patient id)
 * gets an implanted pump at event-level fidelity ({@link EventLevelPump}); the true drug mass
 * leaving the catheter tip drives the patient; a clinic following the arm's policy books refills
 * from the reservoir forecast ({@link ReservoirForecast}, minus the arm's buffer), titrates by the
 * arm's step from the tone it measures, changes to a stronger concentration when refills would
 * come too often (with or without a bridge bolus), answers a stopped pump's alarm within 12 to 72
 * hours, and replaces the pump 30 days after its replacement indicator. The patient may miss a
 * booked visit (the arm's probability) and then comes 1 to 3 weeks later.
 *
 * <p>Deterministic: the patient and every draw of the clinic depend only on (seed, patient id),
 * and the clinic's draws are the same stream in every arm, so arms are compared on the same
 * patients (common random numbers).
 */
public final class TrialPatient {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  static final long YEAR = 365 * DAY;
  /** Titration visits after implant (days), besides the refills. */
  static final int[] TITRATION_DAYS = {14, 28, 56, 84, 182, 273};
  /** Grade above which the clinic titrates up ("1+" = 1.5). */
  static final double TONE_TARGET = 1.5;
  /** A refill interval shorter than this at the current concentration moves to the next stocked one. */
  static final long MIN_REFILL_INTERVAL_DAYS = 60;
  static final long REPLACE_AFTER_ERI_DAYS = 30;
  private static final DrugLibrary LIBRARY = DrugLibrary.standard();

  private enum Kind { TITRATION, REFILL, URGENT, REPLACE, ONE_YEAR }

  private record Visit(long at, long seq, Kind kind, boolean rebooked) implements Comparable<Visit> {
    @Override
    public int compareTo(Visit o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final TrialSpec spec;
  private final Arm arm;
  private final long id;
  private final SplittableRandom clinic;
  private final PriorityQueue<Visit> visits = new PriorityQueue<>();
  private final Patient patient;
  private final org.openitb.physiology.Etiology etiology;
  private final AgeGroup age;
  private final Etiology therapyEtiology;
  private final Drug drug = LIBRARY.drug("baclofen");
  private final Volume deadVolume;
  private EventLevelPump pump;
  private long boot;
  private long seq;
  private long dose; // mcg/day
  private Concentration concentration = Concentration.ofMicrogramsPerMillilitre(500);
  // tip flow into the patient, accumulated between flushes
  private long pendingFrom;
  private long pendingTo;
  private long pendingNg;
  // outcomes
  private final double[] withdrawalHours = new double[3];
  private final double[] overdoseHours = new double[3];
  private WithdrawalStage withdrawal = WithdrawalStage.NONE;
  private OverdoseStage overdose = OverdoseStage.NONE;
  private long stageSince;
  private double stoppedHours;
  private long stoppedSince = -1;
  private long alarms;
  private long criticalAlarms;
  private long visitCount;
  private long missed;
  private long doseAtOneYear;
  private double toneAtOneYear;
  private long retiredStrokes;
  private boolean urgentBooked;

  private TrialPatient(TrialSpec spec, Arm arm, long id) {
    this.spec = spec;
    this.arm = arm;
    this.id = id;
    SplittableRandom draw = new SplittableRandom(Population.mix(spec.seed(), id));
    TrialSpec.Stratum stratum = pick(spec.population(), draw.nextDouble());
    this.etiology = stratum.etiology();
    this.age = stratum.age();
    this.therapyEtiology = etiology.therapyEtiology(age);
    this.clinic = new SplittableRandom(Population.mix(draw.nextLong(), 0x7C11_41C5L));
    PatientParameters params = Population.of(etiology, age).sample(spec.seed(), id);
    this.patient = Patient.naive(params, 0).listener(this::stageChanged);
    this.deadVolume = BridgeBolus.deadVolume(spec.pumpModel().pumpTubing(), CatheterModel.GENERIC, spec.catheterLengthCm());
    this.dose = age == AgeGroup.CHILD ? 50 : 100; // twice an effective 25 / 50 mcg screening bolus (therapy StartingDose rule)
  }

  /** What patient {@code patientId} of {@code spec} lived through in {@code arm}. */
  public static PatientOutcome run(TrialSpec spec, Arm arm, long patientId) {
    return new TrialPatient(spec, arm, patientId).live();
  }

  private static TrialSpec.Stratum pick(List<TrialSpec.Stratum> strata, double u) {
    double total = strata.stream().mapToDouble(TrialSpec.Stratum::weight).sum();
    double acc = 0;
    for (TrialSpec.Stratum s : strata) {
      acc += s.weight() / total;
      if (u < acc) {
        return s;
      }
    }
    return strata.get(strata.size() - 1);
  }

  private PatientOutcome live() {
    long end = spec.years() * YEAR;
    implant(0);
    for (int d : TITRATION_DAYS) {
      book(d * DAY, Kind.TITRATION, false);
    }
    book(YEAR, Kind.ONE_YEAR, false);
    while (true) {
      long next = visits.isEmpty() ? end : Math.min(end, visits.peek().at);
      long reached = boot + pump.advanceTo(next - boot, true);
      if (reached < next) {
        continue; // an alarm: its reaction is booked, look again
      }
      if (next >= end) {
        break;
      }
      visit(visits.poll());
    }
    flush();
    patient.advanceTo(Math.max(end, patient.nowMillis()));
    closeStages(end);
    if (stoppedSince >= 0) {
      stoppedHours += (end - stoppedSince) / (double) HOUR;
    }
    return new PatientOutcome(arm.name(), id, etiology.name(), age.name(), withdrawalHours, overdoseHours, stoppedHours, alarms,
        criticalAlarms, visitCount, missed, doseAtOneYear, dose, toneAtOneYear, retiredStrokes + pump.strokesDelivered());
  }

  // ---------------------------------------------------------------- the pump and the tip

  private void implant(long at) {
    if (pump != null) {
      retiredStrokes += pump.strokesDelivered();
    }
    boot = at;
    LocalDateTime local = spec.start().plus(Duration.ofMillis(at));
    pump = new EventLevelPump(spec.pumpModel(), LIBRARY, HardwareParameters.typical(), local.toLocalTime().toNanoOfDay() / 1_000_000,
        deadVolume, concentration, FastSimulation.TYPICAL_BIAS_PPM, new EventLevelPump.Listener() {
          @Override
          public void alarmRaised(long rtc, AlarmKind kind) {
            onAlarm(boot + rtc, kind);
          }

          @Override
          public void modeChanged(long rtc, Mode mode) {
            onMode(boot + rtc, mode);
          }

          @Override
          public void delivered(long fromRtc, long toRtc, long tipNanograms) {
            pendingTo = Math.max(pendingTo, boot + toRtc);
            pendingNg += tipNanograms;
          }
        });
    pendingFrom = Math.max(pendingFrom, at);
    pendingTo = pendingFrom;
    pump.refill(spec.pumpModel().reservoir(), drug, concentration);
    pump.program(prescription(), therapyEtiology, spec.pumpModel().defaultLowReservoirAlarm());
    bookRefill(at);
  }

  private void flush() {
    if (pendingNg > 0) {
      if (pendingTo > pendingFrom) {
        patient.deliver(pendingFrom, pendingTo, pendingNg / 1000.0);
      } else {
        patient.bolus(pendingFrom, pendingNg / 1000.0);
      }
    }
    pendingNg = 0;
    pendingFrom = Math.max(pendingFrom, pendingTo);
    pendingTo = pendingFrom;
  }

  private void onMode(long at, Mode mode) {
    flush();
    if (!mode.delivers()) {
      if (stoppedSince < 0) {
        stoppedSince = at;
      }
      long t = Math.max(at, patient.nowMillis());
      patient.setTipFlow(t, 0);
      pendingFrom = Math.max(pendingFrom, t);
      pendingTo = pendingFrom;
    } else {
      if (stoppedSince >= 0) {
        stoppedHours += (at - stoppedSince) / (double) HOUR;
        stoppedSince = -1;
      }
      long t = Math.max(at, patient.nowMillis());
      patient.advanceTo(t);
      pendingFrom = t;
      pendingTo = t;
    }
  }

  private void onAlarm(long at, AlarmKind kind) {
    alarms++;
    if (kind.critical()) {
      criticalAlarms++;
    }
    if ((kind == AlarmKind.RESERVOIR_EMPTY || kind == AlarmKind.END_OF_SERVICE) && !urgentBooked) {
      urgentBooked = true;
      book(at + 12 * HOUR + clinic.nextLong(60 * HOUR), Kind.URGENT, false);
    }
    if (kind == AlarmKind.REPLACEMENT_INDICATOR && pump.eriAt().isPresent() && pump.eriAt().get() + boot == at) {
      book(at + REPLACE_AFTER_ERI_DAYS * DAY, Kind.REPLACE, false);
    }
  }

  // ---------------------------------------------------------------- the clinic

  private void book(long at, Kind kind, boolean rebooked) {
    visits.add(new Visit(at, seq++, kind, rebooked));
  }

  private void visit(Visit v) {
    long now = v.at;
    if (v.kind == Kind.ONE_YEAR) {
      flush();
      doseAtOneYear = dose;
      toneAtOneYear = patient.tone();
      return;
    }
    if (!v.rebooked && (v.kind == Kind.REFILL || v.kind == Kind.TITRATION) && clinic.nextDouble() < arm.missedVisitProbability()) {
      missed++;
      book(now + (7 + clinic.nextInt(15)) * DAY, v.kind, true);
      return;
    }
    if (v.kind == Kind.REFILL && visits.stream().anyMatch(x -> x.kind == Kind.URGENT)) {
      return; // the urgent visit refills
    }
    visitCount++;
    flush();
    if (v.kind == Kind.REPLACE || pump.mode() == Mode.END_OF_SERVICE) {
      visits.removeIf(x -> x.kind == Kind.REFILL);
      titrate();
      urgentBooked = false;
      implant(now);
      return;
    }
    titrate();
    if (v.kind == Kind.TITRATION) {
      pump.program(prescription(), therapyEtiology, spec.pumpModel().defaultLowReservoirAlarm());
      pump.interrogate(true);
      visits.removeIf(x -> x.kind == Kind.REFILL);
      bookRefill(now);
      return;
    }
    refill(now);
    urgentBooked = false;
  }

  /** The clinician measures tone (with rater noise) and changes the dose by the arm's step. */
  private void titrate() {
    double grade = patient.rateTone().value();
    long step = Math.max(1, dose * arm.titrationStepPercent() / 100);
    if (patient.overdoseStage() != OverdoseStage.NONE) {
      dose = Math.max(25, dose - step);
    } else if (grade > TONE_TARGET && arm.titrationStepPercent() > 0) {
      long max = drug.limits(therapyEtiology).hardMax().nanogramsPerDay() / 1000 * 9 / 10;
      dose = Math.min(max, dose + step);
    }
  }

  private void refill(long now) {
    Concentration next = concentration;
    long dailyNl = dose * 1_000_000_000L / next.nanogramsPerMillilitre();
    List<Concentration> stocked = drug.stockedConcentrations().stream().filter(c -> c.compareTo(next) > 0).sorted().toList();
    if (!stocked.isEmpty() && spec.pumpModel().reservoir().nanolitres() / Math.max(1, dailyNl) < MIN_REFILL_INTERVAL_DAYS) {
      concentration = stocked.get(0);
    }
    boolean changed = !concentration.equals(next);
    pump.refill(spec.pumpModel().reservoir(), drug, concentration);
    if (changed && arm.bridgeBolus()) {
      pump.bridgeBolus(deadVolume, prescription());
    } else {
      pump.program(prescription(), therapyEtiology, spec.pumpModel().defaultLowReservoirAlarm());
    }
    pump.interrogate(true);
    visits.removeIf(x -> x.kind == Kind.REFILL || x.kind == Kind.URGENT);
    bookRefill(now);
  }

  /** Books the next refill: the arm's buffer before the forecast low-reservoir alarm, within the drug's days in the pump. */
  private void bookRefill(long now) {
    LocalDateTime local = spec.start().plus(Duration.ofMillis(now));
    ReservoirForecast f = ReservoirForecast.of(pump.reservoirBelief(), local, prescription(), spec.pumpModel().defaultLowReservoirAlarm());
    long latest = now + drug.maxDaysInPump() * DAY;
    long at = f.alarmAt().map(a -> Duration.between(spec.start(), a).toMillis() - arm.refillBufferDays() * DAY).orElse(latest);
    book(Math.max(now + 7 * DAY, Math.min(at, latest)), Kind.REFILL, false);
  }

  private Prescription prescription() {
    return new Prescription(drug, concentration, new SimpleContinuous(DoseRate.ofMicrogramsPerDay(dose)), List.of(), Optional.empty());
  }

  // ---------------------------------------------------------------- stages

  private void stageChanged(long at, WithdrawalStage w, OverdoseStage o) {
    closeStages(at);
    withdrawal = w;
    overdose = o;
  }

  private void closeStages(long at) {
    double h = (at - stageSince) / (double) HOUR;
    for (int i = 0; i < 3; i++) {
      if (withdrawal.severity() > i) {
        withdrawalHours[i] += h;
      }
      if (overdose.severity() > i) {
        overdoseHours[i] += h;
      }
    }
    stageSince = at;
  }
}
